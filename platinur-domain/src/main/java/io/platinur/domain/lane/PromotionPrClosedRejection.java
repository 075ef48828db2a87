package io.platinur.domain.lane;

import io.platinur.domain.forge.PullRequestNumber;
import java.util.Objects;

/**
 * Why a promotion PR cannot be taken as closed without merging: the pull request is not the
 * batch's promotion PR, or it was merged already. Closing the promotion PR through the lane is
 * also refused when none is open ({@link NoPromotionPr}).
 */
public sealed interface PromotionPrClosedRejection extends CommandRejection
    permits NoPromotionPr, PromotionPrClosedRejection.NotThePromotionPr, PromotionPrClosedRejection.AlreadyMerged {

  /** The pull request is not the batch's promotion PR. */
  record NotThePromotionPr(PullRequestNumber pr) implements PromotionPrClosedRejection {
    public NotThePromotionPr {
      Objects.requireNonNull(pr, "pr");
    }

    @Override
    public RejectionReason reason() {
      return RejectionReason.NOT_THE_PROMOTION_PR;
    }

    @Override
    public String message() {
      return PromotionPrMergedRejection.notThePromotionPrMessage(pr);
    }
  }

  /** The promotion PR was merged already; only Sync Promotions finalizes it now. */
  record AlreadyMerged(PullRequestNumber pr) implements PromotionPrClosedRejection {
    public AlreadyMerged {
      Objects.requireNonNull(pr, "pr");
    }

    @Override
    public RejectionReason reason() {
      return RejectionReason.PROMOTION_ALREADY_MERGED;
    }

    @Override
    public String message() {
      return "Promotion PR " + pr + " is already merged. Sync Promotions to finalize it.";
    }
  }
}
