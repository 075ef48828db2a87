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

  @Override
  public String toString() {
    return reason + ": " + message;
  }
}
