package io.platinur.domain.digest;

import io.platinur.domain.forge.PullRequestNumber;
import io.vavr.collection.Seq;
import java.time.Instant;
import java.util.Objects;

/** Why {@link DigestPromotions#complete} refused. */
public sealed interface CompleteRejection extends DigestPromotionRejection
    permits TargetRejection,
        CompleteRejection.NoPromotion,
        CompleteRejection.NotYetOpened,
        CompleteRejection.GateBlocked,
        CompleteRejection.CanaryRunning,
        CompleteRejection.AlreadyComplete,
        CompleteRejection.RollbackInProgress {

  /** {@code No promotion of api to prod is in progress.} */
  record NoPromotion(PromotionTarget target) implements CompleteRejection, EvaluateRejection {
    public NoPromotion {
      Objects.requireNonNull(target, "target");
    }

    @Override
    public String message() {
      return "No promotion of " + target.service() + " to " + target.environment() + " is in progress.";
    }
  }

  /** The promotion was decided but its PR is not open yet (a crash in between; sync repairs it). */
  record NotYetOpened(PromotionTarget target) implements CompleteRejection {
    public NotYetOpened {
      Objects.requireNonNull(target, "target");
    }

    @Override
    public String message() {
      return "The promotion of " + target.service() + " to " + target.environment() + " has no PR yet. Sync Promotions to open it.";
    }
  }

  /** The step's gate does not pass; {@code failures} lists every unmet condition. */
  record GateBlocked(PromotionTarget target, PullRequestNumber pr, Seq<StepFailure> failures) implements CompleteRejection {
    public GateBlocked {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(failures, "failures");
    }

    @Override
    public String message() {
      return "PR " + pr + " promoting " + target.service() + " to " + target.environment() + " cannot merge yet: "
          + failures.map(StepFailure::message).mkString(" ");
    }
  }

  /** The canary has no verdict yet and its timeout has not passed. */
  record CanaryRunning(PromotionTarget target, Instant deadline) implements CompleteRejection {
    public CanaryRunning {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(deadline, "deadline");
    }

    @Override
    public String message() {
      return "The canary of " + target.service() + " in " + target.environment()
          + " has no verdict yet; it rolls back if none arrives by " + deadline + ".";
    }
  }

  /** {@code The promotion of api to prod is already complete.} */
  record AlreadyComplete(PromotionTarget target) implements CompleteRejection {
    public AlreadyComplete {
      Objects.requireNonNull(target, "target");
    }

    @Override
    public String message() {
      return "The promotion of " + target.service() + " to " + target.environment() + " is already complete.";
    }
  }

  /** The promotion is being rolled back. */
  record RollbackInProgress(PromotionTarget target, PullRequestNumber revertPr) implements CompleteRejection {
    public RollbackInProgress {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(revertPr, "revertPr");
    }

    @Override
    public String message() {
      return "The promotion of " + target.service() + " to " + target.environment() + " is being rolled back: PR " + revertPr
          + ". Merge or close it first.";
    }
  }
}
