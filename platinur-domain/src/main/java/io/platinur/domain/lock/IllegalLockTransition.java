package io.platinur.domain.lock;

import java.util.Objects;

/**
 * A lock event that cannot happen in the lock's current state (merging a promotion PR while
 * unlocked, syncing another PR than the merged one, …): a typed error, never a silent reset.
 */
public record IllegalLockTransition(ReleaseLock from, String event) {
  public IllegalLockTransition {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(event, "event");
  }

  /** Names the event and the state it cannot happen in. */
  public String message() {
    return "The release lock cannot take ‘" + event + "’ while " + from.describe() + ".";
  }

  @Override
  public String toString() {
    return message();
  }
}
