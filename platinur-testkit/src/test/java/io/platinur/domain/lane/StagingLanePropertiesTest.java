package io.platinur.domain.lane;

import static io.platinur.testkit.Generators.commandSequences;
import static io.platinur.testkit.Generators.proposals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.lane.LaneEvent.ProposalStaged;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.CommitId;
import io.platinur.testkit.Generators;
import io.platinur.testkit.model.LaneCommand;
import io.platinur.testkit.model.LaneRun;
import io.platinur.testkit.model.LaneStep;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.generators.SourceDSL;

/** Properties of the staging lane over random command sequences (QuickTheories). */
class StagingLanePropertiesTest {
  private static final int MAX_COMMANDS = 30;

  private static QuickTheory theory() {
    return qt().withExamples(300).withShrinkCycles(200);
  }

  @Test
  void a_lock_event_moves_the_lock_only_where_the_lock_allows_it_never_resetting_it() {
    PullRequestNumber stranger = PullRequestNumber.of(4_242);
    CommitId merge = CommitId.of("e".repeat(40));
    theory().forAll(commandSequences(MAX_COMMANDS)).checkAssert(commands -> {
      StagingLane lane = LaneRun.of(commands).lane();
      ReleaseLock lock = lane.lock();
      PullRequestNumber own = lock.fold(unlocked -> stranger, open -> open.pr(), awaiting -> awaiting.pr());
      for (PullRequestNumber pr : List.of(own, stranger)) {
        Seq<LaneEvent> lockEvents = List.of(
            new LaneEvent.PromotionPrOpened(pr, lane.stagingHead()),
            new LaneEvent.PromotionPrClosed(pr),
            new LaneEvent.PromotionPrMerged(pr, merge),
            new LaneEvent.PromotionFinalized(pr, List.empty(), merge));
        Seq<Either<io.platinur.domain.lock.IllegalLockTransition, ReleaseLock>> byTheLock = List.of(
            lock.onOpened(pr), lock.onClosedUnmerged(pr), lock.onMerged(pr, merge), lock.onSynced(pr));
        lockEvents.zip(byTheLock).forEach(pair -> {
          Either<IllegalLaneEvent, StagingLane> after = lane.after(pair._1);
          assertThat(after.isRight()).as("%s on %s", pair._1, lock).isEqualTo(pair._2.isRight());
          after.forEach(next -> assertThat(next.lock()).isEqualTo(pair._2.get()));
          after.orElseRun(illegal -> assertThat(illegal.event()).isEqualTo(pair._1));
        });
      }
      // An illegal event is refused, so replaying a merge the lane already took changes nothing silently.
      assertThat(lane.after(new LaneEvent.PromotionPrMerged(own, merge)).isRight())
          .isEqualTo(lock instanceof ReleaseLock.PromotionPrOpen);
    });
  }

  @Test
  void no_two_staged_proposals_share_a_path_after_any_command_sequence() {
    theory().forAll(commandSequences(MAX_COMMANDS)).checkAssert(commands -> {
      for (LaneRun.Step step : LaneRun.of(commands).steps()) {
        Set<String> seen = new HashSet<>();
        for (StagedProposal staged : step.after().batch().proposals()) {
          for (RepoPath path : staged.files()) {
            assertThat(seen.add(path.folded()))
                .as("after %s, %s is staged twice in %s", step.step(), path, step.after())
                .isTrue();
          }
        }
      }
    });
  }

  @Test
  void no_apply_succeeds_while_locked() {
    theory().forAll(commandSequences(MAX_COMMANDS)).checkAssert(commands -> {
      for (LaneRun.Step step : LaneRun.of(commands).steps()) {
        if (step.step() instanceof LaneStep.Apply && step.before().lock().isLocked()) {
          assertThat(step.decision().isLeft()).as("%s on %s", step.step(), step.before()).isTrue();
          assertThat(step.decision().getLeft().reason())
              .isIn(RejectionReason.PROMOTION_PR_OPEN, RejectionReason.AWAITING_MAIN_SYNC,
                  RejectionReason.ALREADY_STAGED, RejectionReason.ALREADY_DEPLOYED);
        }
        if (step.before().lock().isLocked()) {
          assertThat(step.after().batch().proposals().map(StagedProposal::id))
              .as("the batch grows only while unlocked")
              .isSubsetOf(step.before().batch().proposals().map(StagedProposal::id));
        }
      }
    });
  }

  @Test
  void a_rejection_leaves_the_state_equal_and_is_deterministic() {
    theory().forAll(commandSequences(MAX_COMMANDS)).checkAssert(commands -> {
      for (LaneRun.Step step : LaneRun.of(commands).steps()) {
        if (step.decision().isLeft()) {
          StagingLane before = step.before();
          StagingLane copy = StagingLane.restore(before.base(), before.batch(), before.lock(), before.deployed());
          assertThat(step.after()).isEqualTo(copy);
          assertThat(before.after(List.empty())).isEqualTo(Either.right(copy));
          assertThat(step.step().on(before)).as("asked again").isEqualTo(step.decision());
          assertThat(step.step().on(copy)).as("asked of an equal lane").isEqualTo(step.decision());
        }
      }
    });
  }

  @Test
  void after_a_merged_and_synced_release_everything_staged_is_deployed_and_the_lane_is_reset() {
    theory().forAll(commandSequences(MAX_COMMANDS)).checkAssert(commands -> {
      LaneRun run = LaneRun.of(commands);
      PullRequestNumber pr = PullRequestNumber.of(99);
      StagingLane lane = run.lane();
      if (!lane.lock().isLocked() && lane.batch().isEmpty()) {
        Proposal fresh = Proposal.builder(ProposalId.of("release-filler"), "Filler")
            .write("release/filler.sql", "select 1").build();
        lane = run.run(new LaneStep.Apply(fresh, LaneCommand.stagingCommit(9_999))).after();
      }
      if (!lane.lock().isLocked()) {
        lane = run.run(new LaneStep.OpenPr(pr)).after();
      }
      PullRequestNumber open = lane.lock().fold(u -> pr, o -> o.pr(), a -> a.pr());
      if (lane.lock() instanceof ReleaseLock.PromotionPrOpen) {
        lane = run.run(new LaneStep.PrMerged(open, LaneCommand.mergeCommit(7))).after();
      }
      assertThat(lane.lock()).isInstanceOf(ReleaseLock.AwaitingMainSync.class);
      Seq<ProposalId> staged = lane.batch().proposals().map(StagedProposal::id);
      Set<ProposalId> deployedBefore = lane.deployed().toJavaSet();
      assertThat(staged).isNotEmpty();

      CommitId productionHead = CommitId.of("e".repeat(40));
      StagingLane synced = run.run(new LaneStep.Sync(productionHead)).after();

      assertThat(synced.batch().isEmpty()).isTrue();
      assertThat(synced.deployed().toJavaSet()).containsAll(staged).containsAll(deployedBefore)
          .hasSize(deployedBefore.size() + staged.size());
      assertThat(synced.lock()).isEqualTo(ReleaseLock.unlocked());
      assertThat(synced.stagingHead()).isEqualTo(productionHead);
      assertThat(synced.base()).isEqualTo(productionHead);
    });
  }

  @Test
  void the_lane_is_a_pure_fold_of_its_events() {
    theory().forAll(commandSequences(MAX_COMMANDS)).checkAssert(commands -> {
      LaneRun run = LaneRun.of(commands);
      assertThat(StagingLane.start(LaneRun.START).after(run.events())).isEqualTo(Either.right(run.lane()));
      // And event by event, each step is the fold of its own events.
      for (LaneRun.Step step : run.steps()) {
        StagingLane replayed = step.before();
        for (LaneEvent event : step.decision().getOrElse(List.empty())) {
          replayed = replayed.after(event).get();
        }
        assertThat(replayed).isEqualTo(step.after());
      }
    });
  }

  @Test
  void apply_decides_once_and_an_accepted_apply_stages_on_the_staging_head() {
    theory().forAll(commandSequences(MAX_COMMANDS), proposals(), SourceDSL.integers().between(1, 1_000_000))
        .checkAssert((commands, proposal, n) -> {
          StagingLane lane = LaneRun.of(commands).lane();
          CommitId commit = CommitId.of("f" + "0".repeat(39 - Integer.toHexString(n).length()) + Integer.toHexString(n));
          Either<LaneApplyRejection, StagingLane.ApplyAccepted> check = lane.apply(proposal);
          Either<LaneApplyRejection, Seq<LaneEvent>> apply = lane.apply(proposal, commit);
          if (check.isLeft()) {
            assertThat(apply).isEqualTo(Either.left(check.getLeft()));
          } else {
            assertThat(check.get()).isEqualTo(new StagingLane.ApplyAccepted(proposal, lane.stagingHead()));
            assertThat(apply.get()).containsExactly(new ProposalStaged(
                new StagedProposal(proposal.id(), proposal.title(), proposal.fileSet(), commit)));
          }
        });
  }

  @Test
  void unapply_decides_once_and_names_what_to_rebuild_onto_which_commit() {
    theory().forAll(commandSequences(MAX_COMMANDS), SourceDSL.integers().between(0, 6)).checkAssert((commands, choice) -> {
      StagingLane lane = LaneRun.of(commands).lane();
      java.util.List<String> ids = LaneRun.batchIds(lane);
      ProposalId id = ProposalId.of(choice < ids.size() ? ids.get(choice) : "p" + choice);
      Either<UnapplyRejection, StagingLane.UnapplyAccepted> check = lane.unapply(id);
      if (check.isLeft()) {
        assertThat(lane.unapply(id, List.empty())).isEqualTo(Either.left(check.getLeft()));
      } else {
        Seq<StagedProposal> later = check.get().later();
        int position = ids.indexOf(id.value());
        assertThat(later).isEqualTo(lane.batch().proposals().drop(position + 1));
        CommitId before = position == 0 ? lane.base() : lane.batch().proposals().get(position - 1).commit();
        assertThat(check.get().onto()).isEqualTo(before);
        Seq<CommitId> rebuilt = later.map(p -> LaneCommand.rebuiltCommit(1, later.indexOf(p)));
        assertThat(lane.unapply(id, rebuilt).get()).containsExactly(new LaneEvent.ProposalUnstaged(id, rebuilt));
        // After the unapply, the staging head is the commit before it, or the last rebuilt commit.
        StagingLane after = lane.after(lane.unapply(id, rebuilt).get()).get();
        assertThat(after.stagingHead()).isEqualTo(rebuilt.lastOption().getOrElse(before));
      }
    });
  }

  @Test
  void the_promotion_head_agrees_with_opening_a_new_promotion_pr() {
    theory().forAll(commandSequences(MAX_COMMANDS)).checkAssert(commands -> {
      StagingLane lane = LaneRun.of(commands).lane();
      PullRequestNumber fresh = PullRequestNumber.of(1_000);
      Either<OpenPromotionPrRejection, CommitId> check = lane.promotionHead();
      Either<OpenPromotionPrRejection, Seq<LaneEvent>> open = lane.openPromotionPr(fresh);
      if (check.isLeft()) {
        assertThat(open).isEqualTo(Either.left(check.getLeft()));
      } else {
        assertThat(check.get()).isEqualTo(lane.stagingHead());
        assertThat(open.get()).containsExactly(new LaneEvent.PromotionPrOpened(fresh, lane.stagingHead()));
      }
    });
  }

  /**
   * The generators are only worth something if they reach every situation: every rejection the
   * lane can give, every lock state, accepted commands of every kind, and releases.
   */
  @Test
  void generated_sequences_reach_every_rejection_and_every_lock_state() {
    java.util.EnumSet<RejectionReason> reasons = java.util.EnumSet.noneOf(RejectionReason.class);
    Set<String> locks = new HashSet<>();
    Set<Class<?>> acceptedKinds = new HashSet<>();
    int[] releases = {0};
    theory().forAll(commandSequences(MAX_COMMANDS)).checkAssert(commands -> {
      for (LaneRun.Step step : LaneRun.of(commands).steps()) {
        step.decision().peekLeft(rejection -> reasons.add(rejection.reason()));
        step.decision().filter(events -> !events.isEmpty()).peek(events -> acceptedKinds.add(step.step().getClass()));
        locks.add(step.after().lock().fold(u -> "unlocked", o -> "open", a -> "awaiting"));
        releases[0] += step.after().deployed().size() > step.before().deployed().size() ? 1 : 0;
      }
    });
    // Every reason the lane itself gives (environment capabilities and permissions are checked elsewhere).
    assertThat(reasons).containsExactlyInAnyOrder(
        RejectionReason.PROMOTION_PR_OPEN, RejectionReason.AWAITING_MAIN_SYNC, RejectionReason.FILE_OVERLAP,
        RejectionReason.ALREADY_STAGED, RejectionReason.ALREADY_DEPLOYED, RejectionReason.NOT_STAGED,
        RejectionReason.PROMOTION_PR_EXISTS, RejectionReason.EMPTY_BATCH, RejectionReason.PROMOTION_PR_ALREADY_OPEN,
        RejectionReason.NOT_THE_PROMOTION_PR, RejectionReason.NO_PROMOTION_PR, RejectionReason.PROMOTION_ALREADY_MERGED,
        RejectionReason.BATCH_CHANGED);
    assertThat(locks).containsExactlyInAnyOrder("unlocked", "open", "awaiting");
    assertThat(acceptedKinds).hasSize(7);
    assertThat(releases[0]).isGreaterThan(10);
  }

  @Test
  void generated_case_variants_fold_to_the_same_key() {
    theory().forAll(Generators.paths(), Generators.paths()).checkAssert((a, b) ->
        assertThat(a.folded().equals(b.folded())).isEqualTo(a.value().equalsIgnoreCase(b.value())));
  }
}
