package io.platinur.application;

import io.platinur.application.LaneFailure.Rejected;
import io.platinur.application.LaneFailure.Unavailable;
import io.platinur.domain.InvalidValueException;
import io.platinur.domain.batch.PromotionBatch;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.card.ProposalCard;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.Rejection;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.lock.PromotionPullRequest;
import io.platinur.domain.lock.PullRequestNumber;
import io.platinur.domain.lock.PullRequestState;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchHeads;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.AuditEntry;
import io.platinur.port.LaneChange;
import io.platinur.port.LaneStateStore;
import io.platinur.port.LaneStateStore.StoredLane;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import io.platinur.port.StagingRepository;
import io.platinur.port.StagingRepository.RecordedBatch;
import io.platinur.port.StagingWorkspace;
import io.platinur.port.TimeSource;
import io.platinur.domain.lane.RejectionReason;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.function.Function;

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
 * <pre>{@code
 * StagingLaneService lane = new StagingLaneService(config, repository, store, pullRequests, clock::instant);
 * lane.apply(proposal, author)
 *     .peekLeft(failure -> show(failure.message()));
 * }</pre>
 */
public final class StagingLaneService {
  private static final int DEFAULT_ATTEMPTS = 8;

  private final LaneConfiguration config;
  private final StagingRepository repository;
  private final LaneStateStore store;
  private final PullRequestHost pullRequests;
  private final TimeSource time;
  private final int maxAttempts;
  private final Option<StagingWorkspace> workspace;

  public StagingLaneService(
      LaneConfiguration config,
      StagingRepository repository,
      LaneStateStore store,
      PullRequestHost pullRequests,
      TimeSource time) {
    this(config, repository, store, pullRequests, time, DEFAULT_ATTEMPTS, Option.none());
  }

  private StagingLaneService(
      LaneConfiguration config,
      StagingRepository repository,
      LaneStateStore store,
      PullRequestHost pullRequests,
      TimeSource time,
      int maxAttempts,
      Option<StagingWorkspace> workspace) {
    this.config = Objects.requireNonNull(config, "config");
    this.repository = Objects.requireNonNull(repository, "repository");
    this.store = Objects.requireNonNull(store, "store");
    this.pullRequests = Objects.requireNonNull(pullRequests, "pullRequests");
    this.time = Objects.requireNonNull(time, "time");
    if (maxAttempts < 1) {
      throw new InvalidValueException("At least one attempt is needed, got " + maxAttempts + ".");
    }
    this.maxAttempts = maxAttempts;
    this.workspace = workspace;
  }

  /** The same service, giving up after {@code attempts} lost compare-and-swap races (default 8). */
  public StagingLaneService withMaxAttempts(int attempts) {
    return new StagingLaneService(config, repository, store, pullRequests, time, attempts, workspace);
  }

  /** The same service, also resetting this workspace to production when a release is synced. */
  public StagingLaneService withWorkspace(StagingWorkspace stagingWorkspace) {
    return new StagingLaneService(
        config, repository, store, pullRequests, time, maxAttempts, Option.some(stagingWorkspace));
  }

  public LaneConfiguration configuration() {
    return config;
  }

  // ---- reading ------------------------------------------------------------------------------

  /** The lane as stored, or as derived from Git when nothing is stored yet. Changes nothing. */
  public Either<LaneFailure, StagingLane> lane() {
    return store.load().<LaneFailure>mapLeft(Unavailable::new)
        .flatMap(stored -> stored.isDefined() ? Either.right(stored.get().lane()) : deriveFromGit());
  }

  /**
   * The lane's audit history, oldest first: every saved change with its events and who made it,
   * when (from the host's {@link TimeSource}), doing what.
   */
  public Either<LaneFailure, Seq<LaneChange>> history() {
    return store.history().mapLeft(Unavailable::new);
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
    return transact(author.name(), lane ->
        lane.checkApply(proposal).<LaneFailure>mapLeft(Rejected::new)
            .flatMap(ok -> repository.writeProposalCommit(lane.stagingHead(), proposal, author).<LaneFailure>mapLeft(Unavailable::new))
            .flatMap(commit -> decided(lane.apply(proposal, commit)))
            .map(events -> {
              StagingLane next = lane.after(events);
              StagedProposal staged = next.batch().find(proposal.id()).get();
              return new Step<>(next, events, "Applied ‘" + proposal.title() + "’ to Staging", staged);
            }));
  }

  /**
   * Take a staged proposal out of Staging (only while no promotion PR exists): the proposals after
   * it are rebuilt, in order, onto the commit before it, by {@code committer}.
   */
  public Either<LaneFailure, StagingLane> unapply(ProposalId id, CommitAuthor committer) {
    return transact(committer.name(), lane ->
        lane.checkUnapply(id).<LaneFailure>mapLeft(Rejected::new)
            .flatMap(later -> repository
                .rebuild(lane.commitBefore(id), later.map(StagedProposal::commit), committer)
                .<LaneFailure>mapLeft(Unavailable::new))
            .flatMap(rebuilt -> decided(lane.unapply(id, rebuilt)))
            .map(events -> {
              StagingLane next = lane.after(events);
              return new Step<>(next, events, "Unapplied " + id + " from Staging", next);
            }));
  }

  /** Discard the whole staged batch (only while no promotion PR exists): staging returns to its base. */
  public Either<LaneFailure, StagingLane> discardBatch(String actor) {
    return transact(actor, lane -> decided(lane.discardBatch()).map(events -> {
      StagingLane next = lane.after(events);
      return new Step<>(next, events, "Discarded the staged batch", next);
    }));
  }

  /**
   * Open the promotion PR from the staging branch to the production branch and lock the lane.
   * Safe to retry: a PR already open between the branches is reused, and one already recorded is
   * returned as it is.
   */
  public Either<LaneFailure, PromotionPullRequest> openPromotionPr(String actor) {
    Either<LaneFailure, StagingLane> current = lane();
    if (current.isLeft()) {
      return Either.left(current.getLeft());
    }
    if (current.get().lock() instanceof ReleaseLock.PromotionPrOpen open) {
      Either<LaneFailure, Option<PromotionPullRequest>> found = findOpenPromotionPr();
      if (found.isLeft() || found.get().exists(pr -> pr.number().equals(open.pr()))) {
        return found.map(Option::get);
      }
      // The recorded PR was merged or closed on the forge meanwhile: learn that first.
      current = syncPromotions(actor).map(SyncResult::lane);
      if (current.isLeft()) {
        return Either.left(current.getLeft());
      }
    }
    Either<LaneFailure, CommitId> head = decided(current.get().checkOpenPromotionPr());
    if (head.isLeft()) {
      return Either.left(head.getLeft());
    }
    Either<LaneFailure, PromotionPullRequest> opened = pullRequests
        .openPromotionPr(config.stagingBranch(), config.productionBranch(), prTitle(current.get()), prBody(current.get()))
        .mapLeft(Unavailable::new);
    return opened.flatMap(pr -> transact(actor, lane -> recordPromotionPr(lane, pr).map(recorded ->
        new Step<>(lane.after(recorded._2), recorded._2, "Opened promotion PR " + pr.number(), recorded._1))));
  }

  /**
   * The events that lock the lane on this PR. A PR's head follows its branch, so when the head the
   * host reported is not the staging head (an apply landed meanwhile), the PR is read once more.
   */
  private Either<LaneFailure, Tuple2<PromotionPullRequest, Seq<LaneEvent>>> recordPromotionPr(StagingLane lane, PromotionPullRequest pr) {
    Either<Rejection, Seq<LaneEvent>> decision = lane.openPromotionPr(pr.number(), pr.headCommit());
    if (decision.isRight() || decision.getLeft().reason() != RejectionReason.PROMOTION_PR_HEAD_MISMATCH) {
      return decided(decision).map(events -> Tuple.of(pr, events));
    }
    Either<LaneFailure, Option<PromotionPullRequest>> fresh = findOpenPromotionPr();
    if (fresh.isLeft()) {
      return Either.left(fresh.getLeft());
    }
    PromotionPullRequest current = fresh.get().filter(found -> found.number().equals(pr.number())).getOrElse(pr);
    return decided(lane.openPromotionPr(current.number(), current.headCommit())).map(events -> Tuple.of(current, events));
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
            .flatMap(mergeCommit -> transact(actor, current -> current.lock() instanceof ReleaseLock.PromotionPrOpen still
                    && still.pr().equals(open.pr())
                ? decided(current.promotionPrMerged(open.pr(), mergeCommit)).map(events ->
                    new Step<>(current.after(events), events, "Merged promotion PR " + open.pr(), current.after(events)))
                : Either.right(new Step<>(current, List.empty(), "Merged promotion PR " + open.pr(), current)))),
        awaiting -> Either.right(lane)));
  }

  /** Close the open promotion PR without merging, then sync: the lane unlocks and keeps its batch. */
  public Either<LaneFailure, SyncResult> closePromotionPr(String actor) {
    return lane().flatMap(lane -> lane.lock().fold(
        unlocked -> Either.left(new Rejected(Rejection.noPromotionPr())),
        open -> pullRequests.close(open.pr()).<LaneFailure>mapLeft(Unavailable::new).flatMap(closed -> syncPromotions(actor)),
        awaiting -> decided(lane.promotionPrClosed(awaiting.pr())).flatMap(never -> syncPromotions(actor))));
  }

  /**
   * Sync Promotions: bring the lane in line with Git and the forge. A merged promotion PR whose
   * merge commit production contains is finalized (proposals deployed, staging and workspace reset
   * to production, lane unlocked); a PR closed unmerged unlocks the lane and keeps the batch; a
   * promotion PR found open on the forge locks the lane; a batch that differs from Git's (after a
   * crash, or a change made outside Platinur) is repaired from Git. Safe to run any number of
   * times, concurrently.
   */
  public Either<LaneFailure, SyncResult> syncPromotions(String actor) {
    Either<LaneFailure, Seq<String>> unlocked = repository.removeAbandonedLocks().mapLeft(Unavailable::new);
    if (unlocked.isLeft()) {
      return Either.left(unlocked.getLeft());
    }
    Either<LaneFailure, SyncResult> synced = synced(actor);
    if (synced.isLeft() || unlocked.get().isEmpty()) {
      return synced;
    }
    SyncResult result = synced.get();
    return recordInHistory(actor, "Sync Promotions: " + unlocked.get().mkString(" "))
        .map(recorded -> new SyncResult(result.lane(), result.events(), result.repaired(), unlocked.get().appendAll(result.notes())));
  }

  private Either<LaneFailure, SyncResult> synced(String actor) {
    Either<LaneFailure, Option<Seq<String>>> repaired = transact(actor, false, this::repairStep);
    if (repaired.isLeft()) {
      return Either.left(repaired.getLeft());
    }
    Either<LaneFailure, SyncResult> synced = transact(actor, lane -> syncStep(lane, repaired.get()));
    if (synced.isRight() && workspace.isDefined() && synced.get().events().exists(e -> e instanceof LaneEvent.PromotionFinalized)) {
      return workspace.get().resetTo(synced.get().lane().stagingHead()).<LaneFailure>mapLeft(Unavailable::new).map(reset -> synced.get());
    }
    return synced;
  }

  // ---- internals ----------------------------------------------------------------------------

  /** Adds an entry to the lane's history for something done beside the lane (the lane stays as it is). */
  private Either<LaneFailure, StagingLane> recordInHistory(String actor, String action) {
    return transact(actor, false, lane -> Either.right(new Step<>(lane, List.empty(), action, lane, true)));
  }

  /**
   * Adopts the batch as Git records it when the lane and Git disagree: always while unlocked, and
   * while locked only when the staging branch itself was moved (after a merge, Git's batch is empty
   * because production holds it, and that is no disagreement). Saved on its own, so the sync that
   * follows starts from where the branch really is.
   */
  private Either<LaneFailure, Step<Option<Seq<String>>>> repairStep(StagingLane lane) {
    Either<LaneFailure, BranchHeads> heads = repository.heads().mapLeft(Unavailable::new);
    if (heads.isLeft()) {
      return Either.left(heads.getLeft());
    }
    boolean branchMoved = !lane.stagingHead().equals(heads.get().staging());
    if (lane.lock().isLocked() && !branchMoved) {
      return Either.right(new Step<>(lane, List.empty(), "Sync Promotions", Option.none()));
    }
    return repairedFromGit(lane, heads.get()).map(fromGit -> {
      Seq<String> dropped = lane.batch().proposals()
          .filter(p -> !fromGit.batch().contains(p.id()) && !fromGit.deployed().contains(p.id()))
          .map(p -> "Proposal ‘" + p.title() + "’ is no longer on the staging branch; it is no longer staged. Apply it again.");
      return new Step<>(fromGit, List.empty(), "Sync Promotions repaired the lane from Git",
          fromGit.equals(lane) ? Option.none() : Option.some(dropped));
    });
  }

  private Either<LaneFailure, Step<SyncResult>> syncStep(StagingLane lane, Option<Seq<String>> repaired) {
    Either<LaneFailure, BranchHeads> heads = repository.heads().mapLeft(Unavailable::new);
    if (heads.isLeft()) {
      return Either.left(heads.getLeft());
    }
    StagingLane working = lane;
    List<LaneEvent> events = List.empty();
    List<String> notes = List.ofAll(repaired.getOrElse(List.empty()));

    if (!working.lock().isLocked()) {
      Either<LaneFailure, Option<PromotionPullRequest>> found = findOpenPromotionPr();
      if (found.isLeft()) {
        return Either.left(found.getLeft());
      }
      if (found.get().isDefined() && !working.batch().isEmpty()) {
        PromotionPullRequest pr = found.get().get();
        Either<Rejection, Seq<LaneEvent>> opened = working.openPromotionPr(pr.number(), pr.headCommit());
        if (opened.isLeft()) {
          notes = notes.append(opened.getLeft().message());
        } else {
          events = events.appendAll(opened.get());
          working = working.after(opened.get());
        }
      } else if (found.get().isDefined()) {
        notes = notes.append("Pull request " + found.get().get().number() + " is open from " + config.stagingBranch()
            + " to " + config.productionBranch() + ", but nothing is staged.");
      }
    }

    if (working.lock() instanceof ReleaseLock.PromotionPrOpen open) {
      Either<LaneFailure, PullRequestState> state = pullRequests.state(open.pr()).mapLeft(Unavailable::new);
      if (state.isLeft()) {
        return Either.left(state.getLeft());
      }
      StagingLane before = working;
      Seq<LaneEvent> observed = state.get().fold(
          stillOpen -> List.<LaneEvent>empty(),
          closed -> before.promotionPrClosed(open.pr()).getOrElse(List.empty()),
          merged -> before.promotionPrMerged(open.pr(), merged.mergeCommit()).getOrElse(List.empty()));
      events = events.appendAll(observed);
      working = working.after(observed);
    }

    if (working.lock() instanceof ReleaseLock.AwaitingMainSync awaiting) {
      Either<LaneFailure, Boolean> contained =
          repository.isAncestor(awaiting.mergeCommit(), heads.get().production()).mapLeft(Unavailable::new);
      if (contained.isLeft()) {
        return Either.left(contained.getLeft());
      }
      if (contained.get()) {
        Set<ProposalId> inProduction = HashSet.empty();
        for (StagedProposal staged : working.batch().proposals()) {
          Either<LaneFailure, Boolean> promoted =
              repository.isAncestor(staged.commit(), heads.get().production()).mapLeft(Unavailable::new);
          if (promoted.isLeft()) {
            return Either.left(promoted.getLeft());
          }
          if (promoted.get()) {
            inProduction = inProduction.add(staged.id());
          } else {
            notes = notes.append("Proposal ‘" + staged.title() + "’ did not reach production with promotion PR "
                + awaiting.pr() + "; it is no longer staged. Apply it again.");
          }
        }
        Seq<LaneEvent> finalized = working.sync(heads.get().production(), inProduction).getOrElse(List.empty());
        events = events.appendAll(finalized);
        working = working.after(finalized);
      } else {
        notes = notes.append("Production branch " + config.productionBranch() + " does not contain merge commit "
            + awaiting.mergeCommit().abbreviated() + " yet; sync again once it does.");
      }
    }
    String action = events.isEmpty() ? "Sync Promotions"
        : "Sync Promotions: " + events.map(e -> e.getClass().getSimpleName()).mkString(", ");
    return Either.right(new Step<>(working, events, action, new SyncResult(working, events, repaired.isDefined(), notes)));
  }

  /**
   * The lane with its batch as Git records it. Proposals the lane had staged that Git no longer
   * shows on staging but production contains were promoted outside Platinur: they count as deployed.
   */
  private Either<LaneFailure, StagingLane> repairedFromGit(StagingLane lane, BranchHeads heads) {
    Either<LaneFailure, RecordedBatch> recorded = repository.readBatch().mapLeft(Unavailable::new);
    if (recorded.isLeft()) {
      return Either.left(recorded.getLeft());
    }
    Either<LaneFailure, PromotionBatch> batch = batchOf(recorded.get());
    if (batch.isLeft()) {
      return Either.left(batch.getLeft());
    }
    if (batch.get().equals(lane.batch()) && lane.stagingHead().equals(heads.staging())) {
      return Either.right(lane);
    }
    Set<ProposalId> deployed = lane.deployed();
    for (StagedProposal vanished : lane.batch().proposals().filter(p -> !batch.get().contains(p.id()))) {
      Either<LaneFailure, Boolean> promoted =
          repository.isAncestor(vanished.commit(), heads.production()).mapLeft(Unavailable::new);
      if (promoted.isLeft()) {
        return Either.left(promoted.getLeft());
      }
      deployed = promoted.get() ? deployed.add(vanished.id()) : deployed;
    }
    return Either.right(StagingLane.restore(recorded.get().base(), batch.get(), lane.lock(), deployed));
  }

  private Either<LaneFailure, StagingLane> deriveFromGit() {
    return repository.readBatch().<LaneFailure>mapLeft(Unavailable::new)
        .flatMap(recorded -> batchOf(recorded)
            .map(batch -> StagingLane.restore(recorded.base(), batch, ReleaseLock.unlocked(), HashSet.empty())));
  }

  private static Either<LaneFailure, PromotionBatch> batchOf(RecordedBatch recorded) {
    try {
      return Either.right(PromotionBatch.of(recorded.proposals()));
    } catch (InvalidValueException e) {
      return Either.left(new Unavailable(PortFailure.of(PortFailure.Kind.REPOSITORY_DAMAGED,
          "The staging branch holds a batch Platinur cannot accept: " + e.getMessage())));
    }
  }

  private Either<LaneFailure, Option<PromotionPullRequest>> findOpenPromotionPr() {
    return pullRequests.findOpenPromotionPr(config.stagingBranch(), config.productionBranch()).mapLeft(Unavailable::new);
  }

  private String prTitle(StagingLane lane) {
    return "Promote " + config.stagingBranch() + " to " + config.productionBranch() + ": " + lane.batch().size() + " proposal(s)";
  }

  private static String prBody(StagingLane lane) {
    return "Staged proposals in this promotion batch:\n\n"
        + lane.batch().proposals().map(p -> "- " + p.title() + " (" + p.id() + ", " + p.commit().abbreviated() + ")").mkString("\n")
        + "\n";
  }

  private static <T> Either<LaneFailure, T> decided(Either<Rejection, T> decision) {
    return decision.mapLeft(Rejected::new);
  }

  /** Decide on the freshly loaded lane, store with compare-and-swap, and on a lost race do it again. */
  private <T> Either<LaneFailure, T> transact(String actor, Function<StagingLane, Either<LaneFailure, Step<T>>> decide) {
    return transact(actor, true, decide);
  }

  private <T> Either<LaneFailure, T> transact(
      String actor, boolean repairWhenBranchMovedAlone, Function<StagingLane, Either<LaneFailure, Step<T>>> decide) {
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      Either<PortFailure, Option<StoredLane>> loaded = store.load();
      if (loaded.isLeft()) {
        return Either.left(new Unavailable(loaded.getLeft()));
      }
      Option<StoredLane> stored = loaded.get();
      Either<LaneFailure, StagingLane> current = stored.isDefined() ? Either.right(stored.get().lane()) : deriveFromGit();
      Either<LaneFailure, Step<T>> decision = current.flatMap(decide);
      if (decision.isLeft()) {
        return Either.left(decision.getLeft());
      }
      Step<T> step = decision.get();
      if (stored.isDefined() && !step.recordUnchanged() && step.next().equals(stored.get().lane())) {
        return Either.right(step.result());
      }
      Either<PortFailure, StoredLane> saved = store.save(
          stored.map(StoredLane::version), step.next(), step.events(), new AuditEntry(actor, time.now(), step.action()));
      if (saved.isRight()) {
        return Either.right(step.result());
      }
      if (!saved.getLeft().isConflict()) {
        return Either.left(new Unavailable(saved.getLeft()));
      }
      if (repairWhenBranchMovedAlone && stored.isDefined() && stillStored(stored.get())) {
        // Nobody saved in between, so the staging branch moved outside the lane (a crash between
        // two updates, a hand-made push): adopt Git's batch, then decide again on it.
        Either<LaneFailure, Option<Seq<String>>> repaired = transact(actor, false, this::repairStep);
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

  /** One decision: the lane after it, its events, the history's words, the caller's answer; saved only when it changes the lane, unless it must be recorded anyway. */
  private record Step<T>(StagingLane next, Seq<LaneEvent> events, String action, T result, boolean recordUnchanged) {
    Step(StagingLane next, Seq<LaneEvent> events, String action, T result) {
      this(next, events, action, result, false);
    }
  }
}
