package io.platinur.domain.digest;

import io.platinur.domain.proposal.RepoPath;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * Why a sync closed an {@link UnrecordedPr} instead of adopting it: a promotion or rollback of its
 * target would be {@link Refused refused} now, or the PR is {@link NotTheDecision not exactly} the
 * change Platinur would make (build once and parity: only the target's pin, set to the decided
 * digest). Nothing unrecorded is ever merged.
 */
public sealed interface UnrecordedPrNote permits UnrecordedPrNote.Refused, UnrecordedPrNote.NotTheDecision {

  UnrecordedPr pr();

  /** The exact message. */
  String message();

  /** {@code PR #5 from platinur/promote/api/staging was not recorded; closed it: <the rejection's message>} */
  record Refused(UnrecordedPr pr, DigestPromotionRejection rejection) implements UnrecordedPrNote {
    public Refused {
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(rejection, "rejection");
    }

    @Override
    public String message() {
      return pr + " was not recorded; closed it: " + rejection.message();
    }
  }

  /**
   * {@code PR #5 from platinur/promote/api/staging was not recorded; closed it: it must change only
   * environments/staging/api/values.yaml, to sha256:…}
   */
  record NotTheDecision(UnrecordedPr pr, RepoPath pinFile, Option<ImageDigest> expected) implements UnrecordedPrNote {
    public NotTheDecision {
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(pinFile, "pinFile");
      Objects.requireNonNull(expected, "expected");
    }

    @Override
    public String message() {
      return pr + " was not recorded; closed it: it must change only " + pinFile + ", to "
          + expected.map(ImageDigest::abbreviated).getOrElse("no pin") + ".";
    }
  }
}
