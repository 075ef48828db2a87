package io.platinur.domain.digest;

import io.platinur.domain.Refusal;

/**
 * A digest-promotion command the rules refused, with the exact message to show the user. A refused
 * command changed nothing. Each command has its own sealed set of rejections ({@link
 * PromoteRejection}, {@link CompleteRejection}, {@link RollbackRejection}, {@link
 * EvaluateRejection}), so a caller handling one command's rejections never meets another's.
 */
public sealed interface DigestPromotionRejection extends Refusal
    permits PromoteRejection, CompleteRejection, RollbackRejection, EvaluateRejection {
  /** The exact user-facing message. */
  @Override
  String message();
}
