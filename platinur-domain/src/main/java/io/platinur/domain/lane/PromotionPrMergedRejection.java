package io.platinur.domain.lane;

import io.platinur.domain.forge.PullRequestNumber;
import java.util.Objects;

/** Why a promotion PR reported merged cannot be taken. */
public sealed interface PromotionPrMergedRejection extends CommandRejection
    permits PromotionPrMergedRejection.NoPromotionPr, PromotionPrMergedRejection.NotThePromotionPr {

  /** No promotion PR is open for the batch. */
  record NoPromotionPr() implements PromotionPrMergedRejection {
    @Override
    public RejectionReason reason() {
      return RejectionReason.NO_PROMOTION_PR;
    }

    @Override
    public String message() {
      return Rejection.noPromotionPr().message();
    }
  }

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
      return Rejection.notThePromotionPrMessage(pr);
    }
  }
}
