package io.platinur.domain.preview;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.proposal.RepoPath;
import io.vavr.control.Option;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PreviewLayoutTest {

  @Nested
  class The_standard_layout {
    private final PreviewLayout layout = PreviewLayout.standard();

    @Test
    void puts_a_preview_in_previews_pr_n_values_yaml() {
      assertThat(layout.directoryOf(PullRequestNumber.of(42))).isEqualTo(RepoPath.of("previews/pr-42"));
      assertThat(layout.valuesFileOf(PullRequestNumber.of(42))).isEqualTo(RepoPath.of("previews/pr-42/values.yaml"));
    }

    @Test
    void reads_back_a_number_only_as_platinur_writes_it() {
      assertThat(layout.numberOf("pr-42")).isEqualTo(Option.of(PullRequestNumber.of(42)));
      assertThat(layout.numberOf("pr-042")).isEmpty();
      assertThat(layout.numberOf("pr-0")).isEmpty();
      assertThat(layout.numberOf("pr--1")).isEmpty();
      assertThat(layout.numberOf("pr-4x")).isEmpty();
      assertThat(layout.numberOf("pr-")).isEmpty();
      assertThat(layout.numberOf("notes")).isEmpty();
      assertThat(layout.numberOf("pr-99999999999999999999")).isEmpty();
      assertThat(layout.looksLikePreview("pr-042")).isTrue();
      assertThat(layout.looksLikePreview("notes")).isFalse();
    }

    @Test
    void contains_only_paths_under_its_root() {
      assertThat(layout.contains(RepoPath.of("previews/pr-1/values.yaml"))).isTrue();
      assertThat(layout.contains(RepoPath.of("previews"))).isTrue();
      assertThat(layout.contains(RepoPath.of("previews-old/pr-1/values.yaml"))).isFalse();
      assertThat(layout.contains(RepoPath.of("environments/prod/values.yaml"))).isFalse();
    }
  }

  @Test
  void a_configured_layout_with_prefix_and_suffix_round_trips_numbers() {
    PreviewLayout layout = PreviewLayout.of("deploy/previews", "app-{n}-preview", "overrides.yaml").get();
    PullRequestNumber pr = PullRequestNumber.of(7);
    assertThat(layout.valuesFileOf(pr)).isEqualTo(RepoPath.of("deploy/previews/app-7-preview/overrides.yaml"));
    assertThat(layout.numberOf(layout.directoryName(pr))).contains(pr);
    assertThat(layout.toString()).isEqualTo("deploy/previews/app-{n}-preview/overrides.yaml");
  }

  @Test
  void refuses_bad_layouts_reporting_every_problem_at_once() {
    assertThat(PreviewLayout.of("/abs", "pr", "a/b.yaml").getError()).containsExactly(
        "Repository path ‘/abs’ is absolute; give it relative to the repository root.",
        "The preview directory pattern ‘pr’ must contain {n} exactly once.",
        "‘a/b.yaml’ must be one name, without ‘/’.");
    assertThat(PreviewLayout.of("previews", "{n}-{n}", "values.yaml").getError())
        .containsExactly("The preview directory pattern ‘{n}-{n}’ must contain {n} exactly once.");
    assertThat(PreviewLayout.of("previews", "pr/{n}", "values.yaml").getError())
        .containsExactly("The preview directory pattern ‘pr/{n}’ must name one directory: ‘pr/1’ must be one name, without ‘/’.");
    assertThat(PreviewLayout.of("previews", "v2{n}", "values.yaml").getError())
        .containsExactly("The preview directory pattern ‘v2{n}’ must not put a digit next to {n}.");
    assertThat(PreviewLayout.of("previews", "pr-{n}", "..").isInvalid()).isTrue();
  }
}
