package io.platinur.port;

import io.platinur.domain.lane.LaneEvent;
import io.platinur.port.LaneStateStore.LaneVersion;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * One saved change of a lane, as its history lists it: the version the save produced, the events
 * that led to it (none for a repair from Git) and who made it, when, doing what.
 */
public record LaneChange(LaneVersion version, Seq<LaneEvent> events, AuditEntry audit) {
  public LaneChange {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(audit, "audit");
  }
}
