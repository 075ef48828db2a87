package io.platinur.domain.lane;

/** Why the staged batch cannot be discarded. */
public sealed interface DiscardRejection extends CommandRejection permits DiscardRejection.PromotionPrExists {

  /** A promotion PR exists for the batch: discard is available only until then. */
  record PromotionPrExists() implements DiscardRejection {
    @Override
    public RejectionReason reason() {
      return RejectionReason.PROMOTION_PR_EXISTS;
    }

    @Override
    public String message() {
      return "A promotion PR exists for the staged batch. Discard is available only until a promotion PR exists.";
    }
  }
}
