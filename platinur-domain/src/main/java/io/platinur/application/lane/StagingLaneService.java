package io.platinur.application.lane;

import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.Retries;
import io.platinur.application.core.Transaction;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Actor;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.card.ProposalCard;
import io.platinur.domain.environment.Capability;
import io.platinur.domain.environment.Environment;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.lane.ApplyRejection;
import io.platinur.domain.lane.DiscardRejection;
import io.platinur.domain.lane.OpenPromotionPrRejection;
import io.platinur.domain.lane.PromotionPrClosedRejection;
import io.platinur.domain.lane.PromotionPrMergedRejection;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.lane.UnapplyRejection;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.sync.SyncPromotions;
import io.platinur.port.ForgePorts;
import io.platinur.port.LaneChange;
import io.platinur.port.LanePorts;
import io.platinur.port.LaneStateStore;
import io.platinur.port.LaneStateStore.LaneVersion;
import io.platinur.port.PullRequestHost;
import io.platinur.port.RetryBackoff;
import io.platinur.port.StagingRepository;
import io.platinur.port.StagingWorkspace;
import io.platinur.port.TimeSource;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * The staging lane's use cases, as a host application calls them: apply, unapply, discard, open
 * the promotion PR, merge or close it, Sync Promotions, and the proposal cards.
 *
 * <p>Git and the forge are the truth. Every change is decided on freshly read state and stored
 * with compare-and-swap (the staging branch and the lane state move together) in the application
 * core's {@link Transaction}; a writer that loses a race re-reads and decides again, up to a bounded
 * number of attempts, so two hosts can never stage overlapping proposals and nothing is applied
 * twice. A failed call changes nothing observable; a crash at any step leaves a state that the next
 * {@link #syncPromotions} repairs.
 *
 * <p>Every command answers {@code Either<UseCaseFailure<R>, T>} with its own refusal type {@code
 * R}: {@link ApplyRejection} for apply, {@link OpenPromotionPrRejection} for opening the promotion
 * PR, and so on; Sync Promotions refuses nothing ({@link NoRefusal}).
 *
 * <p>A host wires it with {@link #builder}, from the bundle of the adapter that keeps the lane
 * ({@link LanePorts}: {@code GitStaging}, the testkit's {@code InMemoryForge}) and the bundle of
 * its forge ({@link ForgePorts}); the clock and the backoff default to the adapter's:
 *
 * <pre>{@code
 * StagingLaneService lane = StagingLaneService.builder(config, git, git.offlineHost()).build();
 * lane.apply(proposal, author)
 *     .peekLeft(failure -> show(failure.message()));
 * }</pre>
 */
public final class StagingLaneService {
  static final int DEFAULT_ATTEMPTS = 100;

  private final LaneConfiguration config;
  private final StagingRepository repository;
  private final LaneStateStore store;
  private final PullRequestHost pullRequests;
  private final TimeSource time;
  private final Option<StagingWorkspace> workspace;
  private final EnvironmentGuard guard;
  private final Transaction<StagingLane, LaneVersion, LaneWrite> transaction;
  private final LaneSync sync;
  private final PromotionPrSteps promotionPr;

  public StagingLaneService(
      LaneConfiguration config,
      StagingRepository repository,
      LaneStateStore store,
      PullRequestHost pullRequests,
      TimeSource time) {
    this(config, repository, store, pullRequests, time, Retries.upTo(DEFAULT_ATTEMPTS), Option.none(), EnvironmentGuard.policyOnly());
  }

  StagingLaneService(
      LaneConfiguration config,
      StagingRepository repository,
      LaneStateStore store,
      PullRequestHost pullRequests,
      TimeSource time,
      Retries retries,
      Option<StagingWorkspace> workspace,
      EnvironmentGuard guard) {
    this.config = Objects.requireNonNull(config, "config");
    this.repository = Objects.requireNonNull(repository, "repository");
    this.store = Objects.requireNonNull(store, "store");
    this.pullRequests = Objects.requireNonNull(pullRequests, "pullRequests");
    this.time = Objects.requireNonNull(time, "time");
    this.workspace = workspace;
    this.guard = Objects.requireNonNull(guard, "guard");
    LaneObserver observer = new LaneObserver(config, repository, pullRequests);
    LaneRepair repair = new LaneRepair(repository, observer);
    this.transaction = Transaction.over(new LaneStore(store, repair), time, retries,
            attempts -> "The staging lane kept changing while this ran (" + attempts + " attempts). Sync Promotions, then try again.")
        .repairingWith(repair::decide);
    this.sync = new LaneSync(config, repository, workspace, observer, repair, transaction);
    this.promotionPr = new PromotionPrSteps(config, pullRequests, observer, sync, transaction);
  }

  /** A staging lane on {@code lane}, its promotion PRs on {@code forge}; {@link StagingLaneBuilder} says the defaults. */
  public static StagingLaneBuilder builder(LaneConfiguration config, LanePorts lane, ForgePorts forge) {
    return new StagingLaneBuilder(config, lane, forge);
  }

  /**
   * The same service, giving up after {@code attempts} lost compare-and-swap races (default 100) with
   * {@code CONFLICT} and the message "The staging lane kept changing while this ran (N attempts).
   * Sync Promotions, then try again."
   */
  public StagingLaneService withMaxAttempts(int attempts) {
    return new StagingLaneService(config, repository, store, pullRequests, time, transaction.retries().withMaxAttempts(attempts), workspace, guard);
  }

  /**
   * The same service, waiting as {@code retryBackoff} says before each retry after a lost
   * compare-and-swap race (default {@link RetryBackoff#none()}: retry at once). Several hosts on one
   * Git repository or remote should pass {@code GitStaging.retryBackoff()}, with which eight writers
   * on one lane get through without a {@code CONFLICT} reaching them.
   */
  public StagingLaneService withBackoff(RetryBackoff retryBackoff) {
    return new StagingLaneService(config, repository, store, pullRequests, time, transaction.retries().withBackoff(retryBackoff), workspace, guard);
  }

  /** The same service, also resetting this workspace to production when a release is synced. */
  public StagingLaneService withWorkspace(StagingWorkspace stagingWorkspace) {
    return new StagingLaneService(config, repository, store, pullRequests, time, transaction.retries(), Option.some(stagingWorkspace), guard);
  }

  /**
   * The same service, asking this guard before applying: the author needs the permission to apply
   * proposals in the environment (by default only the environments' policy is asked).
   */
  public StagingLaneService withGuard(EnvironmentGuard environmentGuard) {
    return new StagingLaneService(config, repository, store, pullRequests, time, transaction.retries(), workspace, environmentGuard);
  }

  /** The time this lane's audit entries record; the gate measures with it too. */
  public TimeSource timeSource() {
    return time;
  }

  public LaneConfiguration configuration() {
    return config;
  }

  /**
   * The retries this service took so far, from every thread: each is a save that lost a
   * compare-and-swap race and was decided again on a fresh read (a host's metric of contention). A
   * service made by a {@code with…} method counts its own from 0.
   */
  public long retriesTaken() {
    return transaction.retriesTaken();
  }

  // ---- reading ------------------------------------------------------------------------------

  /** The lane as stored, or as derived from Git when nothing is stored yet. Changes nothing. */
  public Either<UseCaseFailure<NoRefusal>, StagingLane> lane() {
    return transaction.current();
  }

  /**
   * The lane's audit history, oldest first: every saved change with its events and who made it,
   * when (from the host's {@link TimeSource}), doing what.
   */
  public Either<UseCaseFailure<NoRefusal>, Seq<LaneChange>> history() {
    return store.history().mapLeft(UseCaseFailure::unavailable);
  }

  /**
   * One page of the lane's audit history, newest first: at most {@code limit} changes saved
   * before {@code before} (none: the latest). A store that keeps the history as a chain (the Git
   * adapter's) reads only that page, so showing the latest changes costs the same on a lane with
   * ten thousand of them. An empty page means the history is exhausted.
   */
  public Either<UseCaseFailure<NoRefusal>, Seq<LaneChange>> history(Option<LaneVersion> before, int limit) {
    return store.history(before, limit).mapLeft(UseCaseFailure::unavailable);
  }

  /** The card of each proposal, in order, consistent with what {@link #apply} would answer now. */
  public Either<UseCaseFailure<NoRefusal>, Seq<ProposalCard>> cards(Seq<Proposal> proposals) {
    return lane().map(lane -> ProposalCard.of(lane, proposals));
  }

  // ---- commands -----------------------------------------------------------------------------

  /**
   * Apply a proposal to Staging: one commit on the staging branch, by {@code author}. Rejected
   * while the lane is locked or when a staged proposal changes any of the same files.
   */
  public Either<UseCaseFailure<ApplyRejection>, StagedProposal> apply(Proposal proposal, CommitAuthor author) {
    return apply(Environment.STAGING, proposal, author);
  }

  /**
   * Apply a proposal in {@code environment}, as a host's "apply" action is asked: the environment
   * guard refuses Prod (proposals reach it only through a promotion PR) and an author without the
   * permission ({@link ApplyRejection.NotAllowed}), with the exact message, before anything is
   * written.
   */
  public Either<UseCaseFailure<ApplyRejection>, StagedProposal> apply(Environment environment, Proposal proposal, CommitAuthor author) {
    return guard.authorize(author.actor(), environment, Capability.APPLY_PROPOSALS)
        .<UseCaseFailure<ApplyRejection>>mapLeft(refused -> refused.mapRejection(ApplyRejection.NotAllowed::new))
        .flatMap(grant -> transaction.run(author.actor(), (lane, attempt) -> lane.apply(proposal)
            .<UseCaseFailure<ApplyRejection>>mapLeft(UseCaseFailure::rejected)
            .flatMap(accepted -> repository.writeProposalCommit(accepted.onto(), proposal, author)
                .<UseCaseFailure<ApplyRejection>>mapLeft(UseCaseFailure::unavailable)
                .flatMap(commit -> LaneWrite.decided(lane, accepted.committedAs(commit),
                    "Applied ‘" + proposal.title() + "’ to Staging", next -> accepted.stagedAs(commit))))));
  }

  /**
   * Take a staged proposal out of Staging (only while no promotion PR exists): the proposals after
   * it are rebuilt, in order, onto the commit before it, by {@code committer}.
   */
  public Either<UseCaseFailure<UnapplyRejection>, StagingLane> unapply(ProposalId id, CommitAuthor committer) {
    return transaction.run(committer.actor(), (lane, attempt) -> lane.unapply(id)
        .<UseCaseFailure<UnapplyRejection>>mapLeft(UseCaseFailure::rejected)
        .flatMap(accepted -> repository.rebuild(accepted.onto(), accepted.later().map(StagedProposal::commit), committer)
            .<UseCaseFailure<UnapplyRejection>>mapLeft(UseCaseFailure::unavailable)
            .flatMap(rebuilt -> accepted.rebuiltAs(rebuilt).<UseCaseFailure<UnapplyRejection>>mapLeft(UseCaseFailure::rejected)))
        .flatMap(events -> LaneWrite.decided(lane, events, "Unapplied " + id + " from Staging", next -> next)));
  }

  /** Discard the whole staged batch (only while no promotion PR exists): staging returns to its base. */
  public Either<UseCaseFailure<DiscardRejection>, StagingLane> discardBatch(Actor actor) {
    return transaction.run(actor, (lane, attempt) -> lane.discardBatch()
        .<UseCaseFailure<DiscardRejection>>mapLeft(UseCaseFailure::rejected)
        .flatMap(events -> LaneWrite.decided(lane, events, "Discarded the staged batch", next -> next)));
  }

  /**
   * Open the promotion PR from the staging branch to the production branch and lock the lane.
   * Safe to retry: a PR already open between the branches is reused, and one already recorded is
   * returned as it is.
   */
  public Either<UseCaseFailure<OpenPromotionPrRejection>, PromotionPullRequest> openPromotionPr(Actor actor) {
    return promotionPr.open(actor);
  }

  /**
   * Merge the open promotion PR at exactly the staging head the lane recorded, then sync. The
   * forge refuses the merge if the PR's head moved; the lane is then left as it was. Refused
   * ({@link io.platinur.domain.lane.NoPromotionPr}) when no promotion PR is open.
   */
  public Either<UseCaseFailure<PromotionPrMergedRejection>, SyncResult> mergePromotionPr(Actor actor) {
    return promotionPr.merge(actor);
  }

  /**
   * Merge the open promotion PR at exactly the staging head the lane recorded and record the merge,
   * without finalizing it: the lane waits for Sync Promotions (a merged promotion awaiting main
   * sync), as it does when the forge's production branch has not reached the host yet.
   */
  public Either<UseCaseFailure<PromotionPrMergedRejection>, StagingLane> mergePromotionPrWithoutSync(Actor actor) {
    return promotionPr.mergeWithoutSync(actor);
  }

  /**
   * Close the open promotion PR without merging, then sync: the lane unlocks and keeps its batch.
   * Refused when no promotion PR is open, or when it was merged already.
   */
  public Either<UseCaseFailure<PromotionPrClosedRejection>, SyncResult> closePromotionPr(Actor actor) {
    return promotionPr.close(actor);
  }

  /**
   * Sync Promotions: bring the lane in line with Git and the forge. A merged promotion PR whose
   * merge commit production contains is finalized (proposals deployed, staging and workspace reset
   * to production, lane unlocked); a PR closed unmerged unlocks the lane and keeps the batch; a
   * promotion PR found open on the forge locks the lane; a batch that differs from Git's (after a
   * crash, or a change made outside Platinur) is repaired from Git. Safe to run any number of
   * times, concurrently. On a lane where nothing moved it is cheap enough to run on every page
   * view or webhook: the lane and each branch head are read once, the forge is asked only what the
   * lock calls for (the open PR while unlocked, the lane's PR while it is open), and nothing is
   * written. What the rules refused along the way is in {@link SyncResult#notes()}, decided by
   * {@link SyncPromotions}.
   */
  public Either<UseCaseFailure<NoRefusal>, SyncResult> syncPromotions(Actor actor) {
    return sync.sync(actor);
  }
}
