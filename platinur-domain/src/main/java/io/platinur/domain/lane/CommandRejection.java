package io.platinur.domain.lane;

import io.platinur.domain.Refusal;

/**
 * A lane command's refusal. Each command has its own sealed set of rejections ({@link
 * ApplyRejection}, {@link UnapplyRejection}, {@link DiscardRejection}, {@link
 * OpenPromotionPrRejection}, {@link PromotionPrClosedRejection}, {@link
 * PromotionPrMergedRejection}), so code handling one command's rejections meets only that
 * command's cases. Every rejection has a typed reason and the exact user-facing message; {@link
 * #rejection()} gives both as the one {@link Rejection} value the use cases report.
 */
public sealed interface CommandRejection extends Refusal
    permits ApplyRejection,
        UnapplyRejection,
        DiscardRejection,
        OpenPromotionPrRejection,
        PromotionPrClosedRejection,
        PromotionPrMergedRejection {

  RejectionReason reason();

  /** The exact message to show the user. */
  String message();

  /** Reason and message as one value. */
  default Rejection rejection() {
    return new Rejection(reason(), message());
  }
}
