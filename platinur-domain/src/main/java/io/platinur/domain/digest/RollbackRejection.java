package io.platinur.domain.digest;

import io.platinur.domain.forge.PullRequestNumber;
import io.vavr.control.Option;
import java.util.Objects;

/** Why {@link DigestPromotions#rollback} refused. */
public sealed interface RollbackRejection extends DigestPromotionRejection
    permits TargetRejection,
        RollbackRejection.NothingToRollBack,
        RollbackRejection.RollbackAlreadyOpen,
        RollbackRejection.PromotionNotMerged {

  /**
   * No merged promotion to revert: none happened, or the latest was closed unmerged ({@code
   * latest} is withdrawn) or is already rolled back.
   */
  record NothingToRollBack(PromotionTarget target, Option<DigestPromotion> latest) implements RollbackRejection {
    public NothingToRollBack {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(latest, "latest");
    }

    @Override
    public String message() {
      String of = target.service() + " to " + target.environment();
      String none = "no promotion of " + of + " was merged.";
      return "Nothing to roll back: " + latest.fold(() -> none, promotion -> promotion.fold(
          proposed -> none,
          open -> none,
          merged -> none,
          canary -> none,
          promoted -> none,
          withdrawn -> "the latest promotion of " + of + " (PR " + withdrawn.pr() + ") was closed unmerged.",
          rolling -> none,
          rolled -> "the latest promotion of " + of + " is already rolled back (PR " + rolled.revertPr() + ")."));
    }
  }

  /** {@code A rollback of api in prod is already open: PR #7.} */
  record RollbackAlreadyOpen(PromotionTarget target, PullRequestNumber revertPr) implements RollbackRejection {
    public RollbackAlreadyOpen {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(revertPr, "revertPr");
    }

    @Override
    public String message() {
      return "A rollback of " + target.service() + " in " + target.environment() + " is already open: PR " + revertPr + ".";
    }
  }

  /** The latest promotion has not merged: close its PR instead; the pin never moved. */
  record PromotionNotMerged(PromotionTarget target, Option<PullRequestNumber> pr) implements RollbackRejection {
    public PromotionNotMerged {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(pr, "pr");
    }

    @Override
    public String message() {
      return "The promotion of " + target.service() + " to " + target.environment() + " has not merged"
          + pr.map(number -> " (PR " + number + " is open)").getOrElse("") + ", so the pin never moved. Close it instead of rolling back.";
    }
  }
}
