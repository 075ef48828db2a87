package io.platinur.application.preview;

import io.platinur.application.core.VersionedStore;
import io.platinur.domain.preview.PreviewAction;
import io.platinur.domain.preview.PreviewEnvironment;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.port.AuditEntry;
import io.platinur.port.PortFailure;
import io.platinur.port.PreviewStore.PreviewVersion;
import io.platinur.port.PreviewStore.StoredPreviews;
import io.platinur.port.PreviewStore;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** The {@link PreviewStore} as the application core's transactions see it: one view per kind of change. */
final class PreviewStores {
  private PreviewStores() {}

  /**
   * Writing a plan's actions. Reconciling is idempotent, so a write whose answer was lost ({@link
   * PortFailure.Kind#UNKNOWN_OUTCOME}) is read and planned again like a lost race: a write that did
   * take effect leaves nothing to do. With an {@code author}, the change is authored by them at the
   * audit entry's time; without, it is the store's own.
   */
  static VersionedStore<StoredPreviews, PreviewVersion, Seq<PreviewAction>> plans(PreviewStore store, Option<CommitAuthor> author) {
    return new VersionedStore<>() {
      @Override
      public Either<PortFailure, Loaded<StoredPreviews, PreviewVersion>> load() {
        return store.load().map(stored -> Loaded.stored(stored, stored.version()));
      }

      @Override
      public Either<PortFailure, ?> save(Loaded<StoredPreviews, PreviewVersion> loaded, Seq<PreviewAction> actions, AuditEntry audit) {
        return author.fold(
            () -> store.write(loaded.state().version(), actions, audit.at()),
            who -> store.write(loaded.state().version(), actions, new CommitAuthor(who.actor(), who.email(), audit.at())));
      }

      @Override
      public boolean changes(Loaded<StoredPreviews, PreviewVersion> loaded, Seq<PreviewAction> actions) {
        return !actions.isEmpty();
      }

      @Override
      public boolean lostRace(PortFailure failure) {
        return failure.isConflict() || failure.kind() == PortFailure.Kind.UNKNOWN_OUTCOME;
      }
    };
  }

  /** Recording cleanups as done. */
  static VersionedStore<StoredPreviews, PreviewVersion, Seq<PreviewEnvironment>> cleanups(PreviewStore store) {
    return new VersionedStore<>() {
      @Override
      public Either<PortFailure, Loaded<StoredPreviews, PreviewVersion>> load() {
        return store.load().map(stored -> Loaded.stored(stored, stored.version()));
      }

      @Override
      public Either<PortFailure, ?> save(Loaded<StoredPreviews, PreviewVersion> loaded, Seq<PreviewEnvironment> cleaned, AuditEntry audit) {
        return store.cleanedUp(loaded.state().version(), cleaned);
      }

      @Override
      public boolean changes(Loaded<StoredPreviews, PreviewVersion> loaded, Seq<PreviewEnvironment> cleaned) {
        return !cleaned.isEmpty();
      }
    };
  }
}
