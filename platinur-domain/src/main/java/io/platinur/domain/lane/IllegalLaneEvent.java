package io.platinur.domain.lane;

import java.util.Objects;

/**
 * An event that cannot happen to the lane in its current state: a lock event its {@link
 * io.platinur.domain.lock.ReleaseLock} refuses, or a batch change the {@link
 * io.platinur.domain.batch.PromotionBatch} refuses. The lane's own commands never produce one; a
 * stored or replayed history that does is out of line with the rules.
 */
public record IllegalLaneEvent(LaneEvent event, String why) {
  public IllegalLaneEvent {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(why, "why");
  }

  public String message() {
    return event.getClass().getSimpleName() + " cannot happen here: " + why;
  }

  @Override
  public String toString() {
    return message();
  }
}
