package io.platinur.application.lane;

import io.platinur.application.core.Decision;
import io.platinur.application.core.Transaction;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Actor;
import io.platinur.domain.Refusal;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.sync.RepairDecision;
import io.platinur.domain.sync.SyncDecision;
import io.platinur.domain.sync.SyncNote;
import io.platinur.domain.sync.SyncObservations;
import io.platinur.domain.sync.SyncPromotions;
import io.platinur.port.LaneStateStore.LaneVersion;
import io.platinur.port.StagingRepository;
import io.platinur.port.StagingWorkspace;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.function.Function;

/**
 * Sync Promotions: gathers what Git and the forge show and lets {@link SyncPromotions} decide, in
 * the lane's transaction. Generic in the refusal type, so merge and close can end with a sync.
 */
final class LaneSync {
  private final LaneConfiguration config;
  private final StagingRepository repository;
  private final Option<StagingWorkspace> workspace;
  private final LaneObserver observer;
  private final LaneRepair repair;
  private final Transaction<StagingLane, LaneVersion, LaneWrite> transaction;

  LaneSync(
      LaneConfiguration config, StagingRepository repository, Option<StagingWorkspace> workspace,
      LaneObserver observer, LaneRepair repair, Transaction<StagingLane, LaneVersion, LaneWrite> transaction) {
    this.config = config;
    this.repository = repository;
    this.workspace = workspace;
    this.observer = observer;
    this.repair = repair;
    this.transaction = transaction;
  }

  /** Sync Promotions, as {@code StagingLaneService#syncPromotions} describes it. */
  <R extends Refusal> Either<UseCaseFailure<R>, SyncResult> sync(Actor actor) {
    return repository.removeAbandonedLocks().<UseCaseFailure<R>>mapLeft(UseCaseFailure::unavailable)
        .flatMap(removed -> this.<R>synced(actor).flatMap(result -> removed.isEmpty()
            ? Either.right(result)
            : transaction.withoutRepair().<R, StagingLane>run(actor, (lane, attempt) -> Either.right(
                    Decision.record(LaneWrite.unchanged(lane), "Sync Promotions: " + removed.mkString(" "), lane)))
                .map(recorded -> new SyncResult(result.lane(), result.events(), result.repaired(),
                    removed.<SyncNote>map(SyncNote.LockFileRemoved::new).appendAll(result.notes())))));
  }

  /**
   * When both branches are where the lane left them (nothing moved, the common case) it is one
   * pass: the lane and the heads are read once, the forge only where the lock says there is a PR to
   * look at, and only a change is saved. When a branch moved, the lane is first repaired from Git
   * (saved on its own), then synced.
   */
  private <R extends Refusal> Either<UseCaseFailure<R>, SyncResult> synced(Actor actor) {
    return transaction.<R, Option<SyncResult>>run(actor, (lane, attempt) -> syncedWhereNothingMoved(lane))
        .flatMap(done -> done.fold(() -> this.<R>repairedThenSynced(actor), Either::right))
        .flatMap(this::resetWorkspaceWhenFinalized);
  }

  /** The sync decided on the heads read once, or nothing (and nothing saved) when a branch moved. */
  private <R extends Refusal> Either<UseCaseFailure<R>, Decision<LaneWrite, Option<SyncResult>>> syncedWhereNothingMoved(StagingLane lane) {
    return observer.heads().<UseCaseFailure<R>>mapLeft(UseCaseFailure::unavailable)
        .flatMap(heads -> SyncPromotions.headsWhereLaneLeftThem(lane, heads)
            ? observer.forSync(lane, heads).<UseCaseFailure<R>>mapLeft(UseCaseFailure::unavailable)
                .map(seen -> syncDecided(lane, seen, RepairDecision.unchanged(lane), Option::some))
            // stored only when nothing was stored yet: the lane as Git shows it, as the repair stores it
            : Either.right(Decision.save(LaneWrite.unchanged(lane), LaneRepair.REPAIRED, Option.none())));
  }

  /** A branch moved: repair from Git, then gather what Git and the forge show and decide. */
  private <R extends Refusal> Either<UseCaseFailure<R>, SyncResult> repairedThenSynced(Actor actor) {
    return transaction.withoutRepair().<R, RepairDecision>run(actor,
            (lane, attempt) -> repair.decide(lane).mapLeft(UseCaseFailure::unavailable))
        .flatMap(repaired -> transaction.<R, SyncResult>run(actor, (lane, attempt) -> observer.forSync(lane)
            .<UseCaseFailure<R>>mapLeft(UseCaseFailure::unavailable)
            .map(seen -> syncDecided(lane, seen, repaired, result -> result))));
  }

  private <T> Decision<LaneWrite, T> syncDecided(
      StagingLane lane, SyncObservations seen, RepairDecision repaired, Function<SyncResult, T> answer) {
    SyncDecision decision = SyncPromotions.decide(lane, seen, config.stagingBranch(), config.productionBranch());
    SyncResult result = new SyncResult(
        decision.next(), decision.events(), repaired.changed(), repaired.notes().appendAll(decision.notes()));
    return Decision.save(new LaneWrite(decision.next(), decision.events()), syncAction(decision.events()), answer.apply(result));
  }

  private <R extends Refusal> Either<UseCaseFailure<R>, SyncResult> resetWorkspaceWhenFinalized(SyncResult synced) {
    boolean finalized = synced.events().exists(e -> e instanceof LaneEvent.PromotionFinalized);
    return workspace.filter(ws -> finalized)
        .map(ws -> ws.resetTo(synced.lane().stagingHead()).<UseCaseFailure<R>>mapLeft(UseCaseFailure::unavailable).map(reset -> synced))
        .getOrElse(Either.right(synced));
  }

  private static String syncAction(Seq<LaneEvent> events) {
    return events.isEmpty() ? "Sync Promotions"
        : "Sync Promotions: " + events.map(e -> e.getClass().getSimpleName()).mkString(", ");
  }
}
