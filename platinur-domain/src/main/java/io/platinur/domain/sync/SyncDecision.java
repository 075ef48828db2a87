package io.platinur.domain.sync;

import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.vavr.collection.Seq;
import java.util.Objects;

/** What Sync Promotions decided: the lane after it, the events to record, and the notes to show. */
public record SyncDecision(StagingLane next, Seq<LaneEvent> events, Seq<SyncNote> notes) {
  public SyncDecision {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(notes, "notes");
  }
}
