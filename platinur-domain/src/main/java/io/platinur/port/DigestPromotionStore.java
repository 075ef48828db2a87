package io.platinur.port;

import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotionEvent;
import io.platinur.domain.digest.DigestPromotions;
import io.platinur.domain.digest.PromotionPath;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * Where the latest promotion of every target is kept, updated by compare-and-swap, with the audit
 * history of every change. Hosts on several machines share one store; a writer that loses the
 * race gets {@link PortFailure.Kind#CONFLICT}. Git and the forge are the truth; this state is
 * re-derivable by a sync.
 *
 * <p>Contract: {@link #save} succeeds only when the stored version is still {@code expected}
 * ({@code none} meaning nothing is stored yet), and then hands out a new version; otherwise it
 * fails with {@code CONFLICT} and changes nothing. Every save is one change in the history, with
 * the events that led to it and who made it, when, doing what.
 */
public interface DigestPromotionStore {

  /** The stored promotions and their version; none before the first save. */
  Either<PortFailure, Option<Stored>> load();

  /**
   * Saves {@code latest} (the latest promotion of every target) if the stored version is still
   * {@code expected}; {@code events} are what led to it and {@code audit} who did it, kept as the
   * history.
   */
  Either<PortFailure, Stored> save(Option<String> expected, Seq<DigestPromotion> latest, Seq<DigestPromotionEvent> events, AuditEntry audit);

  /**
   * One page of the history, newest first: at most {@code limit} changes saved before the change
   * {@code before} (from the newest when none). Page on by passing the version of a page's last
   * change; an empty page means the history is exhausted. {@code INVALID_REQUEST} when {@code limit}
   * is below 1, {@code NOT_FOUND} when {@code before} is no change of this store.
   */
  Either<PortFailure, Seq<DigestPromotionChange>> history(Option<String> before, int limit);

  /** The stored promotions and the version to name when saving over them. */
  record Stored(String version, Seq<DigestPromotion> latest) {
    public Stored {
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(latest, "latest");
    }

    /** The stored promotions as the aggregate on {@code path}. */
    public DigestPromotions on(PromotionPath path) {
      return DigestPromotions.restore(path, latest);
    }
  }

  /** The refusal of a page of history that asks for fewer than one change. */
  static PortFailure pageTooSmall(int limit) {
    return PortFailure.of(PortFailure.Kind.INVALID_REQUEST,
        "A page of the digest promotions' history holds at least one change; asked for " + limit + ".");
  }

  /** The refusal of a page that starts after a version the store never handed out. */
  static PortFailure noSuchChange(String version) {
    return PortFailure.of(PortFailure.Kind.NOT_FOUND, "No change of the digest promotions has version " + version + ".");
  }
}
