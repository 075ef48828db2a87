package io.platinur.domain.lane;

import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.Seq;

/**
 * What happened to a staging lane. A lane's state is a pure fold of its events
 * ({@link StagingLane#after(Iterable)}); commands decide which events happen. Act on every kind of
 * event with a {@link Visitor}: a new event kind makes every visitor fail to compile.
 */
public sealed interface LaneEvent
    permits LaneEvent.ProposalStaged,
        LaneEvent.ProposalUnstaged,
        LaneEvent.BatchDiscarded,
        LaneEvent.PromotionPrOpened,
        LaneEvent.PromotionPrClosed,
        LaneEvent.PromotionPrMerged,
        LaneEvent.PromotionFinalized {

  <R> R accept(Visitor<R> visitor);

  /**
   * What happened, in a sentence for a person (a history page, the audit entry of a sync):
   * {@code Merged promotion PR #1 as 4f2a9c1.}, never the event's type name.
   */
  String words();

  /** One method per event kind. */
  interface Visitor<R> {
    R proposalStaged(ProposalStaged event);

    R proposalUnstaged(ProposalUnstaged event);

    R batchDiscarded(BatchDiscarded event);

    R promotionPrOpened(PromotionPrOpened event);

    R promotionPrClosed(PromotionPrClosed event);

    R promotionPrMerged(PromotionPrMerged event);

    R promotionFinalized(PromotionFinalized event);
  }

  /** A proposal was applied to Staging by {@code staged.commit()}. */
  record ProposalStaged(StagedProposal staged) implements LaneEvent {
    @Override
    public String words() {
      return "Applied ‘" + staged.title() + "’ to Staging as " + staged.commit().abbreviated() + " (" + staged.id() + ").";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.proposalStaged(this);
    }
  }

  /**
   * A proposal left the batch; the proposals after it were rebuilt and are now applied by
   * {@code rebuiltCommits}, in order.
   */
  record ProposalUnstaged(ProposalId id, Seq<CommitId> rebuiltCommits) implements LaneEvent {
    @Override
    public String words() {
      return "Unapplied " + id + " from Staging" + (rebuiltCommits.isEmpty() ? "." : "; rebuilt the " + rebuiltCommits.size()
          + " proposal(s) staged after it.");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.proposalUnstaged(this);
    }
  }

  /** Every staged proposal left the batch; staging is back at the batch base. */
  record BatchDiscarded(Seq<ProposalId> discarded) implements LaneEvent {
    @Override
    public String words() {
      return "Discarded the staged batch (" + discarded.mkString(", ") + "); Staging is back at its base.";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.batchDiscarded(this);
    }
  }

  /** The batch's promotion PR was opened with {@code head} as its head; staging is locked. */
  record PromotionPrOpened(PullRequestNumber pr, CommitId head) implements LaneEvent {
    @Override
    public String words() {
      return "Opened promotion PR " + pr + " at " + head.abbreviated() + "; Staging is locked.";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.promotionPrOpened(this);
    }
  }

  /** The promotion PR was closed without merging; staging unlocks and keeps its batch. */
  record PromotionPrClosed(PullRequestNumber pr) implements LaneEvent {
    @Override
    public String words() {
      return "Promotion PR " + pr + " was closed without merging; Staging is unlocked and keeps its batch.";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.promotionPrClosed(this);
    }
  }

  /** The promotion PR was merged as {@code mergeCommit}; staging waits for Sync Promotions. */
  record PromotionPrMerged(PullRequestNumber pr, CommitId mergeCommit) implements LaneEvent {
    @Override
    public String words() {
      return "Merged promotion PR " + pr + " as " + mergeCommit.abbreviated() + ".";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.promotionPrMerged(this);
    }
  }

  /**
   * Sync Promotions finalized a merged promotion: the batch's proposals are deployed, staging is
   * reset to {@code productionHead} and unlocked.
   */
  record PromotionFinalized(PullRequestNumber pr, Seq<ProposalId> deployed, CommitId productionHead)
      implements LaneEvent {
    @Override
    public String words() {
      return "Finalized promotion PR " + pr + ": deployed " + (deployed.isEmpty() ? "nothing" : deployed.mkString(", "))
          + "; Staging reset to " + productionHead.abbreviated() + " and unlocked.";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.promotionFinalized(this);
    }
  }
}
