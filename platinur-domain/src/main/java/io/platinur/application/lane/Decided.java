package io.platinur.application.lane;

import io.platinur.application.lane.LaneFailure.Unavailable;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.platinur.port.PortFailure;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.util.function.Function;

/**
 * What one attempt of a use case decided on the freshly read lane: the lane after it, the events
 * to store, the audit action, and what the use case returns once stored. It is saved only when it
 * changes the lane, unless {@code recordUnchanged} asks for a history entry anyway.
 */
record Decided<T>(StagingLane next, Seq<LaneEvent> events, String action, T result, boolean recordUnchanged) {

  Decided(StagingLane next, Seq<LaneEvent> events, String action, T result) {
    this(next, events, action, result, false);
  }

  /** An entry in the lane's history for something done beside the lane (the lane stays as it is). */
  static Decided<StagingLane> recorded(StagingLane lane, String action) {
    return new Decided<>(lane, io.vavr.collection.List.empty(), action, lane, true);
  }

  /**
   * The lane after the events a command decided on it. The lane's own commands produce only
   * legal events; a stored state they do not fit is out of line with the rules.
   */
  static <T> Either<LaneFailure, Decided<T>> of(
      StagingLane lane, Seq<LaneEvent> events, String action, Function<StagingLane, T> result) {
    return lane.after(events)
        .<LaneFailure>mapLeft(illegal -> new Unavailable(PortFailure.of(PortFailure.Kind.REPOSITORY_DAMAGED,
            "The staging lane's stored state does not allow this change: " + illegal.message())))
        .map(next -> new Decided<>(next, events, action, result.apply(next)));
  }
}
