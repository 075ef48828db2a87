package io.platinur.port.memory;

import io.platinur.domain.digest.DigestPromotions;
import io.platinur.port.DigestPromotionStore;
import io.platinur.port.PortFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** The embedded default: promotions kept in memory, compare-and-swap on a version counter. */
public final class InMemoryDigestPromotionStore implements DigestPromotionStore {
  private Option<Stored> stored = Option.none();
  private long saves;

  @Override
  public synchronized Either<PortFailure, Option<Stored>> load() {
    return Either.right(stored);
  }

  @Override
  public synchronized Either<PortFailure, Stored> save(Option<String> expected, DigestPromotions next) {
    if (!expected.equals(stored.map(Stored::version))) {
      return Either.left(PortFailure.of(PortFailure.Kind.CONFLICT, "The digest promotions changed since they were read."));
    }
    saves++;
    stored = Option.some(new Stored(Long.toString(saves), next));
    return Either.right(stored.get());
  }
}
