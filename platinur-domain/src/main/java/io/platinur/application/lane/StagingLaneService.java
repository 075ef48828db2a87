package io.platinur.application.lane;

import io.platinur.application.lane.LaneFailure.Rejected;
import io.platinur.application.lane.LaneFailure.Unavailable;
import io.platinur.domain.InvalidValueException;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.card.ProposalCard;
import io.platinur.domain.environment.Capability;
import io.platinur.domain.environment.Environment;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.lane.CommandRejection;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.OpenPromotionPrRejection;
import io.platinur.domain.lane.Rejection;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.sync.RepairDecision;
import io.platinur.domain.sync.SyncDecision;
import io.platinur.domain.sync.SyncNote;
import io.platinur.domain.sync.SyncObservations;
import io.platinur.domain.sync.SyncPromotions;
import io.platinur.port.LaneChange;
import io.platinur.port.LaneStateStore;
import io.platinur.port.LaneStateStore.LaneVersion;
import io.platinur.port.PullRequestHost;
import io.platinur.port.RetryBackoff;
import io.platinur.port.StagingRepository;
import io.platinur.port.StagingWorkspace;
import io.platinur.port.TimeSource;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * The staging lane's use cases, as a host application calls them: apply, unapply, discard, open
 * the promotion PR, merge or close it, Sync Promotions, and the proposal cards.
 *
 * <p>Git and the forge are the truth. Every change is decided on freshly read state and stored
 * with compare-and-swap (the staging branch and the lane state move together); a writer that
 * loses a race re-reads and decides again, up to a bounded number of attempts, so two hosts can
 * never stage overlapping proposals and nothing is applied twice. A failed call changes nothing
 * observable; a crash at any step leaves a state that the next {@link #syncPromotions} repairs.
 *
 * <p>This class is the use-case facade: each method asks the lane's own command to decide and
 * runs the decision in a {@code LaneTransaction} (compare-and-swap with retries); {@code
 * LaneRepair} re-derives the lane from Git; Sync Promotions gathers what Git and the forge show
 * and lets {@link SyncPromotions} decide.
 *
 * <pre>{@code
 * StagingLaneService lane = new StagingLaneService(config, repository, store, pullRequests, clock::instant);
 * lane.apply(proposal, author)
 *     .peekLeft(failure -> show(failure.message()));
 * }</pre>
 */
public final class StagingLaneService {
  private static final int DEFAULT_ATTEMPTS = 100;

  private final LaneConfiguration config;
  private final StagingRepository repository;
  private final LaneStateStore store;
  private final PullRequestHost pullRequests;
  private final TimeSource time;
  private final int maxAttempts;
  private final RetryBackoff backoff;
  private final Option<StagingWorkspace> workspace;
  private final EnvironmentGuard guard;
  private final LaneObserver observer;
  private final LaneRepair repair;
  private final LaneTransaction transaction;

  public StagingLaneService(
      LaneConfiguration config,
      StagingRepository repository,
      LaneStateStore store,
      PullRequestHost pullRequests,
      TimeSource time) {
    this(config, repository, store, pullRequests, time, DEFAULT_ATTEMPTS, RetryBackoff.none(), Option.none(), EnvironmentGuard.policyOnly());
  }

  private StagingLaneService(
      LaneConfiguration config,
      StagingRepository repository,
      LaneStateStore store,
      PullRequestHost pullRequests,
      TimeSource time,
      int maxAttempts,
      RetryBackoff backoff,
      Option<StagingWorkspace> workspace,
      EnvironmentGuard guard) {
    this.config = Objects.requireNonNull(config, "config");
    this.repository = Objects.requireNonNull(repository, "repository");
    this.store = Objects.requireNonNull(store, "store");
    this.pullRequests = Objects.requireNonNull(pullRequests, "pullRequests");
    this.time = Objects.requireNonNull(time, "time");
    if (maxAttempts < 1) {
      throw new InvalidValueException("At least one attempt is needed, got " + maxAttempts + ".");
    }
    this.maxAttempts = maxAttempts;
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.workspace = workspace;
    this.guard = Objects.requireNonNull(guard, "guard");
    this.observer = new LaneObserver(config, repository, pullRequests);
    this.repair = new LaneRepair(repository, observer);
    this.transaction = new LaneTransaction(store, time, maxAttempts, backoff, repair);
  }

  /**
   * The same service, giving up after {@code attempts} lost compare-and-swap races (default 100) with
   * {@code CONFLICT} and the message "The staging lane kept changing while this ran (N attempts).
   * Sync Promotions, then try again."
   */
  public StagingLaneService withMaxAttempts(int attempts) {
    return new StagingLaneService(config, repository, store, pullRequests, time, attempts, backoff, workspace, guard);
  }

  /**
   * The same service, waiting as {@code retryBackoff} says before each retry after a lost
   * compare-and-swap race (default {@link RetryBackoff#none()}: retry at once). Several hosts on one
   * Git repository or remote should pass {@code GitStaging.retryBackoff()}, with which eight writers
   * on one lane get through without a {@code CONFLICT} reaching them.
   */
  public StagingLaneService withBackoff(RetryBackoff retryBackoff) {
    return new StagingLaneService(config, repository, store, pullRequests, time, maxAttempts, retryBackoff, workspace, guard);
  }

  /** The same service, also resetting this workspace to production when a release is synced. */
  public StagingLaneService withWorkspace(StagingWorkspace stagingWorkspace) {
    return new StagingLaneService(
        config, repository, store, pullRequests, time, maxAttempts, backoff, Option.some(stagingWorkspace), guard);
  }

  /**
   * The same service, asking this guard before applying: the author needs the permission to apply
   * proposals in the environment (by default only the environments' policy is asked).
   */
  public StagingLaneService withGuard(EnvironmentGuard environmentGuard) {
    return new StagingLaneService(config, repository, store, pullRequests, time, maxAttempts, backoff, workspace, environmentGuard);
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
    return transaction.retries();
  }

  // ---- reading ------------------------------------------------------------------------------

  /** The lane as stored, or as derived from Git when nothing is stored yet. Changes nothing. */
  public Either<LaneFailure, StagingLane> lane() {
    return transaction.current();
  }

  /**
   * The lane's audit history, oldest first: every saved change with its events and who made it,
   * when (from the host's {@link TimeSource}), doing what.
   */
  public Either<LaneFailure, Seq<LaneChange>> history() {
    return store.history().mapLeft(Unavailable::new);
  }

  /**
   * One page of the lane's audit history, newest first: at most {@code limit} changes saved
   * before {@code before} (none: the latest). A store that keeps the history as a chain (the Git
   * adapter's) reads only that page, so showing the latest changes costs the same on a lane with
   * ten thousand of them. An empty page means the history is exhausted.
   */
  public Either<LaneFailure, Seq<LaneChange>> history(Option<LaneVersion> before, int limit) {
    return store.history(before, limit).mapLeft(Unavailable::new);
  }

  /** The card of each proposal, in order, consistent with what {@link #apply} would answer now. */
  public Either<LaneFailure, Seq<ProposalCard>> cards(Seq<Proposal> proposals) {
    return lane().map(lane -> ProposalCard.of(lane, proposals));
  }

  // ---- commands -----------------------------------------------------------------------------

  /**
   * Apply a proposal to Staging: one commit on the staging branch, by {@code author}. Rejected
   * while the lane is locked or when a staged proposal changes any of the same files.
   */
  public Either<LaneFailure, StagedProposal> apply(Proposal proposal, CommitAuthor author) {
    return apply(Environment.STAGING, proposal, author);
  }

  /**
   * Apply a proposal in {@code environment}, as a host's "apply" action is asked: the environment
   * guard refuses Prod (proposals reach it only through a promotion PR) and an author without the
   * permission, with the exact message, before anything is written.
   */
  public Either<LaneFailure, StagedProposal> apply(Environment environment, Proposal proposal, CommitAuthor author) {
    return guard.authorize(author.name(), environment, Capability.APPLY_PROPOSALS)
        .flatMap(grant -> transaction.run(author.name(), lane -> lane.apply(proposal).<LaneFailure>mapLeft(StagingLaneService::rejected)
            .flatMap(accepted -> repository.writeProposalCommit(accepted.onto(), proposal, author).<LaneFailure>mapLeft(Unavailable::new)
                .flatMap(commit -> Decided.of(lane, accepted.committedAs(commit), "Applied ‘" + proposal.title() + "’ to Staging",
                    next -> accepted.stagedAs(commit))))));
  }

  /**
   * Take a staged proposal out of Staging (only while no promotion PR exists): the proposals after
   * it are rebuilt, in order, onto the commit before it, by {@code committer}.
   */
  public Either<LaneFailure, StagingLane> unapply(ProposalId id, CommitAuthor committer) {
    return transaction.run(committer.name(), lane -> lane.unapply(id).<LaneFailure>mapLeft(StagingLaneService::rejected)
        .flatMap(accepted -> repository.rebuild(accepted.onto(), accepted.later().map(StagedProposal::commit), committer)
            .<LaneFailure>mapLeft(Unavailable::new)
            .flatMap(rebuilt -> accepted.rebuiltAs(rebuilt).<LaneFailure>mapLeft(StagingLaneService::rejected)))
        .flatMap(events -> Decided.of(lane, events, "Unapplied " + id + " from Staging", next -> next)));
  }

  /** Discard the whole staged batch (only while no promotion PR exists): staging returns to its base. */
  public Either<LaneFailure, StagingLane> discardBatch(String actor) {
    return transaction.run(actor, lane -> lane.discardBatch().<LaneFailure>mapLeft(StagingLaneService::rejected)
        .flatMap(events -> Decided.of(lane, events, "Discarded the staged batch", next -> next)));
  }

  /**
   * Open the promotion PR from the staging branch to the production branch and lock the lane.
   * Safe to retry: a PR already open between the branches is reused, and one already recorded is
   * returned as it is.
   */
  public Either<LaneFailure, PromotionPullRequest> openPromotionPr(String actor) {
    return lane()
        .flatMap(lane -> recordedPrOrLane(lane, actor))
        .flatMap(found -> found.fold(Either::right, lane -> openOnForge(lane, actor)));
  }

  /**
   * The recorded promotion PR when it is still open on the forge; otherwise the lane to open one
   * on (after a sync, when the recorded PR was merged or closed meanwhile).
   */
  private Either<LaneFailure, Either<PromotionPullRequest, StagingLane>> recordedPrOrLane(StagingLane lane, String actor) {
    if (!(lane.lock() instanceof ReleaseLock.PromotionPrOpen open)) {
      return Either.right(Either.right(lane));
    }
    return observer.openPromotionPr().flatMap(found -> found.exists(pr -> pr.number().equals(open.pr()))
        ? Either.right(Either.left(found.get()))
        : syncPromotions(actor).map(synced -> Either.right(synced.lane())));
  }

  private Either<LaneFailure, PromotionPullRequest> openOnForge(StagingLane lane, String actor) {
    return lane.promotionHead().<LaneFailure>mapLeft(StagingLaneService::rejected)
        .flatMap(head -> pullRequests
            .openPromotionPr(config.stagingBranch(), config.productionBranch(), prTitle(lane), prBody(lane))
            .<LaneFailure>mapLeft(Unavailable::new))
        .flatMap(pr -> transaction.run(actor, current -> recordPromotionPr(current, pr)));
  }

  /**
   * Lock the lane on this PR. A PR's head follows its branch, so when the head the host reported
   * is not the staging head (an apply landed meanwhile), the PR is read once more.
   */
  private Either<LaneFailure, Decided<PromotionPullRequest>> recordPromotionPr(StagingLane lane, PromotionPullRequest pr) {
    Either<OpenPromotionPrRejection, Seq<LaneEvent>> decision = lane.openPromotionPr(pr.number(), pr.headCommit());
    if (decision.isRight() || !(decision.getLeft() instanceof OpenPromotionPrRejection.HeadMismatch)) {
      return recorded(lane, pr, decision);
    }
    return observer.openPromotionPr()
        .map(fresh -> fresh.filter(found -> found.number().equals(pr.number())).getOrElse(pr))
        .flatMap(current -> recorded(lane, current, lane.openPromotionPr(current.number(), current.headCommit())));
  }

  private static Either<LaneFailure, Decided<PromotionPullRequest>> recorded(
      StagingLane lane, PromotionPullRequest pr, Either<OpenPromotionPrRejection, Seq<LaneEvent>> decision) {
    return decision.<LaneFailure>mapLeft(StagingLaneService::rejected)
        .flatMap(events -> Decided.of(lane, events, "Opened promotion PR " + pr.number(), next -> pr));
  }

  /**
   * Merge the open promotion PR at exactly the staging head the lane recorded, then sync. The
   * forge refuses the merge if the PR's head moved; the lane is then left as it was.
   */
  public Either<LaneFailure, SyncResult> mergePromotionPr(String actor) {
    return lane().flatMap(lane -> lane.lock().fold(
        unlocked -> Either.left(new Rejected(Rejection.noPromotionPr())),
        open -> pullRequests.merge(open.pr(), lane.stagingHead()).<LaneFailure>mapLeft(Unavailable::new)
            .flatMap(merged -> syncPromotions(actor)),
        awaiting -> syncPromotions(actor)));
  }

  /**
   * Merge the open promotion PR at exactly the staging head the lane recorded and record the merge,
   * without finalizing it: the lane waits for Sync Promotions (a merged promotion awaiting main
   * sync), as it does when the forge's production branch has not reached the host yet.
   */
  public Either<LaneFailure, StagingLane> mergePromotionPrWithoutSync(String actor) {
    return lane().flatMap(lane -> lane.lock().fold(
        unlocked -> Either.left(new Rejected(Rejection.noPromotionPr())),
        open -> pullRequests.merge(open.pr(), lane.stagingHead()).<LaneFailure>mapLeft(Unavailable::new)
            .flatMap(mergeCommit -> transaction.run(actor, current -> current.lock() instanceof ReleaseLock.PromotionPrOpen still
                    && still.pr().equals(open.pr())
                ? current.promotionPrMerged(open.pr(), mergeCommit).<LaneFailure>mapLeft(StagingLaneService::rejected)
                    .flatMap(events -> Decided.of(current, events, "Merged promotion PR " + open.pr(), next -> next))
                : Either.right(new Decided<>(current, List.empty(), "Merged promotion PR " + open.pr(), current)))),
        awaiting -> Either.right(lane)));
  }

  /** Close the open promotion PR without merging, then sync: the lane unlocks and keeps its batch. */
  public Either<LaneFailure, SyncResult> closePromotionPr(String actor) {
    return lane().flatMap(lane -> lane.lock().fold(
        unlocked -> Either.left(new Rejected(Rejection.noPromotionPr())),
        open -> pullRequests.close(open.pr()).<LaneFailure>mapLeft(Unavailable::new).flatMap(closed -> syncPromotions(actor)),
        awaiting -> lane.promotionPrClosed(awaiting.pr()).<LaneFailure>mapLeft(StagingLaneService::rejected)
            .flatMap(never -> syncPromotions(actor))));
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
   * written.
   */
  public Either<LaneFailure, SyncResult> syncPromotions(String actor) {
    return repository.removeAbandonedLocks().<LaneFailure>mapLeft(Unavailable::new)
        .flatMap(removed -> synced(actor).flatMap(result -> removed.isEmpty()
            ? Either.right(result)
            : transaction.runWithoutRepair(actor, lane -> Either.right(Decided.recorded(lane, "Sync Promotions: " + removed.mkString(" "))))
                .map(recorded -> new SyncResult(result.lane(), result.events(), result.repaired(),
                    removed.<SyncNote>map(SyncNote.LockFileRemoved::new).appendAll(result.notes())))));
  }

  /**
   * Sync Promotions itself. When both branches are where the lane left them (nothing moved, the
   * common case) it is one pass: the lane and the heads are read once, the forge only where the
   * lock says there is a PR to look at, and only a change is saved. When a branch moved, the lane
   * is first repaired from Git (saved on its own), then synced.
   */
  private Either<LaneFailure, SyncResult> synced(String actor) {
    return transaction.run(actor, this::syncedWhereNothingMoved)
        .flatMap(done -> done.fold(() -> repairedThenSynced(actor), Either::right))
        .flatMap(this::resetWorkspaceWhenFinalized);
  }

  /** The sync decided on the heads read once, or nothing (and nothing saved) when a branch moved. */
  private Either<LaneFailure, Decided<Option<SyncResult>>> syncedWhereNothingMoved(StagingLane lane) {
    return observer.heads().flatMap(heads -> SyncPromotions.headsWhereLaneLeftThem(lane, heads)
        ? observer.forSync(lane, heads).map(seen -> syncDecided(lane, seen, RepairDecision.unchanged(lane), Option::some))
        // stored only when nothing was stored yet: the lane as Git shows it, as the repair stores it
        : Either.right(new Decided<>(lane, List.empty(), LaneRepair.REPAIRED, Option.none())));
  }

  /** A branch moved: repair from Git, then gather what Git and the forge show and decide. */
  private Either<LaneFailure, SyncResult> repairedThenSynced(String actor) {
    return transaction.runWithoutRepair(actor, repair::step)
        .flatMap(repaired -> transaction.run(actor, lane -> observer.forSync(lane).map(seen -> syncDecided(lane, seen, repaired, result -> result))));
  }

  private <T> Decided<T> syncDecided(
      StagingLane lane, SyncObservations seen, RepairDecision repaired, java.util.function.Function<SyncResult, T> answer) {
    SyncDecision decision = SyncPromotions.decide(lane, seen, config.stagingBranch(), config.productionBranch());
    SyncResult result = new SyncResult(
        decision.next(), decision.events(), repaired.changed(), repaired.notes().appendAll(decision.notes()));
    return new Decided<>(decision.next(), decision.events(), syncAction(decision.events()), answer.apply(result));
  }

  private Either<LaneFailure, SyncResult> resetWorkspaceWhenFinalized(SyncResult synced) {
    boolean finalized = synced.events().exists(e -> e instanceof LaneEvent.PromotionFinalized);
    return workspace.filter(ws -> finalized)
        .map(ws -> ws.resetTo(synced.lane().stagingHead()).<LaneFailure>mapLeft(Unavailable::new).map(reset -> synced))
        .getOrElse(Either.right(synced));
  }

  // ---- words --------------------------------------------------------------------------------

  private static String syncAction(Seq<LaneEvent> events) {
    return events.isEmpty() ? "Sync Promotions"
        : "Sync Promotions: " + events.map(e -> e.getClass().getSimpleName()).mkString(", ");
  }

  private String prTitle(StagingLane lane) {
    return "Promote " + config.stagingBranch() + " to " + config.productionBranch() + ": " + lane.batch().size() + " proposal(s)";
  }

  private static String prBody(StagingLane lane) {
    return "Staged proposals in this promotion batch:\n\n"
        + lane.batch().proposals().map(p -> "- " + p.title() + " (" + p.id() + ", " + p.commit().abbreviated() + ")").mkString("\n")
        + "\n";
  }

  private static LaneFailure rejected(CommandRejection rejection) {
    return new Rejected(rejection.rejection());
  }
}
