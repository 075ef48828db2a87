package io.platinur.port;

import io.platinur.domain.Actor;
import java.time.Instant;
import java.util.Objects;

/** Who changed a lane, when (from the host's clock), and what they did, in words. */
public record AuditEntry(Actor actor, Instant at, String action) {
  public AuditEntry {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(action, "action");
  }
}
