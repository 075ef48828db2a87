package io.platinur.domain.lane;

import java.util.Objects;

/**
 * A command the rules refused: a typed reason and the exact message to show the user. A rejected
 * command changed nothing.
 */
public record Rejection(RejectionReason reason, String message) {
  public Rejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  /** Merge, close or auto-promote with no promotion PR open. */
  public static Rejection noPromotionPr() {
    return new Rejection(RejectionReason.NO_PROMOTION_PR, "No promotion PR is open for the staged batch.");
  }

  /** The message for a pull-request event about a PR that is not the batch's promotion PR. */
  static String notThePromotionPrMessage(io.platinur.domain.forge.PullRequestNumber pr) {
    return "Pull request " + pr + " is not the promotion PR of the staged batch.";
  }

  @Override
  public String toString() {
    return reason + ": " + message;
  }
}
