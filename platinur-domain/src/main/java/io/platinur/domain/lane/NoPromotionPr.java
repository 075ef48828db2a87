package io.platinur.domain.lane;

/**
 * No promotion PR is open for the staged batch, so there is none to merge or close: {@code No
 * promotion PR is open for the staged batch.}
 */
public record NoPromotionPr() implements PromotionPrMergedRejection, PromotionPrClosedRejection {

  @Override
  public RejectionReason reason() {
    return RejectionReason.NO_PROMOTION_PR;
  }

  @Override
  public String message() {
    return "No promotion PR is open for the staged batch.";
  }
}
