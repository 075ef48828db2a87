package io.platinur.application.lane;

import io.platinur.application.core.Decision;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Refusal;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.platinur.port.PortFailure;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a lane decision saves: the lane after it and the events that led to it (none for a repair
 * from Git or a record). The lane's state store moves the staging branch to {@code
 * next.stagingHead()} in the same atomic update.
 */
record LaneWrite(StagingLane next, Seq<LaneEvent> events) {
  LaneWrite {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(events, "events");
  }

  /** The lane as it is: saved only when nothing is stored yet. */
  static LaneWrite unchanged(StagingLane lane) {
    return new LaneWrite(lane, List.empty());
  }

  /**
   * The decision to save the lane after the events a command decided on it, answering {@code
   * result} of the next lane. The lane's own commands produce only legal events; a stored state
   * they do not fit is out of line with the rules, a damaged repository rather than a refusal.
   */
  static <R extends Refusal, T> Either<UseCaseFailure<R>, Decision<LaneWrite, T>> decided(
      StagingLane lane, Seq<LaneEvent> events, String action, Function<StagingLane, T> result) {
    return lane.after(events)
        .<UseCaseFailure<R>>mapLeft(illegal -> UseCaseFailure.unavailable(PortFailure.of(PortFailure.Kind.REPOSITORY_DAMAGED,
            "The staging lane's stored state does not allow this change: " + illegal.message())))
        .map(next -> Decision.save(new LaneWrite(next, events), action, result.apply(next)));
  }
}
