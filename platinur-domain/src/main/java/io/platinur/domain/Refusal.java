package io.platinur.domain;

/**
 * A command a rule refused, as a value: nothing was changed, and {@link #message()} is the exact
 * text to show the user. Each command has its own sealed refusal type implementing this one (the
 * lane's {@code ApplyRejection}, {@code OpenPromotionPrRejection}, …, the environment guard's
 * {@code EnvironmentRefusal}, the digest promotions' {@code PromotionRejection}), so code handling
 * one command's refusals meets only that command's cases, and code that only shows them needs no
 * more than this.
 */
public interface Refusal {

  /** The exact user-facing message. */
  String message();
}
