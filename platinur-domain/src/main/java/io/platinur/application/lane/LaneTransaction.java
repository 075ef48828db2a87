package io.platinur.application.lane;

import io.platinur.application.lane.LaneFailure.Unavailable;
import io.platinur.domain.lane.StagingLane;
import io.platinur.port.AuditEntry;
import io.platinur.port.LaneStateStore.StoredLane;
import io.platinur.port.LaneStateStore;
import io.platinur.port.PortFailure;
import io.platinur.port.RetryBackoff;
import io.platinur.port.TimeSource;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The compare-and-swap transaction every lane change runs in: load the lane, decide on it, save
 * the decision only if nobody saved in between; on a lost race, load and decide again, up to a
 * bounded number of attempts, waiting before each retry as the {@link RetryBackoff} says (so
 * writers that lost together do not read and save together again). When the save lost although the
 * stored lane did not change, the staging branch moved alone (a crash between two updates, a
 * hand-made push): the lane is first repaired from Git, then the decision is made again on it.
 */
final class LaneTransaction {
  private final LaneStateStore store;
  private final TimeSource time;
  private final int maxAttempts;
  private final RetryBackoff backoff;
  private final LaneRepair repair;
  private final LongAdder retries = new LongAdder();

  LaneTransaction(LaneStateStore store, TimeSource time, int maxAttempts, RetryBackoff backoff, LaneRepair repair) {
    this.store = store;
    this.time = time;
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
    this.repair = repair;
  }

  /** The retries taken so far: saves that lost a race and were decided again (from any thread). */
  long retries() {
    return retries.sum();
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
    return attempt(actor, repairWhenBranchMovedAlone, decide, 1);
  }

  /** One attempt: load, decide, and save unless nothing changed; a lost race goes to {@link #retry}. */
  private <T> Either<LaneFailure, T> attempt(
      String actor, boolean repairWhenBranchMovedAlone, Function<StagingLane, Either<LaneFailure, Decided<T>>> decide, int attempt) {
    return store.load().<LaneFailure>mapLeft(Unavailable::new).flatMap(stored -> stored
        .fold(repair::deriveFromGit, found -> Either.<LaneFailure, StagingLane>right(found.lane()))
        .flatMap(decide)
        .flatMap(decided -> !decided.recordUnchanged() && stored.exists(found -> decided.next().equals(found.lane()))
            ? Either.right(decided.result())
            : store.save(stored.map(StoredLane::version), decided.next(), decided.events(),
                    new AuditEntry(io.platinur.domain.Actor.of(actor), time.now(), decided.action()))
                .fold(
                    failure -> failure.isConflict()
                        ? retry(actor, repairWhenBranchMovedAlone, decide, attempt, stored)
                        : Either.left(new Unavailable(failure)),
                    saved -> Either.right(decided.result()))));
  }

  /**
   * After lost race number {@code attempt}: gives up when that was the last attempt; otherwise waits
   * as the backoff says, and when nobody saved in between, the staging branch moved outside the lane
   * (a crash between two updates, a hand-made push), so Git's batch is adopted first; then decide again.
   */
  private <T> Either<LaneFailure, T> retry(
      String actor, boolean repairWhenBranchMovedAlone, Function<StagingLane, Either<LaneFailure, Decided<T>>> decide,
      int attempt, Option<StoredLane> stored) {
    if (attempt >= maxAttempts) {
      return Either.left(new Unavailable(PortFailure.of(PortFailure.Kind.CONFLICT,
          "The staging lane kept changing while this ran (" + maxAttempts + " attempts). Sync Promotions, then try again.")));
    }
    retries.increment();
    backoff.beforeRetry(attempt);
    boolean movedAlone = repairWhenBranchMovedAlone && stored.exists(this::stillStored);
    Either<LaneFailure, ?> repaired = movedAlone ? runWithoutRepair(actor, repair::step) : Either.right(stored);
    return repaired.flatMap(ignored -> attempt(actor, repairWhenBranchMovedAlone, decide, attempt + 1));
  }

  private boolean stillStored(StoredLane stored) {
    return store.load().fold(failure -> false, now -> now.exists(s -> s.version().equals(stored.version())));
  }
}
