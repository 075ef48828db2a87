package io.platinur.port.memory;

import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.platinur.port.AuditEntry;
import io.platinur.port.LaneChange;
import io.platinur.port.LaneStateStore;
import io.platinur.port.PortFailure;
import io.platinur.port.StagingRepository;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * A lane state store in this process's memory, for tests and single-process hosts. It moves the
 * staging branch through the {@link StagingRepository} (compare-and-swap) while holding its own
 * lock, so within one process the branch and the state move together. Across processes, use the
 * Git-backed store, which makes both one atomic ref update.
 */
public final class InMemoryLaneStateStore implements LaneStateStore {
  private final StagingRepository staging;
  private Option<StoredLane> stored = Option.none();
  private long versions;
  private List<LaneChange> history = List.empty();

  public InMemoryLaneStateStore(StagingRepository staging) {
    this.staging = staging;
  }

  @Override
  public synchronized Either<PortFailure, Option<StoredLane>> load() {
    return Either.right(stored);
  }

  @Override
  public synchronized Either<PortFailure, StoredLane> save(
      Option<LaneVersion> expected, StagingLane next, Seq<LaneEvent> events, AuditEntry audit) {
    Option<LaneVersion> current = stored.map(StoredLane::version);
    if (!current.equals(expected)) {
      return Either.left(PortFailure.of(PortFailure.Kind.CONFLICT,
          "The lane state changed since it was read (expected " + expected.map(LaneVersion::token).getOrElse("nothing")
              + ", found " + current.map(LaneVersion::token).getOrElse("nothing") + ")."));
    }
    return staging.heads()
        .flatMap(heads -> heads.staging().equals(next.stagingHead())
            ? Either.<PortFailure, Object>right(heads.staging())
            : staging.moveStaging(expectedStaging(heads.staging()), next.stagingHead()).map(moved -> moved))
        .map(moved -> {
          LaneVersion version = new LaneVersion(Long.toString(++versions));
          StoredLane saved = new StoredLane(version, next);
          stored = Option.some(saved);
          history = history.append(new LaneChange(version, events, audit));
          return saved;
        });
  }

  @Override
  public synchronized Either<PortFailure, Seq<LaneChange>> history() {
    return Either.right(history);
  }

  private io.platinur.domain.repository.CommitId expectedStaging(io.platinur.domain.repository.CommitId current) {
    // The branch must still be where the stored lane left it; a stranger's move is a conflict.
    return stored.map(s -> s.lane().stagingHead()).getOrElse(current);
  }
}
