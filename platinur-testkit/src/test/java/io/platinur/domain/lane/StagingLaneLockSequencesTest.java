package io.platinur.domain.lane;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.testkit.model.LaneAgreement;
import io.platinur.testkit.model.LaneCommand;
import io.platinur.testkit.model.LaneModel;
import io.platinur.testkit.model.LaneRun;
import io.platinur.testkit.model.LaneStep;
import io.vavr.collection.List;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The release lock is small enough to check exhaustively: every sequence of up to six lock
 * commands, run against {@link StagingLane} and the {@link LaneModel}, compared after every step.
 * A depth-first walk shares prefixes, so each sequence costs one step beyond its parent.
 */
class StagingLaneLockSequencesTest {
  private static final int MAX_LENGTH = 6;

  /** The lock commands: two PR numbers, so "another PR" cases are reached too. */
  enum Command { OPEN_PR_1, OPEN_PR_2, CLOSE_PR_1, MERGE_PR_1, SYNC, APPLY_FRESH, UNAPPLY }

  private long sequences;
  private int fresh;
  private final EnumSet<RejectionReason> rejections = EnumSet.noneOf(RejectionReason.class);
  private final Set<LaneModel.Lock> locks = new HashSet<>();
  private int longestBatch;
  private int releases;

  @Test
  void every_lock_command_sequence_up_to_length_6_agrees_with_the_reference_model() {
    walk(StagingLane.start(LaneRun.START), new LaneModel(LaneRun.START.hex()), new ArrayList<>());

    // 7 + 7^2 + ... + 7^6 = 137,256 sequences of length 1 to 6, each compared step by step.
    long expected = 0;
    for (int length = 1; length <= MAX_LENGTH; length++) {
      expected += Math.round(Math.pow(Command.values().length, length));
    }
    assertThat(sequences).as("sequences checked").isEqualTo(expected).isEqualTo(137_256L);

    // The walk reached every lock state, every lock rejection, releases and a growing batch.
    assertThat(locks).containsExactlyInAnyOrder(LaneModel.Lock.values());
    assertThat(rejections).containsExactlyInAnyOrder(
        RejectionReason.PROMOTION_PR_OPEN, RejectionReason.AWAITING_MAIN_SYNC, RejectionReason.NOT_STAGED,
        RejectionReason.PROMOTION_PR_EXISTS, RejectionReason.EMPTY_BATCH, RejectionReason.PROMOTION_PR_ALREADY_OPEN,
        RejectionReason.NOT_THE_PROMOTION_PR, RejectionReason.NO_PROMOTION_PR, RejectionReason.PROMOTION_ALREADY_MERGED);
    assertThat(releases).isPositive();
    assertThat(longestBatch).isEqualTo(MAX_LENGTH);
  }

  private void walk(StagingLane lane, LaneModel model, java.util.List<LaneStep> path) {
    if (path.size() == MAX_LENGTH) {
      return;
    }
    for (Command command : Command.values()) {
      LaneStep step = concrete(command, model);
      LaneModel next = model.copy();
      path.add(step);
      int deployedBefore = next.deployed().size();
      java.util.List<LaneStep> steps = path;
      LaneAgreement.Result result = LaneAgreement.step(() -> "after " + LaneAgreement.describe(steps), step, lane, next);
      sequences++;
      if (!result.outcome().accepted()) {
        rejections.add(result.outcome().reason());
      }
      locks.add(next.lock());
      longestBatch = Math.max(longestBatch, next.batchIds().size());
      releases += next.deployed().size() > deployedBefore ? 1 : 0;
      walk(result.lane(), next, path);
      path.remove(path.size() - 1);
    }
  }

  /** The command with fresh ids and commits; unapply takes the earliest staged proposal out. */
  private LaneStep concrete(Command command, LaneModel model) {
    int n = ++fresh;
    switch (command) {
      case OPEN_PR_1:
        return new LaneStep.OpenPr(PullRequestNumber.of(1));
      case OPEN_PR_2:
        return new LaneStep.OpenPr(PullRequestNumber.of(2));
      case CLOSE_PR_1:
        return new LaneStep.PrClosed(PullRequestNumber.of(1));
      case MERGE_PR_1:
        return new LaneStep.PrMerged(PullRequestNumber.of(1), LaneCommand.mergeCommit(1));
      case SYNC:
        return new LaneStep.Sync(LaneCommand.productionHead(n));
      case APPLY_FRESH:
        Proposal proposal = Proposal.builder(ProposalId.of("fresh" + n), "Fresh change " + n)
            .write("fresh/" + n + ".sql", "select " + n)
            .build();
        return new LaneStep.Apply(proposal, LaneCommand.stagingCommit(n));
      default:
        java.util.List<String> ids = model.batchIds();
        if (ids.isEmpty()) {
          return new LaneStep.Unapply(ProposalId.of("never-staged"), List.empty());
        }
        return new LaneStep.Unapply(
            ProposalId.of(ids.get(0)), List.range(0, ids.size() - 1).map(k -> LaneCommand.rebuiltCommit(n, k)));
    }
  }
}
