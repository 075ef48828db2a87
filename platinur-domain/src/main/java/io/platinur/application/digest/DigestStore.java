package io.platinur.application.digest;

import io.platinur.application.core.VersionedStore;
import io.platinur.domain.digest.DigestPromotions;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.port.AuditEntry;
import io.platinur.port.DigestPromotionStore;
import io.platinur.port.DigestPromotionStore.Stored;
import io.platinur.port.PortFailure;
import io.platinur.port.WriteBudget;
import io.vavr.control.Either;

/** The {@link DigestPromotionStore} port as the transaction runs over it: the aggregate on its path, versioned. */
final class DigestStore implements VersionedStore<DigestPromotions, String, DigestChange> {
  private final DigestPromotionStore store;
  private final PromotionPath path;
  private final WriteBudget budget;

  DigestStore(DigestPromotionStore store, PromotionPath path, WriteBudget budget) {
    this.store = store;
    this.path = path;
    this.budget = budget;
  }

  @Override
  public Either<PortFailure, Loaded<DigestPromotions, String>> load() {
    return store.load().map(stored -> stored.fold(
        () -> Loaded.unstored(DigestPromotions.none(path)),
        found -> Loaded.stored(found.on(path), found.version())));
  }

  @Override
  public Either<PortFailure, Stored> save(Loaded<DigestPromotions, String> loaded, DigestChange change, AuditEntry audit) {
    // a save is a push of the record (a Git store's ref): it waits for the budget too, and a save
    // that waited checks first that no other host saved meanwhile, rather than push to lose
    budget.beforeWrite(WriteBudget.Write.PUSH);
    if (budget.waits()) {
      Either<PortFailure, Boolean> moved = store.load().map(now -> !now.map(Stored::version).equals(loaded.version()));
      if (moved.isLeft()) {
        return Either.left(moved.getLeft());
      }
      if (moved.get()) {
        return Either.left(PortFailure.of(PortFailure.Kind.CONFLICT, "The digest promotions changed while this save waited for its turn."));
      }
    }
    return store.save(loaded.version(), change.next().latest().values(), change.events(), audit);
  }

  /** Every event changes a promotion, so a change without events changes nothing. */
  @Override
  public boolean changes(Loaded<DigestPromotions, String> loaded, DigestChange change) {
    return !change.events().isEmpty();
  }
}
