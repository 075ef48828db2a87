package io.platinur.port;

import java.time.Instant;
import java.util.Objects;

/** Who changed a lane, when (from the host's clock), and what they did, in words. */
public record AuditEntry(String actor, Instant at, String action) {
  public AuditEntry {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(action, "action");
    if (actor.isBlank() || actor.chars().anyMatch(c -> c < 0x20)) {
      throw new io.platinur.domain.InvalidValueException("An audit actor must be one non-blank line.");
    }
  }
}
