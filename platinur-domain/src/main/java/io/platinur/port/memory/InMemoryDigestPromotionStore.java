package io.platinur.port.memory;

import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotionEvent;
import io.platinur.port.AuditEntry;
import io.platinur.port.DigestPromotionChange;
import io.platinur.port.DigestPromotionStore;
import io.platinur.port.PortFailure;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * The embedded default: promotions and their history kept in memory, compare-and-swap on a version
 * counter.
 */
public final class InMemoryDigestPromotionStore implements DigestPromotionStore {
  private Option<Stored> stored = Option.none();
  private Vector<DigestPromotionChange> changes = Vector.empty();

  @Override
  public synchronized Either<PortFailure, Option<Stored>> load() {
    return Either.right(stored);
  }

  @Override
  public synchronized Either<PortFailure, Stored> save(
      Option<String> expected, Seq<DigestPromotion> latest, Seq<DigestPromotionEvent> events, AuditEntry audit) {
    if (!expected.equals(stored.map(Stored::version))) {
      return Either.left(PortFailure.of(PortFailure.Kind.CONFLICT, "The digest promotions changed since they were read."));
    }
    String version = Integer.toString(changes.size() + 1);
    stored = Option.some(new Stored(version, latest.toList().sortBy(DigestPromotion::target)));
    changes = changes.append(new DigestPromotionChange(version, events.toList(), audit));
    return Either.right(stored.get());
  }

  @Override
  public synchronized Either<PortFailure, Seq<DigestPromotionChange>> history(Option<String> before, int limit) {
    if (limit < 1) {
      return Either.left(DigestPromotionStore.pageTooSmall(limit));
    }
    Vector<DigestPromotionChange> newestFirst = changes.reverse();
    if (before.isEmpty()) {
      return Either.right(newestFirst.take(limit));
    }
    int at = newestFirst.indexWhere(change -> change.version().equals(before.get()));
    return at < 0 ? Either.left(DigestPromotionStore.noSuchChange(before.get())) : Either.right(newestFirst.drop(at + 1).take(limit));
  }
}
