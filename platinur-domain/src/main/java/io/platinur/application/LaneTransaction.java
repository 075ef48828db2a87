package io.platinur.application;

import io.platinur.application.LaneFailure.Unavailable;
import io.platinur.domain.lane.StagingLane;
import io.platinur.port.AuditEntry;
import io.platinur.port.LaneStateStore;
import io.platinur.port.LaneStateStore.StoredLane;
import io.platinur.port.PortFailure;
import io.platinur.port.TimeSource;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.function.Function;

/**
 * The compare-and-swap transaction every lane change runs in: load the lane, decide on it, save
 * the decision only if nobody saved in between; on a lost race, load and decide again, up to a
 * bounded number of attempts. When the save lost although the stored lane did not change, the
 * staging branch moved alone (a crash between two updates, a hand-made push): the lane is first
 * repaired from Git, then the decision is made again on it.
 */
final class LaneTransaction {
  private final LaneStateStore store;
  private final TimeSource time;
  private final int maxAttempts;
  private final LaneRepair repair;

  LaneTransaction(LaneStateStore store, TimeSource time, int maxAttempts, LaneRepair repair) {
    this.store = store;
    this.time = time;
    this.maxAttempts = maxAttempts;
    this.repair = repair;
  }

  /** The lane as stored, or as derived from Git when nothing is stored yet. Changes nothing. */
  Either<LaneFailure, StagingLane> current() {
    return store.load().<LaneFailure>mapLeft(Unavailable::new)
        .flatMap(stored -> stored.isDefined() ? Either.right(stored.get().lane()) : repair.deriveFromGit());
  }

  /** Decide on the freshly loaded lane and store it, repairing from Git when the branch moved alone. */
  <T> Either<LaneFailure, T> run(String actor, Function<StagingLane, Either<LaneFailure, Decided<T>>> decide) {
    return run(actor, true, decide);
  }

  /** The same, without the repair (the repair itself runs this way). */
  <T> Either<LaneFailure, T> runWithoutRepair(String actor, Function<StagingLane, Either<LaneFailure, Decided<T>>> decide) {
    return run(actor, false, decide);
  }

  private <T> Either<LaneFailure, T> run(
      String actor, boolean repairWhenBranchMovedAlone, Function<StagingLane, Either<LaneFailure, Decided<T>>> decide) {
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      Either<PortFailure, Option<StoredLane>> loaded = store.load();
      if (loaded.isLeft()) {
        return Either.left(new Unavailable(loaded.getLeft()));
      }
      Option<StoredLane> stored = loaded.get();
      Either<LaneFailure, Decided<T>> decision =
          (stored.isDefined() ? Either.<LaneFailure, StagingLane>right(stored.get().lane()) : repair.deriveFromGit()).flatMap(decide);
      if (decision.isLeft()) {
        return Either.left(decision.getLeft());
      }
      Decided<T> decided = decision.get();
      if (stored.isDefined() && decided.next().equals(stored.get().lane())) {
        return Either.right(decided.result());
      }
      Either<PortFailure, StoredLane> saved = store.save(
          stored.map(StoredLane::version), decided.next(), decided.events(), new AuditEntry(actor, time.now(), decided.action()));
      if (saved.isRight()) {
        return Either.right(decided.result());
      }
      if (!saved.getLeft().isConflict()) {
        return Either.left(new Unavailable(saved.getLeft()));
      }
      if (repairWhenBranchMovedAlone && stored.isDefined() && stillStored(stored.get())) {
        Either<LaneFailure, ?> repaired = runWithoutRepair(actor, repair::step);
        if (repaired.isLeft()) {
          return Either.left(repaired.getLeft());
        }
      }
    }
    return Either.left(new Unavailable(PortFailure.of(PortFailure.Kind.CONFLICT,
        "The staging lane kept changing while this ran (" + maxAttempts + " attempts). Sync Promotions, then try again.")));
  }

  private boolean stillStored(StoredLane stored) {
    return store.load().fold(failure -> false, now -> now.exists(s -> s.version().equals(stored.version())));
  }
}
