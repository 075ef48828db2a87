package io.platinur.testkit.model;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.lane.CommandRejection;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.Seq;
import io.vavr.control.Either;

/**
 * One concrete command with every argument fixed (ids, commits, PR numbers), so the same step can
 * be run against a {@link StagingLane} and against the {@link LaneModel} and the two compared.
 */
public sealed interface LaneStep {

  /** Runs the command against the lane; the lane itself is not changed. */
  Either<CommandRejection, Seq<LaneEvent>> on(StagingLane lane);

  /** Runs the command against the model, which changes when the command is accepted. */
  LaneModel.Outcome on(LaneModel model);

  record Apply(Proposal proposal, CommitId commit) implements LaneStep {
    @Override
    public Either<CommandRejection, Seq<LaneEvent>> on(StagingLane lane) {
      return Either.narrow(lane.apply(proposal, commit));
    }

    @Override
    public LaneModel.Outcome on(LaneModel model) {
      return model.apply(
          proposal.id().value(),
          proposal.title(),
          proposal.changes().keySet().map(path -> path.value()).toJavaList(),
          commit.hex());
    }

    @Override
    public String toString() {
      return "apply " + proposal.id() + " ‘" + proposal.title() + "’ " + proposal.fileSet().mkString("[", ", ", "]")
          + " @" + commit.hex().replaceFirst("^0+", "");
    }
  }

  record Unapply(ProposalId id, Seq<CommitId> rebuilt) implements LaneStep {
    @Override
    public Either<CommandRejection, Seq<LaneEvent>> on(StagingLane lane) {
      return Either.narrow(lane.unapply(id, rebuilt));
    }

    @Override
    public LaneModel.Outcome on(LaneModel model) {
      return model.unapply(id.value(), rebuilt.map(CommitId::hex).toJavaList());
    }

    @Override
    public String toString() {
      return "unapply " + id + " with " + rebuilt.size() + " rebuilt commit(s)";
    }
  }

  record Discard() implements LaneStep {
    @Override
    public Either<CommandRejection, Seq<LaneEvent>> on(StagingLane lane) {
      return Either.narrow(lane.discardBatch());
    }

    @Override
    public LaneModel.Outcome on(LaneModel model) {
      return model.discard();
    }

    @Override
    public String toString() {
      return "discard";
    }
  }

  record OpenPr(PullRequestNumber pr) implements LaneStep {
    @Override
    public Either<CommandRejection, Seq<LaneEvent>> on(StagingLane lane) {
      return Either.narrow(lane.openPromotionPr(pr));
    }

    @Override
    public LaneModel.Outcome on(LaneModel model) {
      return model.openPr(pr.value());
    }

    @Override
    public String toString() {
      return "open PR " + pr;
    }
  }

  record PrClosed(PullRequestNumber pr) implements LaneStep {
    @Override
    public Either<CommandRejection, Seq<LaneEvent>> on(StagingLane lane) {
      return Either.narrow(lane.promotionPrClosed(pr));
    }

    @Override
    public LaneModel.Outcome on(LaneModel model) {
      return model.prClosed(pr.value());
    }

    @Override
    public String toString() {
      return "PR " + pr + " closed";
    }
  }

  record PrMerged(PullRequestNumber pr, CommitId mergeCommit) implements LaneStep {
    @Override
    public Either<CommandRejection, Seq<LaneEvent>> on(StagingLane lane) {
      return Either.narrow(lane.promotionPrMerged(pr, mergeCommit));
    }

    @Override
    public LaneModel.Outcome on(LaneModel model) {
      return model.prMerged(pr.value(), mergeCommit.hex());
    }

    @Override
    public String toString() {
      return "PR " + pr + " merged @" + mergeCommit.hex().replaceFirst("^0+", "");
    }
  }

  record Sync(CommitId productionHead) implements LaneStep {
    @Override
    public Either<CommandRejection, Seq<LaneEvent>> on(StagingLane lane) {
      return Either.right(lane.sync(productionHead));
    }

    @Override
    public LaneModel.Outcome on(LaneModel model) {
      return model.sync(productionHead.hex());
    }

    @Override
    public String toString() {
      return "sync to @" + productionHead.hex().replaceFirst("^0+", "");
    }
  }
}
