package io.platinur.domain.lane;

import io.platinur.domain.batch.Overlap;
import io.platinur.domain.batch.PromotionBatch;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.lane.LaneEvent.BatchDiscarded;
import io.platinur.domain.lane.LaneEvent.PromotionFinalized;
import io.platinur.domain.lane.LaneEvent.PromotionPrClosed;
import io.platinur.domain.lane.LaneEvent.PromotionPrMerged;
import io.platinur.domain.lane.LaneEvent.PromotionPrOpened;
import io.platinur.domain.lane.LaneEvent.ProposalStaged;
import io.platinur.domain.lane.LaneEvent.ProposalUnstaged;
import io.platinur.domain.lock.PullRequestNumber;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.lock.ReleaseLock.AwaitingMainSync;
import io.platinur.domain.lock.ReleaseLock.PromotionPrOpen;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import java.util.Objects;

/**
 * A staging lane: the release lock, the promotion batch and the commit the batch is built on (the
 * production head when the batch started). The staging head is derived: the last staged commit,
 * or the base when nothing is staged.
 *
 * <p>Commands decide: each returns the {@link Rejection} or the events it produced, and never
 * changes the lane (it is immutable). {@link #after(Iterable)} folds events into the next lane. A
 * command that is already satisfied (open the PR that is open, sync with nothing to finalize)
 * returns no events, so retries are safe.
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
   * Would applying this proposal be accepted now? The same checks, in the same order, as
   * {@link #apply}: already staged or deployed, then the release lock, then file overlap.
   */
  public Either<Rejection, Proposal> checkApply(Proposal proposal) {
    if (batch.contains(proposal.id())) {
      String title = batch.find(proposal.id()).get().title();
      return reject(RejectionReason.ALREADY_STAGED, "Proposal ‘" + title + "’ is already staged.");
    }
    if (deployed.contains(proposal.id())) {
      return reject(RejectionReason.ALREADY_DEPLOYED, "Proposal ‘" + proposal.title() + "’ is already deployed.");
    }
    Either<Rejection, Proposal> unlocked =
        lock.fold(
            none -> Either.right(proposal),
            open -> reject(RejectionReason.PROMOTION_PR_OPEN, ReleaseLock.PROMOTION_PR_OPEN_MESSAGE),
            awaiting -> reject(RejectionReason.AWAITING_MAIN_SYNC, ReleaseLock.AWAITING_MAIN_SYNC_MESSAGE));
    return unlocked.flatMap(
        ok -> {
          Seq<Overlap> overlaps = batch.overlaps(proposal);
          return overlaps.isEmpty()
              ? Either.right(proposal)
              : reject(RejectionReason.FILE_OVERLAP, overlaps.head().message());
        });
  }

  /** Apply a proposal to Staging; {@code commit} is the staging commit that applies it. */
  public Either<Rejection, Seq<LaneEvent>> apply(Proposal proposal, CommitId commit) {
    return checkApply(proposal)
        .map(ok -> List.of(new ProposalStaged(new StagedProposal(proposal.id(), proposal.title(), proposal.fileSet(), commit))));
  }

  /**
   * May this proposal be unapplied now? Only while no promotion PR exists, and only if it is
   * staged. Returns the staged proposals after it, which must be rebuilt onto
   * {@link #commitBefore the commit before it}.
   */
  public Either<Rejection, Seq<StagedProposal>> checkUnapply(ProposalId id) {
    if (lock.isLocked()) {
      return reject(
          RejectionReason.PROMOTION_PR_EXISTS,
          "A promotion PR exists for the staged batch. Unapply is available only until a promotion PR exists.");
    }
    int position = batch.proposals().indexWhere(p -> p.id().equals(id));
    if (position < 0) {
      return reject(RejectionReason.NOT_STAGED, "Proposal " + id + " is not staged.");
    }
    return Either.right(batch.proposals().drop(position + 1));
  }

  /** The commit a staged proposal was applied on top of: the previous proposal's, or the base. */
  public CommitId commitBefore(ProposalId id) {
    int position = batch.proposals().indexWhere(p -> p.id().equals(id));
    return position <= 0 ? base : batch.proposals().get(position - 1).commit();
  }

  /**
   * Take a staged proposal out of the batch, allowed only while no promotion PR exists. The
   * proposals after it were rebuilt onto the commit before it; {@code rebuiltCommits} applies
   * them, one per later proposal, in order.
   */
  public Either<Rejection, Seq<LaneEvent>> unapply(ProposalId id, Seq<CommitId> rebuiltCommits) {
    return checkUnapply(id)
        .flatMap(later -> later.size() == rebuiltCommits.size()
            ? Either.right(List.of(new ProposalUnstaged(id, rebuiltCommits)))
            : reject(
                RejectionReason.BATCH_CHANGED,
                "The staged batch changed while this was being prepared. Read it again and retry."));
  }

  /** Discard the whole batch (staging goes back to the base), allowed only while no promotion PR exists. */
  public Either<Rejection, Seq<LaneEvent>> discardBatch() {
    if (lock.isLocked()) {
      return reject(
          RejectionReason.PROMOTION_PR_EXISTS,
          "A promotion PR exists for the staged batch. Discard is available only until a promotion PR exists.");
    }
    return Either.right(
        batch.isEmpty() ? List.empty() : List.of(new BatchDiscarded(batch.proposals().map(StagedProposal::id))));
  }

  /**
   * May a promotion PR be opened now? Returns the staging head it would promote, or the rejection:
   * nothing staged, a promotion PR already open, or a merged one awaiting sync.
   */
  public Either<Rejection, CommitId> checkOpenPromotionPr() {
    return lock.fold(
        unlocked ->
            batch.isEmpty()
                ? reject(
                    RejectionReason.EMPTY_BATCH,
                    "Nothing is staged. Apply a proposal to Staging before opening a promotion PR.")
                : Either.right(stagingHead()),
        open ->
            reject(
                RejectionReason.PROMOTION_PR_ALREADY_OPEN,
                "Promotion PR " + open.pr() + " is already open for the staged batch."),
        awaiting -> reject(RejectionReason.AWAITING_MAIN_SYNC, ReleaseLock.AWAITING_MAIN_SYNC_MESSAGE));
  }

  /** Record the batch's promotion PR, which locks staging. Recording the open PR again is a no-op. */
  public Either<Rejection, Seq<LaneEvent>> openPromotionPr(PullRequestNumber pr) {
    return openPromotionPr(pr, stagingHead());
  }

  /**
   * Record the batch's promotion PR as its host reports it, with {@code prHead} its head commit.
   * Refused unless the PR promotes exactly the staging head: a PR at another commit would merge
   * something other than the staged batch.
   */
  public Either<Rejection, Seq<LaneEvent>> openPromotionPr(PullRequestNumber pr, CommitId prHead) {
    return lock.fold(
        unlocked ->
            checkOpenPromotionPr().flatMap(head -> head.equals(prHead)
                ? Either.right(List.of(new PromotionPrOpened(pr, head)))
                : reject(
                    RejectionReason.PROMOTION_PR_HEAD_MISMATCH,
                    "Promotion PR " + pr + " points at " + prHead.abbreviated() + ", but the staging head is "
                        + head.abbreviated() + ". Push the staging branch, then open the promotion PR again.")),
        open ->
            open.pr().equals(pr)
                ? Either.right(List.empty())
                : reject(
                    RejectionReason.PROMOTION_PR_ALREADY_OPEN,
                    "Promotion PR " + open.pr() + " is already open for the staged batch."),
        awaiting -> reject(RejectionReason.AWAITING_MAIN_SYNC, ReleaseLock.AWAITING_MAIN_SYNC_MESSAGE));
  }

  /** The promotion PR was closed without merging: unlock, keep the batch. */
  public Either<Rejection, Seq<LaneEvent>> promotionPrClosed(PullRequestNumber pr) {
    return lock.fold(
        unlocked -> Either.right(List.empty()),
        open -> open.pr().equals(pr) ? Either.right(List.of(new PromotionPrClosed(pr))) : notThePromotionPr(pr),
        awaiting ->
            awaiting.pr().equals(pr)
                ? reject(
                    RejectionReason.PROMOTION_ALREADY_MERGED,
                    "Promotion PR " + pr + " is already merged. Sync Promotions to finalize it.")
                : notThePromotionPr(pr));
  }

  /** The promotion PR was merged as {@code mergeCommit}: staging waits for Sync Promotions. */
  public Either<Rejection, Seq<LaneEvent>> promotionPrMerged(PullRequestNumber pr, CommitId mergeCommit) {
    return lock.fold(
        unlocked -> Either.left(Rejection.noPromotionPr()),
        open ->
            open.pr().equals(pr)
                ? Either.right(List.of(new PromotionPrMerged(pr, mergeCommit)))
                : notThePromotionPr(pr),
        awaiting ->
            awaiting.pr().equals(pr) && awaiting.mergeCommit().equals(mergeCommit)
                ? Either.right(List.empty())
                : notThePromotionPr(pr));
  }

  /**
   * Sync Promotions after a merge: the batch is deployed, staging is reset to
   * {@code productionHead} (which the caller has verified contains the merge commit) and unlocked.
   * With no merged promotion waiting, nothing happens.
   */
  public Either<Rejection, Seq<LaneEvent>> sync(CommitId productionHead) {
    return sync(productionHead, batch.proposals().map(StagedProposal::id).toSet());
  }

  /**
   * Sync Promotions after a merge, deploying only the staged proposals that reached production
   * ({@code inProduction}, as Git shows it); the others leave the batch without being deployed,
   * so their cards are ready to apply again. Staging is reset to {@code productionHead} and unlocked.
   */
  public Either<Rejection, Seq<LaneEvent>> sync(CommitId productionHead, Set<ProposalId> inProduction) {
    return lock.fold(
        unlocked -> Either.right(List.empty()),
        open -> Either.right(List.empty()),
        awaiting ->
            Either.right(
                List.of(
                    new PromotionFinalized(
                        awaiting.pr(),
                        batch.proposals().map(StagedProposal::id).filter(inProduction::contains),
                        productionHead))));
  }

  // ---- evolving -----------------------------------------------------------------------------

  /** The lane after these events, in order. */
  public StagingLane after(Iterable<? extends LaneEvent> events) {
    StagingLane lane = this;
    for (LaneEvent event : events) {
      lane = lane.after(event);
    }
    return lane;
  }

  /** The lane after one event. */
  public StagingLane after(LaneEvent event) {
    return event.accept(
        new LaneEvent.Visitor<StagingLane>() {
          @Override
          public StagingLane proposalStaged(ProposalStaged e) {
            return new StagingLane(base, batch.add(e.staged()), lock, deployed);
          }

          @Override
          public StagingLane proposalUnstaged(ProposalUnstaged e) {
            return new StagingLane(base, batch.remove(e.id(), e.rebuiltCommits()), lock, deployed);
          }

          @Override
          public StagingLane batchDiscarded(BatchDiscarded e) {
            return new StagingLane(base, PromotionBatch.empty(), lock, deployed);
          }

          @Override
          public StagingLane promotionPrOpened(PromotionPrOpened e) {
            return new StagingLane(base, batch, ReleaseLock.unlocked().open(e.pr()), deployed);
          }

          @Override
          public StagingLane promotionPrClosed(PromotionPrClosed e) {
            return new StagingLane(base, batch, ReleaseLock.unlocked(), deployed);
          }

          @Override
          public StagingLane promotionPrMerged(PromotionPrMerged e) {
            return new StagingLane(base, batch, new PromotionPrOpen(e.pr()).merged(e.mergeCommit()), deployed);
          }

          @Override
          public StagingLane promotionFinalized(PromotionFinalized e) {
            return new StagingLane(
                e.productionHead(), PromotionBatch.empty(), ReleaseLock.unlocked(), deployed.addAll(e.deployed()));
          }
        });
  }

  private static <T> Either<Rejection, T> reject(RejectionReason reason, String message) {
    return Either.left(new Rejection(reason, message));
  }

  private static Either<Rejection, Seq<LaneEvent>> notThePromotionPr(PullRequestNumber pr) {
    return reject(
        RejectionReason.NOT_THE_PROMOTION_PR, "Pull request " + pr + " is not the promotion PR of the staged batch.");
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
