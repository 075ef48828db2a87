package io.platinur.domain.lane;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.repository.CommitId;
import java.util.Objects;

/** Why the batch's promotion PR cannot be opened (or recorded as opened). */
public sealed interface OpenPromotionPrRejection extends CommandRejection
    permits OpenPromotionPrRejection.EmptyBatch,
        OpenPromotionPrRejection.AlreadyOpen,
        OpenPromotionPrRejection.AwaitingMainSync,
        OpenPromotionPrRejection.HeadMismatch {

  /** Nothing is staged. */
  record EmptyBatch() implements OpenPromotionPrRejection {
    @Override
    public RejectionReason reason() {
      return RejectionReason.EMPTY_BATCH;
    }

    @Override
    public String message() {
      return "Nothing is staged. Apply a proposal to Staging before opening a promotion PR.";
    }
  }

  /** Another promotion PR is open for the batch. */
  record AlreadyOpen(PullRequestNumber open) implements OpenPromotionPrRejection {
    public AlreadyOpen {
      Objects.requireNonNull(open, "open");
    }

    @Override
    public RejectionReason reason() {
      return RejectionReason.PROMOTION_PR_ALREADY_OPEN;
    }

    @Override
    public String message() {
      return "Promotion PR " + open + " is already open for the staged batch.";
    }
  }

  /** A merged promotion waits for Sync Promotions. */
  record AwaitingMainSync() implements OpenPromotionPrRejection {
    @Override
    public RejectionReason reason() {
      return RejectionReason.AWAITING_MAIN_SYNC;
    }

    @Override
    public String message() {
      return ReleaseLock.AWAITING_MAIN_SYNC_MESSAGE;
    }
  }

  /** The PR points at another commit than the staging head: it would merge something else. */
  record HeadMismatch(PullRequestNumber pr, CommitId prHead, CommitId stagingHead) implements OpenPromotionPrRejection {
    public HeadMismatch {
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(prHead, "prHead");
      Objects.requireNonNull(stagingHead, "stagingHead");
    }

    @Override
    public RejectionReason reason() {
      return RejectionReason.PROMOTION_PR_HEAD_MISMATCH;
    }

    @Override
    public String message() {
      return "Promotion PR " + pr + " points at " + prHead.abbreviated() + ", but the staging head is "
          + stagingHead.abbreviated() + ". Push the staging branch, then open the promotion PR again.";
    }
  }
}
