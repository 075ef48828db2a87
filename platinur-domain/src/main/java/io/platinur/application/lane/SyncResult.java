package io.platinur.application.lane;

import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.sync.SyncNote;
import io.vavr.collection.Seq;

/**
 * What Sync Promotions found and did: the lane after it, the events it recorded, whether it had
 * to repair the lane from Git, and typed notes for the user (for example that production does not
 * contain the merge commit yet); each note's {@link SyncNote#message()} is the exact text.
 */
public record SyncResult(StagingLane lane, Seq<LaneEvent> events, boolean repaired, Seq<SyncNote> notes) {}
