package io.platinur.domain.digest;

import java.util.Objects;

/** A step condition that does not hold, and why, in words for the user. */
public record StepFailure(StepCondition condition, String message) {
  public StepFailure {
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(message, "message");
  }
}
