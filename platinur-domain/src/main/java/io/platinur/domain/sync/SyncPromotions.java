package io.platinur.domain.sync;

import io.platinur.domain.batch.PromotionBatch;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.lane.CommandRejection;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchHeads;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * Sync Promotions as pure decisions over what Git and the forge showed.
 *
 * <ul>
 *   <li>{@link #repair}: the lane adopts the batch Git records when the two disagree (always while
 *       unlocked; while locked only when the staging branch itself moved).
 *   <li>{@link #decide}: a promotion PR found open locks the lane; the lane's PR closed unmerged
 *       unlocks it; merged, it awaits sync; a merge production contains is finalized, deploying
 *       exactly the staged proposals production contains.
 * </ul>
 *
 * Nothing here reads Git or the forge: the caller gathers the observations each decision names.
 */
public final class SyncPromotions {
  private SyncPromotions() {}

  // ---- repair -------------------------------------------------------------------------------

  /** Whether the lane must be compared with Git's batch: always while unlocked, else when the staging branch moved. */
  public static boolean needsRepairCheck(StagingLane lane, BranchHeads heads) {
    return !lane.lock().isLocked() || !lane.stagingHead().equals(heads.staging());
  }

  /**
   * Whether both branches are where the lane left them: staging at the lane's head and, while
   * unlocked, production at the lane's base (a locked lane waits for production to move). Git's
   * batch is the commits on staging that production lacks, so it is then exactly the batch the
   * lane stored with that head, and Sync Promotions needs no {@link #repair}: it decides on the
   * lane and the heads alone, without reading the batch back from Git.
   */
  public static boolean headsWhereLaneLeftThem(StagingLane lane, BranchHeads heads) {
    return lane.stagingHead().equals(heads.staging()) && (lane.lock().isLocked() || lane.base().equals(heads.production()));
  }

  /** Whether the lane and Git's batch disagree. */
  public static boolean disagrees(StagingLane lane, BranchHeads heads, PromotionBatch recorded) {
    return !recorded.equals(lane.batch()) || !lane.stagingHead().equals(heads.staging());
  }

  /** The commits of staged proposals Git no longer shows on staging: ask whether production contains them. */
  public static Seq<CommitId> vanishedCommits(StagingLane lane, PromotionBatch recorded) {
    return vanished(lane, recorded).map(StagedProposal::commit);
  }

  /**
   * The lane with its batch as Git records it ({@code recorded} on {@code recordedBase}).
   * Proposals the lane had staged that Git no longer shows on staging but production contains
   * ({@code inProduction}, for the {@link #vanishedCommits}) were promoted outside Platinur: they
   * count as deployed. The others left the batch, each with a note.
   */
  public static RepairDecision repair(
      StagingLane lane, BranchHeads heads, CommitId recordedBase, PromotionBatch recorded, Set<CommitId> inProduction) {
    if (!disagrees(lane, heads, recorded)) {
      return new RepairDecision(lane, false, List.empty());
    }
    Set<ProposalId> deployed = lane.deployed().addAll(
        vanished(lane, recorded).filter(p -> inProduction.contains(p.commit())).map(StagedProposal::id));
    StagingLane fromGit = StagingLane.restore(recordedBase, recorded, lane.lock(), deployed);
    if (fromGit.equals(lane)) {
      return new RepairDecision(lane, false, List.empty());
    }
    Seq<SyncNote> dropped = lane.batch().proposals()
        .filter(p -> !fromGit.batch().contains(p.id()) && !fromGit.deployed().contains(p.id()))
        .map(p -> new SyncNote.ProposalLeftStagingBranch(p.title()));
    return new RepairDecision(fromGit, true, dropped);
  }

  private static Seq<StagedProposal> vanished(StagingLane lane, PromotionBatch recorded) {
    return lane.batch().proposals().filter(p -> !recorded.contains(p.id()));
  }

  // ---- sync ---------------------------------------------------------------------------------

  /**
   * The commits whose presence in production the sync decision needs, once a merge is known (the
   * lane awaits sync, or its open PR was seen merged): the merge commit first, then each staged
   * proposal's commit. None otherwise.
   */
  public static Seq<CommitId> commitsToCheck(StagingLane lane, Option<PullRequestState> promotionPrState) {
    Option<CommitId> merge = lane.lock().fold(
        unlocked -> Option.none(),
        open -> promotionPrState.flatMap(state -> state.fold(
            stillOpen -> Option.<CommitId>none(), closed -> Option.<CommitId>none(), merged -> Option.some(merged.mergeCommit()))),
        awaiting -> Option.some(awaiting.mergeCommit()));
    return merge.map(commit -> List.of(commit).appendAll(lane.batch().proposals().map(StagedProposal::commit)))
        .getOrElse(List.empty());
  }

  /** Sync Promotions on a lane, from what was observed; {@code staging} and {@code production} name the branches in notes. */
  public static SyncDecision decide(StagingLane lane, SyncObservations seen, BranchName staging, BranchName production) {
    SyncDecision start = new SyncDecision(lane, List.empty(), List.empty());
    return finalizeMerge(recordPrState(lockOnOpenPr(start, seen, staging, production), seen), seen, production);
  }

  /** While unlocked: a promotion PR found open locks the lane on it (or says why it cannot). */
  private static SyncDecision lockOnOpenPr(SyncDecision sofar, SyncObservations seen, BranchName staging, BranchName production) {
    StagingLane lane = sofar.next();
    if (lane.lock().isLocked() || seen.openPromotionPr().isEmpty()) {
      return sofar;
    }
    var pr = seen.openPromotionPr().get();
    return lane.batch().isEmpty()
        ? note(sofar, new SyncNote.OpenPrWithNothingStaged(pr.number(), staging, production))
        : take(sofar, lane.openPromotionPr(pr.number(), pr.headCommit()));
  }

  /** While the lane's promotion PR is open: what the forge says happened to it. */
  private static SyncDecision recordPrState(SyncDecision sofar, SyncObservations seen) {
    StagingLane lane = sofar.next();
    if (!(lane.lock() instanceof ReleaseLock.PromotionPrOpen open) || seen.promotionPrState().isEmpty()) {
      return sofar;
    }
    return seen.promotionPrState().get().fold(
        stillOpen -> sofar,
        closed -> take(sofar, lane.promotionPrClosed(open.pr())),
        merged -> take(sofar, lane.promotionPrMerged(open.pr(), merged.mergeCommit())));
  }

  /** While a merge awaits sync: finalize it once production contains the merge commit. */
  private static SyncDecision finalizeMerge(SyncDecision sofar, SyncObservations seen, BranchName production) {
    StagingLane lane = sofar.next();
    if (!(lane.lock() instanceof ReleaseLock.AwaitingMainSync awaiting)) {
      return sofar;
    }
    if (!seen.inProduction().contains(awaiting.mergeCommit())) {
      return note(sofar, new SyncNote.MergeNotInProductionYet(production, awaiting.mergeCommit()));
    }
    Seq<StagedProposal> staged = lane.batch().proposals();
    Seq<SyncNote> missed = staged.filter(p -> !seen.inProduction().contains(p.commit()))
        .map(p -> new SyncNote.ProposalMissedPromotion(p.title(), awaiting.pr()));
    Set<ProposalId> promoted = staged.filter(p -> seen.inProduction().contains(p.commit())).map(StagedProposal::id).toSet();
    SyncDecision noted = new SyncDecision(sofar.next(), sofar.events(), sofar.notes().appendAll(missed));
    return take(noted, Either.right(lane.sync(seen.heads().production(), promoted)));
  }

  /** Records a command's events, or its rejection as a note: nothing the rules say is dropped. */
  private static SyncDecision take(SyncDecision sofar, Either<? extends CommandRejection, Seq<LaneEvent>> decided) {
    return decided.fold(
        rejection -> note(sofar, new SyncNote.Refused(rejection)),
        events -> sofar.next().after(events).fold(
            illegal -> note(sofar, new SyncNote.EventRefused(illegal)),
            next -> new SyncDecision(next, sofar.events().appendAll(events), sofar.notes())));
  }

  private static SyncDecision note(SyncDecision sofar, SyncNote note) {
    return new SyncDecision(sofar.next(), sofar.events(), sofar.notes().append(note));
  }
}
