package io.platinur.domain.lane;

import io.platinur.domain.batch.PromotionBatch;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.lane.LaneEvent.BatchDiscarded;
import io.platinur.domain.lane.LaneEvent.PromotionFinalized;
import io.platinur.domain.lane.LaneEvent.PromotionPrClosed;
import io.platinur.domain.lane.LaneEvent.PromotionPrMerged;
import io.platinur.domain.lane.LaneEvent.PromotionPrOpened;
import io.platinur.domain.lane.LaneEvent.ProposalStaged;
import io.platinur.domain.lane.LaneEvent.ProposalUnstaged;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * A staging lane: the release lock, the promotion batch and the commit the batch is built on (the
 * production head when the batch started). The staging head is derived: the last staged commit,
 * or the base when nothing is staged.
 *
 * <p>Commands decide once: each returns its own sealed rejection ({@link LaneApplyRejection}, {@link
 * UnapplyRejection}, …) or the events it produced, and never changes the lane (it is immutable).
 * {@link #after(Iterable)} folds events into the next lane, moving the release lock only with its
 * own transitions. A command that is already satisfied (open the PR that is open, sync with
 * nothing to finalize) returns no events, so retries are safe.
 */
public final class StagingLane {
  private final CommitId base;
  private final PromotionBatch batch;
  private final ReleaseLock lock;
  private final Set<ProposalId> deployed;

  private StagingLane(CommitId base, PromotionBatch batch, ReleaseLock lock, Set<ProposalId> deployed) {
    this.base = Objects.requireNonNull(base, "base");
    this.batch = Objects.requireNonNull(batch, "batch");
    this.lock = Objects.requireNonNull(lock, "lock");
    this.deployed = Objects.requireNonNull(deployed, "deployed");
  }

  /** A new, unlocked lane with nothing staged, built on the production head. */
  public static StagingLane start(CommitId productionHead) {
    return new StagingLane(productionHead, PromotionBatch.empty(), ReleaseLock.unlocked(), HashSet.empty());
  }

  /** A lane rebuilt from stored or re-derived parts (a state store, a sync from Git). */
  public static StagingLane restore(
      CommitId base, PromotionBatch batch, ReleaseLock lock, Set<ProposalId> deployed) {
    return new StagingLane(base, batch, lock, deployed);
  }

  // ---- reading ------------------------------------------------------------------------------

  /** The commit the batch is built on: the production head when the batch started. */
  public CommitId base() {
    return base;
  }

  public PromotionBatch batch() {
    return batch;
  }

  public ReleaseLock lock() {
    return lock;
  }

  /** Proposals promoted to production by an earlier, synced release. */
  public Set<ProposalId> deployed() {
    return deployed;
  }

  /** Where the staging branch points: the last staged commit, or the base. */
  public CommitId stagingHead() {
    return batch.lastCommit().getOrElse(base);
  }

  // ---- commands -----------------------------------------------------------------------------

  /**
   * Apply a proposal to Staging? Decided once, in this order: already staged or deployed, then the
   * release lock, then file overlap (the {@link io.platinur.domain.batch.OverlapChecker}). An
   * accepted apply names the commit to build the proposal's staging commit on; {@link
   * ApplyAccepted#committedAs} turns that commit into the events.
   */
  public Either<LaneApplyRejection, ApplyAccepted> apply(Proposal proposal) {
    return batch.find(proposal.id()).<LaneApplyRejection>map(staged -> new ApplyRejection.AlreadyStaged(staged.title()))
        .orElse(() -> deployed.contains(proposal.id())
            ? Option.some(new ApplyRejection.AlreadyDeployed(proposal.title()))
            : Option.none())
        .orElse(() -> lock.<Option<LaneApplyRejection>>fold(
            unlocked -> Option.none(),
            open -> Option.some(new ApplyRejection.PromotionPrOpen()),
            awaiting -> Option.some(new ApplyRejection.AwaitingMainSync())))
        .orElse(() -> batch.overlapChecker().firstOverlap(proposal.fileSet()).map(ApplyRejection.FileOverlap::new))
        .toLeft(() -> new ApplyAccepted(proposal, stagingHead()));
  }

  /** Apply a proposal to Staging; {@code commit} is the staging commit that applies it. */
  public Either<LaneApplyRejection, Seq<LaneEvent>> apply(Proposal proposal, CommitId commit) {
    return apply(proposal).map(accepted -> accepted.committedAs(commit));
  }

  /** An accepted apply: the proposal's staging commit goes on {@code onto}, the staging head. */
  public record ApplyAccepted(Proposal proposal, CommitId onto) {
    public ApplyAccepted {
      Objects.requireNonNull(proposal, "proposal");
      Objects.requireNonNull(onto, "onto");
    }

    /** The events once {@code commit} applies the proposal on staging. */
    public Seq<LaneEvent> committedAs(CommitId commit) {
      return List.of(new ProposalStaged(stagedAs(commit)));
    }

    /** The proposal as the batch keeps it once {@code commit} applies it. */
    public StagedProposal stagedAs(CommitId commit) {
      return new StagedProposal(proposal.id(), proposal.title(), proposal.fileSet(), commit);
    }
  }

  /**
   * Unapply a staged proposal? Only while no promotion PR exists, and only if it is staged. An
   * accepted unapply names the proposals after it, which must be rebuilt, in order, onto the
   * commit before it ({@link UnapplyAccepted#onto}).
   */
  public Either<UnapplyRejection, UnapplyAccepted> unapply(ProposalId id) {
    if (lock.isLocked()) {
      return Either.left(new UnapplyRejection.PromotionPrExists());
    }
    return batch.find(id)
        .<UnapplyRejection>toEither(() -> new UnapplyRejection.NotStaged(id))
        .map(staged -> new UnapplyAccepted(id, batch.commitBefore(id).getOrElse(base), batch.after(id)));
  }

  /**
   * Take a staged proposal out of the batch, allowed only while no promotion PR exists. The
   * proposals after it were rebuilt onto the commit before it; {@code rebuiltCommits} applies
   * them, one per later proposal, in order.
   */
  public Either<UnapplyRejection, Seq<LaneEvent>> unapply(ProposalId id, Seq<CommitId> rebuiltCommits) {
    return unapply(id).flatMap(accepted -> accepted.rebuiltAs(rebuiltCommits));
  }

  /** An accepted unapply: {@code later} must be rebuilt, in order, onto {@code onto}. */
  public record UnapplyAccepted(ProposalId id, CommitId onto, Seq<StagedProposal> later) {
    public UnapplyAccepted {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(onto, "onto");
      Objects.requireNonNull(later, "later");
    }

    /** The events once {@code rebuiltCommits} apply the later proposals, one each, in order. */
    public Either<UnapplyRejection, Seq<LaneEvent>> rebuiltAs(Seq<CommitId> rebuiltCommits) {
      return later.size() == rebuiltCommits.size()
          ? Either.right(List.of(new ProposalUnstaged(id, rebuiltCommits)))
          : Either.left(new UnapplyRejection.BatchChanged());
    }
  }

  /** Discard the whole batch (staging goes back to the base), allowed only while no promotion PR exists. */
  public Either<DiscardRejection, Seq<LaneEvent>> discardBatch() {
    if (lock.isLocked()) {
      return Either.left(new DiscardRejection.PromotionPrExists());
    }
    return Either.right(
        batch.isEmpty() ? List.empty() : List.of(new BatchDiscarded(batch.proposals().map(StagedProposal::id))));
  }

  /**
   * The staging head a new promotion PR would promote, or why none may be opened now: nothing
   * staged, a promotion PR already open, or a merged one awaiting sync.
   */
  public Either<OpenPromotionPrRejection, CommitId> promotionHead() {
    return lock.fold(
        unlocked -> batch.isEmpty()
            ? Either.left(new OpenPromotionPrRejection.EmptyBatch())
            : Either.right(stagingHead()),
        open -> Either.left(new OpenPromotionPrRejection.AlreadyOpen(open.pr())),
        awaiting -> Either.left(new OpenPromotionPrRejection.AwaitingMainSync()));
  }

  /** Record the batch's promotion PR, which locks staging. Recording the open PR again is a no-op. */
  public Either<OpenPromotionPrRejection, Seq<LaneEvent>> openPromotionPr(PullRequestNumber pr) {
    return openPromotionPr(pr, stagingHead());
  }

  /**
   * Record the batch's promotion PR as its host reports it, with {@code prHead} its head commit.
   * Refused unless the PR promotes exactly the staging head: a PR at another commit would merge
   * something other than the staged batch.
   */
  public Either<OpenPromotionPrRejection, Seq<LaneEvent>> openPromotionPr(PullRequestNumber pr, CommitId prHead) {
    return lock.fold(
        unlocked -> promotionHead().flatMap(head -> head.equals(prHead)
            ? Either.right(List.of(new PromotionPrOpened(pr, head)))
            : Either.left(new OpenPromotionPrRejection.HeadMismatch(pr, prHead, head))),
        open -> open.pr().equals(pr)
            ? Either.right(List.empty())
            : Either.left(new OpenPromotionPrRejection.AlreadyOpen(open.pr())),
        awaiting -> Either.left(new OpenPromotionPrRejection.AwaitingMainSync()));
  }

  /** The promotion PR was closed without merging: unlock, keep the batch. */
  public Either<PromotionPrClosedRejection, Seq<LaneEvent>> promotionPrClosed(PullRequestNumber pr) {
    return lock.fold(
        unlocked -> Either.right(List.empty()),
        open -> open.pr().equals(pr)
            ? Either.right(List.of(new PromotionPrClosed(pr)))
            : Either.left(new PromotionPrClosedRejection.NotThePromotionPr(pr)),
        awaiting -> awaiting.pr().equals(pr)
            ? Either.left(new PromotionPrClosedRejection.AlreadyMerged(pr))
            : Either.left(new PromotionPrClosedRejection.NotThePromotionPr(pr)));
  }

  /** The promotion PR was merged as {@code mergeCommit}: staging waits for Sync Promotions. */
  public Either<PromotionPrMergedRejection, Seq<LaneEvent>> promotionPrMerged(PullRequestNumber pr, CommitId mergeCommit) {
    return lock.fold(
        unlocked -> Either.left(new NoPromotionPr()),
        open -> open.pr().equals(pr)
            ? Either.right(List.of(new PromotionPrMerged(pr, mergeCommit)))
            : Either.left(new PromotionPrMergedRejection.NotThePromotionPr(pr)),
        awaiting -> awaiting.pr().equals(pr) && awaiting.mergeCommit().equals(mergeCommit)
            ? Either.right(List.empty())
            : Either.left(new PromotionPrMergedRejection.NotThePromotionPr(pr)));
  }

  /**
   * Sync Promotions after a merge: the batch is deployed, staging is reset to
   * {@code productionHead} (which the caller has verified contains the merge commit) and unlocked.
   * With no merged promotion waiting, nothing happens.
   */
  public Seq<LaneEvent> sync(CommitId productionHead) {
    return sync(productionHead, batch.proposals().map(StagedProposal::id).toSet());
  }

  /**
   * Sync Promotions after a merge, deploying only the staged proposals that reached production
   * ({@code inProduction}, as Git shows it); the others leave the batch without being deployed,
   * so their cards are ready to apply again. Staging is reset to {@code productionHead} and unlocked.
   */
  public Seq<LaneEvent> sync(CommitId productionHead, Set<ProposalId> inProduction) {
    return lock.fold(
        unlocked -> List.empty(),
        open -> List.empty(),
        awaiting -> List.of(new PromotionFinalized(
            awaiting.pr(), batch.proposals().map(StagedProposal::id).filter(inProduction::contains), productionHead)));
  }

  // ---- evolving -----------------------------------------------------------------------------

  /** The lane after these events, in order, or the first event that cannot happen. */
  public Either<IllegalLaneEvent, StagingLane> after(Iterable<? extends LaneEvent> events) {
    Either<IllegalLaneEvent, StagingLane> lane = Either.right(this);
    for (LaneEvent event : events) {
      lane = lane.flatMap(current -> current.after(event));
    }
    return lane;
  }

  /**
   * The lane after one event. Lock events move the lock with its own transitions and batch events
   * go through the batch; an event either refuses (a merge while unlocked, a batch change while
   * locked, an overlap) is an {@link IllegalLaneEvent}.
   */
  public Either<IllegalLaneEvent, StagingLane> after(LaneEvent event) {
    return event.accept(
        new LaneEvent.Visitor<Either<IllegalLaneEvent, StagingLane>>() {
          @Override
          public Either<IllegalLaneEvent, StagingLane> proposalStaged(ProposalStaged e) {
            return whileUnlocked(e).flatMap(ok -> batch.add(e.staged())
                .mapLeft(refusal -> new IllegalLaneEvent(e, refusal.message()))
                .map(next -> new StagingLane(base, next, lock, deployed)));
          }

          @Override
          public Either<IllegalLaneEvent, StagingLane> proposalUnstaged(ProposalUnstaged e) {
            return whileUnlocked(e).flatMap(ok -> batch.remove(e.id(), e.rebuiltCommits())
                .mapLeft(refusal -> new IllegalLaneEvent(e, refusal.message()))
                .map(next -> new StagingLane(base, next, lock, deployed)));
          }

          @Override
          public Either<IllegalLaneEvent, StagingLane> batchDiscarded(BatchDiscarded e) {
            return whileUnlocked(e).map(ok -> new StagingLane(base, PromotionBatch.empty(), lock, deployed));
          }

          @Override
          public Either<IllegalLaneEvent, StagingLane> promotionPrOpened(PromotionPrOpened e) {
            return withLock(e, lock.onOpened(e.pr()));
          }

          @Override
          public Either<IllegalLaneEvent, StagingLane> promotionPrClosed(PromotionPrClosed e) {
            return withLock(e, lock.onClosedUnmerged(e.pr()));
          }

          @Override
          public Either<IllegalLaneEvent, StagingLane> promotionPrMerged(PromotionPrMerged e) {
            return withLock(e, lock.onMerged(e.pr(), e.mergeCommit()));
          }

          @Override
          public Either<IllegalLaneEvent, StagingLane> promotionFinalized(PromotionFinalized e) {
            return lock.onSynced(e.pr())
                .mapLeft(illegal -> new IllegalLaneEvent(e, illegal.message()))
                .map(unlocked -> new StagingLane(
                    e.productionHead(), PromotionBatch.empty(), unlocked, deployed.addAll(e.deployed())));
          }
        });
  }

  private Either<IllegalLaneEvent, StagingLane> whileUnlocked(LaneEvent event) {
    return lock.isLocked()
        ? Either.left(new IllegalLaneEvent(event, "the staged batch cannot change while " + lock.describe() + "."))
        : Either.right(this);
  }

  private Either<IllegalLaneEvent, StagingLane> withLock(
      LaneEvent event, Either<io.platinur.domain.lock.IllegalLockTransition, ReleaseLock> moved) {
    return moved
        .mapLeft(illegal -> new IllegalLaneEvent(event, illegal.message()))
        .map(next -> new StagingLane(base, batch, next, deployed));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StagingLane that
        && base.equals(that.base)
        && batch.equals(that.batch)
        && lock.equals(that.lock)
        && deployed.equals(that.deployed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(base, batch, lock, deployed);
  }

  @Override
  public String toString() {
    return "StagingLane[base=" + base.abbreviated() + ", lock=" + lock + ", batch=" + batch + ", deployed=" + deployed.size() + "]";
  }
}
