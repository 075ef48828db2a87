package io.platinur.port;

import io.platinur.domain.digest.DigestPromotionEvent;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * One saved change of the digest promotions, as their history lists it: the version the save
 * produced, the events that led to it (none for a change recorded before events were kept) and
 * who made it, when, doing what.
 */
public record DigestPromotionChange(String version, Seq<DigestPromotionEvent> events, AuditEntry audit) {
  public DigestPromotionChange {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(audit, "audit");
  }
}
