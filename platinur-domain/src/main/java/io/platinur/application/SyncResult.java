package io.platinur.application;

import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.vavr.collection.Seq;

/**
 * What Sync Promotions found and did: the lane after it, the events it recorded, whether it had
 * to repair the lane from Git, and notes for the user (for example that production does not
 * contain the merge commit yet).
 */
public record SyncResult(StagingLane lane, Seq<LaneEvent> events, boolean repaired, Seq<String> notes) {}
