package io.platinur.application.lane;

import io.platinur.application.core.Decision;
import io.platinur.application.core.Transaction;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Actor;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.NoPromotionPr;
import io.platinur.domain.lane.OpenPromotionPrRejection;
import io.platinur.domain.lane.PromotionPrClosedRejection;
import io.platinur.domain.lane.PromotionPrMergedRejection;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.port.LaneStateStore.LaneVersion;
import io.platinur.port.PullRequestHost;
import io.vavr.collection.Seq;
import io.vavr.control.Either;

/** The promotion PR's use cases: open it (and lock the lane), merge it, close it. */
final class PromotionPrSteps {
  private final LaneConfiguration config;
  private final PullRequestHost pullRequests;
  private final LaneObserver observer;
  private final LaneSync sync;
  private final Transaction<StagingLane, LaneVersion, LaneWrite> transaction;

  PromotionPrSteps(
      LaneConfiguration config, PullRequestHost pullRequests, LaneObserver observer, LaneSync sync,
      Transaction<StagingLane, LaneVersion, LaneWrite> transaction) {
    this.config = config;
    this.pullRequests = pullRequests;
    this.observer = observer;
    this.sync = sync;
    this.transaction = transaction;
  }

  Either<UseCaseFailure<OpenPromotionPrRejection>, PromotionPullRequest> open(Actor actor) {
    return transaction.<OpenPromotionPrRejection>current()
        .flatMap(lane -> recordedPrOrLane(lane, actor))
        .flatMap(found -> found.fold(Either::right, lane -> openOnForge(lane, actor)));
  }

  /**
   * The recorded promotion PR when it is still open on the forge; otherwise the lane to open one
   * on (after a sync, when the recorded PR was merged or closed meanwhile).
   */
  private Either<UseCaseFailure<OpenPromotionPrRejection>, Either<PromotionPullRequest, StagingLane>> recordedPrOrLane(
      StagingLane lane, Actor actor) {
    if (!(lane.lock() instanceof ReleaseLock.PromotionPrOpen open)) {
      return Either.right(Either.right(lane));
    }
    return observer.openPromotionPr().<UseCaseFailure<OpenPromotionPrRejection>>mapLeft(UseCaseFailure::unavailable)
        .flatMap(found -> found.exists(pr -> pr.number().equals(open.pr()))
            ? Either.right(Either.left(found.get()))
            : sync.<OpenPromotionPrRejection>sync(actor).map(synced -> Either.right(synced.lane())));
  }

  private Either<UseCaseFailure<OpenPromotionPrRejection>, PromotionPullRequest> openOnForge(StagingLane lane, Actor actor) {
    return lane.promotionHead().<UseCaseFailure<OpenPromotionPrRejection>>mapLeft(UseCaseFailure::rejected)
        .flatMap(head -> pullRequests
            .openPromotionPr(config.stagingBranch(), config.productionBranch(), prTitle(lane), prBody(lane))
            .<UseCaseFailure<OpenPromotionPrRejection>>mapLeft(UseCaseFailure::unavailable))
        .flatMap(pr -> transaction.run(actor, (current, attempt) -> recordPromotionPr(current, pr)));
  }

  /**
   * Lock the lane on this PR. A PR's head follows its branch, so when the head the host reported
   * is not the staging head (an apply landed meanwhile), the PR is read once more.
   */
  private Either<UseCaseFailure<OpenPromotionPrRejection>, Decision<LaneWrite, PromotionPullRequest>> recordPromotionPr(
      StagingLane lane, PromotionPullRequest pr) {
    Either<OpenPromotionPrRejection, Seq<LaneEvent>> decision = lane.openPromotionPr(pr.number(), pr.headCommit());
    return decision.fold(
        rejection -> rejection instanceof OpenPromotionPrRejection.HeadMismatch
            ? observer.openPromotionPr().<UseCaseFailure<OpenPromotionPrRejection>>mapLeft(UseCaseFailure::unavailable)
                .map(fresh -> fresh.filter(found -> found.number().equals(pr.number())).getOrElse(pr))
                .flatMap(current -> recorded(lane, current, lane.openPromotionPr(current.number(), current.headCommit())))
            : recorded(lane, pr, decision),
        events -> recorded(lane, pr, decision));
  }

  private static Either<UseCaseFailure<OpenPromotionPrRejection>, Decision<LaneWrite, PromotionPullRequest>> recorded(
      StagingLane lane, PromotionPullRequest pr, Either<OpenPromotionPrRejection, Seq<LaneEvent>> decision) {
    return decision.<UseCaseFailure<OpenPromotionPrRejection>>mapLeft(UseCaseFailure::rejected)
        .flatMap(events -> LaneWrite.decided(lane, events, "Opened promotion PR " + pr.number(), next -> pr));
  }

  Either<UseCaseFailure<PromotionPrMergedRejection>, SyncResult> merge(Actor actor) {
    return transaction.<PromotionPrMergedRejection>current().flatMap(lane -> lane.lock().fold(
        unlocked -> Either.left(UseCaseFailure.rejected(new NoPromotionPr())),
        open -> pullRequests.merge(open.pr(), lane.stagingHead()).<UseCaseFailure<PromotionPrMergedRejection>>mapLeft(UseCaseFailure::unavailable)
            .flatMap(merged -> sync.sync(actor)),
        awaiting -> sync.sync(actor)));
  }

  Either<UseCaseFailure<PromotionPrMergedRejection>, StagingLane> mergeWithoutSync(Actor actor) {
    return transaction.<PromotionPrMergedRejection>current().flatMap(lane -> lane.lock().fold(
        unlocked -> Either.left(UseCaseFailure.rejected(new NoPromotionPr())),
        open -> pullRequests.merge(open.pr(), lane.stagingHead()).<UseCaseFailure<PromotionPrMergedRejection>>mapLeft(UseCaseFailure::unavailable)
            .flatMap(mergeCommit -> transaction.run(actor, (current, attempt) ->
                current.lock() instanceof ReleaseLock.PromotionPrOpen still && still.pr().equals(open.pr())
                    ? current.promotionPrMerged(open.pr(), mergeCommit).<UseCaseFailure<PromotionPrMergedRejection>>mapLeft(UseCaseFailure::rejected)
                        .flatMap(events -> LaneWrite.decided(current, events, "Merged promotion PR " + open.pr(), next -> next))
                    : Either.right(Decision.save(LaneWrite.unchanged(current), "Merged promotion PR " + open.pr(), current)))),
        awaiting -> Either.right(lane)));
  }

  Either<UseCaseFailure<PromotionPrClosedRejection>, SyncResult> close(Actor actor) {
    return transaction.<PromotionPrClosedRejection>current().flatMap(lane -> lane.lock().fold(
        unlocked -> Either.left(UseCaseFailure.rejected(new NoPromotionPr())),
        open -> pullRequests.close(open.pr()).<UseCaseFailure<PromotionPrClosedRejection>>mapLeft(UseCaseFailure::unavailable)
            .flatMap(closed -> sync.sync(actor)),
        awaiting -> lane.promotionPrClosed(awaiting.pr()).<UseCaseFailure<PromotionPrClosedRejection>>mapLeft(UseCaseFailure::rejected)
            .flatMap(never -> sync.sync(actor))));
  }

  private String prTitle(StagingLane lane) {
    return "Promote " + config.stagingBranch() + " to " + config.productionBranch() + ": " + lane.batch().size() + " proposal(s)";
  }

  private static String prBody(StagingLane lane) {
    return "Staged proposals in this promotion batch:\n\n"
        + lane.batch().proposals().map(p -> "- " + p.title() + " (" + p.id() + ", " + p.commit().abbreviated() + ")").mkString("\n")
        + "\n";
  }
}
