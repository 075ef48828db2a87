package io.platinur.domain.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.domain.InvalidValueException;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.CommitId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The bad input issue #10 names: a PR number that is not positive, a digest that is a tag, a preview updated before it was created. */
class PreviewBadInputTest {
  private static final CommitId HEAD = CommitId.of("a".repeat(40));

  @Test
  void a_pull_request_number_must_be_positive() {
    assertThatThrownBy(() -> PullRequestNumber.of(0))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("A pull request number must be positive, got 0.");
    assertThatThrownBy(() -> PullRequestNumber.of(-3)).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void a_preview_pins_a_digest_never_a_tag() {
    assertThat(ImageDigest.parse("ghcr.io/acme/app:pr-4").isInvalid()).isTrue();
    assertThat(ImageDigest.parse("latest").getError()).contains("never a tag");
    assertThat(ImageDigest.parse("sha256:" + "ab".repeat(32)).get().abbreviated()).isEqualTo("sha256:abababababab");
  }

  @Test
  void a_preview_cannot_have_been_updated_before_it_was_created() {
    Instant created = Instant.parse("2026-12-01T12:00:00Z");
    assertThatThrownBy(() -> new PreviewEnvironment(PullRequestNumber.of(4), HEAD, ImageDigest.of("sha256:" + "ab".repeat(32)),
            created, created.minusSeconds(1)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("The preview of #4 cannot be updated (2026-12-01T11:59:59Z) before it was created (2026-12-01T12:00:00Z).");
  }

  @Test
  void a_preview_selection_label_must_not_be_blank() {
    assertThatThrownBy(() -> PreviewSelection.labelled(" ")).isInstanceOf(InvalidValueException.class)
        .hasMessage("A preview label must not be blank.");
  }
}
