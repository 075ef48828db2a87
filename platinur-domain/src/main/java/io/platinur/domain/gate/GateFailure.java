package io.platinur.domain.gate;

import java.util.Objects;

/** A gate condition that does not hold, and why, in words for the user. */
public record GateFailure(GateCondition condition, String message) {
  public GateFailure {
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(message, "message");
  }
}
