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
import io.vavr.control.Option;

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
    // a save is a push of the record (a Git store's ref): it waits for the budget too. A save that
    // waited reads the record again first (another host may have saved meanwhile) rather than push
    // to lose: a change of other targets only is taken in, and this change saved on top of it.
    budget.beforeWrite(WriteBudget.Write.PUSH);
    if (budget.waits()) {
      return store.load().flatMap(now -> now.filter(stored -> !loaded.version().contains(stored.version()))
          .fold(() -> store.save(loaded.version(), change.next().latest().values(), change.events(), audit),
              moved -> moved.on(path).rebase(loaded.state(), change.events())
                  .<Either<PortFailure, Stored>>map(rebased -> store.save(Option.some(moved.version()), rebased.latest().values(),
                      change.events(), audit))
                  .getOrElse(() -> Either.left(PortFailure.of(PortFailure.Kind.CONFLICT,
                      "The digest promotions of a target this change touches changed while it waited for its turn.")))));
    }
    return store.save(loaded.version(), change.next().latest().values(), change.events(), audit);
  }

  /** Every event changes a promotion, so a change without events changes nothing. */
  @Override
  public boolean changes(Loaded<DigestPromotions, String> loaded, DigestChange change) {
    return !change.events().isEmpty();
  }
}
