package io.platinur.testkit.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.lane.CommandRejection;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.proposal.ProposalId;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.util.List;

/** Asserts that a lane and the reference model agree on a decision and on the state after it. */
public final class LaneAgreement {
  private LaneAgreement() {}

  /** What the lane's lock says, in the model's terms: kind, PR number (0 if none), merge commit. */
  public record LockView(LaneModel.Lock kind, long pr, String mergeCommit) {}

  public static LockView lockOf(StagingLane lane) {
    return lane.lock().fold(
        unlocked -> new LockView(LaneModel.Lock.UNLOCKED, 0, null),
        open -> new LockView(LaneModel.Lock.PR_OPEN, open.pr().value(), null),
        awaiting -> new LockView(LaneModel.Lock.AWAITING_SYNC, awaiting.pr().value(), awaiting.mergeCommit().hex()));
  }

  public static LockView lockOf(LaneModel model) {
    return new LockView(model.lock(), model.pr(), model.mergeCommit());
  }

  public static void assertDecisionsAgree(java.util.function.Supplier<String> context, Either<CommandRejection, Seq<LaneEvent>> decision, LaneModel.Outcome expected) {
    if (decision.isRight() == expected.accepted()
        && (decision.isRight()
            || (decision.getLeft().reason() == expected.reason() && decision.getLeft().message().equals(expected.message())))) {
      return; // agreed; the assertions below only describe a disagreement
    }
    assertThat(decision.isRight()).as(() -> context.get() + ": accepted").isEqualTo(expected.accepted());
    if (decision.isLeft()) {
      assertThat(decision.getLeft().reason()).as(() -> context.get() + ": reason").isEqualTo(expected.reason());
      assertThat(decision.getLeft().message()).as(() -> context.get() + ": message").isEqualTo(expected.message());
    }
  }

  /** Everything compared, as one value, so agreement costs one equals. */
  public record StateView(
      List<String> ids, List<String> commits, List<String> titles, LockView lock, java.util.Set<String> deployed,
      String stagingHead, String base) {

    static StateView of(StagingLane lane) {
      return new StateView(
          LaneRun.batchIds(lane),
          lane.batch().proposals().map(p -> p.commit().hex()).toJavaList(),
          lane.batch().proposals().map(StagedProposal::title).toJavaList(),
          lockOf(lane),
          lane.deployed().map(ProposalId::value).toJavaSet(),
          lane.stagingHead().hex(),
          lane.base().hex());
    }

    static StateView of(LaneModel model) {
      return new StateView(
          model.batchIds(),
          model.batchCommits(),
          model.batch().stream().map(LaneModel.Entry::title).toList(),
          lockOf(model),
          model.deployed(),
          model.stagingHead(),
          model.base());
    }
  }

  public static void assertStatesAgree(java.util.function.Supplier<String> context, StagingLane lane, LaneModel model) {
    if (StateView.of(lane).equals(StateView.of(model))) {
      return; // agreed; the assertions below only describe a disagreement
    }
    assertThat(LaneRun.batchIds(lane)).as(() -> context.get() + ": batch ids in order").isEqualTo(model.batchIds());
    assertThat(lane.batch().proposals().map(p -> p.commit().hex()).toJavaList())
        .as(() -> context.get() + ": batch commits in order").isEqualTo(model.batchCommits());
    assertThat(lane.batch().proposals().map(StagedProposal::title).toJavaList())
        .as(() -> context.get() + ": batch titles")
        .isEqualTo(model.batch().stream().map(LaneModel.Entry::title).toList());
    assertThat(lockOf(lane)).as(() -> context.get() + ": lock").isEqualTo(lockOf(model));
    assertThat(lane.deployed().map(ProposalId::value).toJavaSet()).as(() -> context.get() + ": deployed").isEqualTo(model.deployed());
    assertThat(lane.stagingHead().hex()).as(() -> context.get() + ": staging head").isEqualTo(model.stagingHead());
    assertThat(lane.base().hex()).as(() -> context.get() + ": base").isEqualTo(model.base());
    assertThat(StateView.of(lane)).as(() -> context.get()).isEqualTo(StateView.of(model));
  }

  /** The lane after a step and what the model decided. */
  public record Result(StagingLane lane, LaneModel.Outcome outcome) {}

  /** Runs one step on both, asserts agreement, and returns the lane after it (the model is updated in place). */
  public static Result step(java.util.function.Supplier<String> context, LaneStep step, StagingLane lane, LaneModel model) {
    Either<CommandRejection, Seq<LaneEvent>> decision = step.on(lane);
    LaneModel.Outcome expected = step.on(model);
    assertDecisionsAgree(context, decision, expected);
    StagingLane after = decision.map(events -> LaneRun.evolved(lane, events)).getOrElse(lane);
    assertStatesAgree(context, after, model);
    return new Result(after, expected);
  }

  public static String describe(List<?> steps) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < steps.size(); i++) {
      out.append(i == 0 ? "" : " → ").append(steps.get(i));
    }
    return out.length() == 0 ? "(start)" : out.toString();
  }
}
