package io.platinur.application.lane;

import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.repository.BranchHeads;
import io.platinur.domain.repository.CommitId;
import io.platinur.domain.sync.SyncObservations;
import io.platinur.domain.sync.SyncPromotions;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import io.platinur.port.StagingRepository;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** Reads what Git and the forge show, for the decisions of Sync Promotions and repair. Decides nothing. */
final class LaneObserver {
  private final LaneConfiguration config;
  private final StagingRepository repository;
  private final PullRequestHost pullRequests;

  LaneObserver(LaneConfiguration config, StagingRepository repository, PullRequestHost pullRequests) {
    this.config = config;
    this.repository = repository;
    this.pullRequests = pullRequests;
  }

  Either<PortFailure, BranchHeads> heads() {
    return repository.heads();
  }

  /** The promotion PR open from the staging branch to the production branch, if any. */
  Either<PortFailure, Option<PromotionPullRequest>> openPromotionPr() {
    return pullRequests.findOpenPromotionPr(config.stagingBranch(), config.productionBranch());
  }

  /** Which of these commits the production head contains. */
  Either<PortFailure, Set<CommitId>> inProduction(Seq<CommitId> commits, CommitId production) {
    return Either.sequenceRight(commits.map(commit -> repository.isAncestor(commit, production)
            .map(contained -> contained ? Option.some(commit) : Option.<CommitId>none())))
        .map(found -> found.flatMap(Option::toList).toSet());
  }

  /**
   * What Sync Promotions needs to see for this lane: the heads; while unlocked, the PR open
   * between the branches; while its promotion PR is open, that PR's state; and, once a merge is
   * known, which of its commits production contains.
   */
  Either<PortFailure, SyncObservations> forSync(StagingLane lane) {
    return heads().flatMap(heads -> forSync(lane, heads));
  }

  /** The same, with the heads already read. */
  Either<PortFailure, SyncObservations> forSync(StagingLane lane, BranchHeads heads) {
    return openPrWhileUnlocked(lane).flatMap(openPr -> promotionPrState(lane)
        .flatMap(state -> inProduction(SyncPromotions.commitsToCheck(lane, state), heads.production())
            .map(contained -> new SyncObservations(heads, openPr, state, contained))));
  }

  private Either<PortFailure, Option<PromotionPullRequest>> openPrWhileUnlocked(StagingLane lane) {
    return lane.lock().isLocked() ? Either.right(Option.none()) : openPromotionPr();
  }

  private Either<PortFailure, Option<PullRequestState>> promotionPrState(StagingLane lane) {
    return lane.lock() instanceof ReleaseLock.PromotionPrOpen open
        ? pullRequests.state(open.pr()).map(Option::some)
        : Either.right(Option.none());
  }
}
