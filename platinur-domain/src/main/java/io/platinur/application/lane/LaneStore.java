package io.platinur.application.lane;

import io.platinur.application.core.VersionedStore;
import io.platinur.domain.lane.StagingLane;
import io.platinur.port.AuditEntry;
import io.platinur.port.LaneStateStore.LaneVersion;
import io.platinur.port.LaneStateStore;
import io.platinur.port.PortFailure;
import io.vavr.control.Either;

/**
 * The lane's {@link LaneStateStore} as the application core's transaction sees it: a lane nothing
 * is stored for yet is derived from Git (and saved by the first decision, changed or not); a stored
 * lane is saved again only when a decision changes it.
 */
final class LaneStore implements VersionedStore<StagingLane, LaneVersion, LaneWrite> {
  private final LaneStateStore store;
  private final LaneRepair repair;

  LaneStore(LaneStateStore store, LaneRepair repair) {
    this.store = store;
    this.repair = repair;
  }

  @Override
  public Either<PortFailure, Loaded<StagingLane, LaneVersion>> load() {
    return store.load().flatMap(stored -> stored.fold(
        () -> repair.deriveFromGit().map(Loaded::<StagingLane, LaneVersion>unstored),
        found -> Either.right(Loaded.stored(found.lane(), found.version()))));
  }

  @Override
  public Either<PortFailure, ?> save(Loaded<StagingLane, LaneVersion> loaded, LaneWrite write, AuditEntry audit) {
    return store.save(loaded.version(), write.next(), write.events(), audit);
  }

  @Override
  public boolean changes(Loaded<StagingLane, LaneVersion> loaded, LaneWrite write) {
    return !loaded.isStored() || !write.next().equals(loaded.state());
  }
}
