package io.platinur.port;

import io.platinur.domain.digest.DigestPromotions;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * Where the latest promotion of every target is kept, updated by compare-and-swap. Hosts on several
 * machines share one store; a writer that loses the race gets {@link PortFailure.Kind#CONFLICT}.
 */
public interface DigestPromotionStore {

  /** The stored promotions and their version; none before the first save. */
  Either<PortFailure, Option<Stored>> load();

  /** Saves {@code next} if the stored version is still {@code expected} (none: nothing stored yet). */
  Either<PortFailure, Stored> save(Option<String> expected, DigestPromotions next);

  record Stored(String version, DigestPromotions promotions) {
    public Stored {
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(promotions, "promotions");
    }
  }
}
