package io.platinur.domain.lane;

import io.platinur.domain.forge.PullRequestNumber;
import java.util.Objects;

/**
 * Why a promotion PR cannot be taken as merged: none is open ({@link NoPromotionPr}), or the pull
 * request is not the batch's promotion PR. Merging the promotion PR through the lane is refused
 * the same way.
 */
public sealed interface PromotionPrMergedRejection extends CommandRejection
    permits NoPromotionPr, PromotionPrMergedRejection.NotThePromotionPr {

  /** The pull request is not the batch's promotion PR (or was merged as another commit). */
  record NotThePromotionPr(PullRequestNumber pr) implements PromotionPrMergedRejection {
    public NotThePromotionPr {
      Objects.requireNonNull(pr, "pr");
    }

    @Override
    public RejectionReason reason() {
      return RejectionReason.NOT_THE_PROMOTION_PR;
    }

    @Override
    public String message() {
      return notThePromotionPrMessage(pr);
    }
  }

  /** The message for a pull-request event about a PR that is not the batch's promotion PR. */
  static String notThePromotionPrMessage(PullRequestNumber pr) {
    return "Pull request " + pr + " is not the promotion PR of the staged batch.";
  }
}
