package io.platinur.domain.digest;

import io.platinur.domain.forge.PullRequestNumber;
import java.time.Instant;
import java.util.Objects;

/** Why {@link DigestPromotions#gate} has no gate to evaluate for a target. */
public sealed interface EvaluateRejection extends DigestPromotionRejection
    permits TargetRejection,
        CompleteRejection.NoPromotion,
        EvaluateRejection.InCanary,
        EvaluateRejection.PrClosed,
        EvaluateRejection.PrMerged {

  /**
   * The promotion PR merged and its canary runs: its gate is behind it, and what it waits for is the
   * canary's verdict, by {@code deadline}.
   */
  record InCanary(PromotionTarget target, PullRequestNumber pr, Instant startedAt, Instant deadline) implements EvaluateRejection {
    public InCanary {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(startedAt, "startedAt");
      Objects.requireNonNull(deadline, "deadline");
    }

    @Override
    public String message() {
      return "PR " + pr + " promoting " + target.service() + " to " + target.environment() + " merged; its canary runs since "
          + startedAt + " and rolls back if no verdict arrives by " + deadline + ".";
    }
  }

  /** {@code PR #12 is closed. Sync Promotions to record it.} */
  record PrClosed(PromotionTarget target, PullRequestNumber pr) implements EvaluateRejection {
    public PrClosed {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(pr, "pr");
    }

    @Override
    public String message() {
      return "PR " + pr + " is closed. Sync Promotions to record it.";
    }
  }

  /** {@code PR #12 is already merged. Sync Promotions to record it.} */
  record PrMerged(PromotionTarget target, PullRequestNumber pr) implements EvaluateRejection {
    public PrMerged {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(pr, "pr");
    }

    @Override
    public String message() {
      return "PR " + pr + " is already merged. Sync Promotions to record it.";
    }
  }
}
