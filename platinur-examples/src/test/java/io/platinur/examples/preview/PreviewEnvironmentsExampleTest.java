package io.platinur.examples.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewEnvironmentsExampleTest {
  @TempDir Path dir;

  @Test
  void a_promotion_pr_gets_a_preview_once_built_and_merging_it_reaps_the_preview_and_drops_its_schema() {
    List<String> printed = new ArrayList<>();
    PreviewEnvironmentsExample.Outcome outcome = PreviewEnvironmentsExample.run(dir,
        Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC), printed::add);

    assertThat(outcome.messages()).hasSize(2);
    assertThat(outcome.messages().get(0)).startsWith("Preview of PR 1 created at ").endsWith("(sha256:5e5e5e5e5e5e): the PR is open and selected.");
    assertThat(outcome.messages().get(1)).isEqualTo("Preview of PR 1 reaped: the PR was merged.");
    assertThat(outcome.droppedSchemas()).containsExactly("preview_pr_1");
    assertThat(outcome.liveAtEnd()).isEmpty();
    assertThat(printed.get(0)).startsWith("PR 1 waits for a preview: no build of its head ");
  }
}
