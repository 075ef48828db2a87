package io.platinur.application.lane;

import io.platinur.application.core.Decision;
import io.platinur.domain.batch.PromotionBatch;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.repository.BranchHeads;
import io.platinur.domain.repository.CommitId;
import io.platinur.domain.sync.RepairDecision;
import io.platinur.domain.sync.SyncPromotions;
import io.platinur.port.PortFailure;
import io.platinur.port.StagingRepository.RecordedBatch;
import io.platinur.port.StagingRepository;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.control.Either;

/**
 * Repair from Git: the lane adopts the batch as the staging branch records it (after a crash, or
 * a change made outside Platinur). Reads Git; {@link SyncPromotions#repair} decides.
 */
final class LaneRepair {
  /** The audit action of a repair. */
  static final String REPAIRED = "Sync Promotions repaired the lane from Git";

  private final StagingRepository repository;
  private final LaneObserver observer;

  LaneRepair(StagingRepository repository, LaneObserver observer) {
    this.repository = repository;
    this.observer = observer;
  }

  /** The lane as Git alone shows it, for a lane nothing is stored for yet: unlocked, nothing deployed. */
  Either<PortFailure, StagingLane> deriveFromGit() {
    return recorded().map(recorded -> StagingLane.restore(recorded.base(), recorded.batch(), ReleaseLock.unlocked(), HashSet.empty()));
  }

  /** The repair decision on a lane: it adopts Git's batch where the two disagree; saved on its own. */
  Either<PortFailure, Decision<LaneWrite, RepairDecision>> decide(StagingLane lane) {
    return observer.heads().flatMap(heads -> SyncPromotions.needsRepairCheck(lane, heads)
        ? repaired(lane, heads).map(decision -> Decision.save(
            new LaneWrite(decision.next(), List.empty()), REPAIRED, decision))
        : Either.right(Decision.save(LaneWrite.unchanged(lane), "Sync Promotions", RepairDecision.unchanged(lane))));
  }

  private Either<PortFailure, RepairDecision> repaired(StagingLane lane, BranchHeads heads) {
    return recorded().flatMap(recorded -> observer
        .inProduction(SyncPromotions.disagrees(lane, heads, recorded.batch())
            ? SyncPromotions.vanishedCommits(lane, recorded.batch())
            : List.empty(), heads.production())
        .map(inProduction -> SyncPromotions.repair(lane, heads, recorded.base(), recorded.batch(), inProduction)));
  }

  /** The batch the staging branch records, on its base. */
  private Either<PortFailure, Recorded> recorded() {
    return repository.readBatch().flatMap(LaneRepair::accepted);
  }

  private static Either<PortFailure, Recorded> accepted(RecordedBatch recorded) {
    return PromotionBatch.recorded(recorded.proposals())
        .mapLeft(refusal -> PortFailure.of(PortFailure.Kind.REPOSITORY_DAMAGED,
            "The staging branch holds a batch Platinur cannot accept: " + refusal.message()))
        .map(batch -> new Recorded(recorded.base(), batch));
  }

  private record Recorded(CommitId base, PromotionBatch batch) {}
}
