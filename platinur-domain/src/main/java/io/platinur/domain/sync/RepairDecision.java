package io.platinur.domain.sync;

import io.platinur.domain.lane.StagingLane;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * The lane as Git records it: {@code next}, whether that differs from the lane as stored ({@code
 * changed}), and a note for each proposal that left the batch on the way.
 */
public record RepairDecision(StagingLane next, boolean changed, Seq<SyncNote> notes) {
  public RepairDecision {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(notes, "notes");
  }

  /** The lane as it is: Git records the same. */
  public static RepairDecision unchanged(StagingLane lane) {
    return new RepairDecision(lane, false, io.vavr.collection.List.empty());
  }
}
