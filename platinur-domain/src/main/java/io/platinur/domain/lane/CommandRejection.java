package io.platinur.domain.lane;

import io.platinur.domain.Refusal;

/**
 * A lane command's refusal. Each command has its own sealed set of rejections ({@link
 * ApplyRejection}, {@link UnapplyRejection}, {@link DiscardRejection}, {@link
 * OpenPromotionPrRejection}, {@link PromotionPrClosedRejection}, {@link
 * PromotionPrMergedRejection}), so code handling one command's rejections meets only that
 * command's cases. Every rejection has the exact user-facing {@link #message()} and a typed
 * {@link #reason()}, one word for a host to show or count it by (the command's {@code --json}
 * output names it).
 */
public sealed interface CommandRejection extends Refusal
    permits ApplyRejection,
        UnapplyRejection,
        DiscardRejection,
        OpenPromotionPrRejection,
        PromotionPrClosedRejection,
        PromotionPrMergedRejection {

  /** Which rule refused, as one value. */
  RejectionReason reason();
}
