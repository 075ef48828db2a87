package io.platinur.domain.sync;

import static io.platinur.domain.Examples.commit;
import static io.platinur.domain.Examples.proposal;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.batch.PromotionBatch;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.lane.LaneEvent.PromotionFinalized;
import io.platinur.domain.lane.LaneEvent.PromotionPrClosed;
import io.platinur.domain.lane.LaneEvent.PromotionPrMerged;
import io.platinur.domain.lane.LaneEvent.PromotionPrOpened;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchHeads;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SyncPromotionsTest {
  private static final BranchName STAGING = BranchName.of("staging");
  private static final BranchName MAIN = BranchName.of("main");
  private static final CommitId BASE = commit(100);
  private static final CommitId MERGE = commit(500);
  private static final CommitId PRODUCTION = commit(600);
  private static final PullRequestNumber PR = PullRequestNumber.of(7);
  private static final Proposal ORDERS = proposal("orders", "Add orders model", "models/orders.sql");
  private static final Proposal CUSTOMERS = proposal("customers", "Add customers model", "models/customers.sql");

  private static StagingLane after(StagingLane lane, Seq<LaneEvent> events) {
    return lane.after(events).get();
  }

  private static StagingLane withBatch() {
    StagingLane lane = StagingLane.start(BASE);
    lane = after(lane, lane.apply(ORDERS, commit(1)).get());
    return after(lane, lane.apply(CUSTOMERS, commit(2)).get());
  }

  private static StagingLane prOpen() {
    StagingLane lane = withBatch();
    return after(lane, lane.openPromotionPr(PR).get());
  }

  private static StagingLane awaiting() {
    StagingLane lane = prOpen();
    return after(lane, lane.promotionPrMerged(PR, MERGE).get());
  }

  private static PromotionPullRequest pr(long number, CommitId head) {
    return new PromotionPullRequest(PullRequestNumber.of(number), STAGING, MAIN, head, Option.none());
  }

  private static SyncObservations seen(
      StagingLane lane, Option<PromotionPullRequest> open, Option<PullRequestState> state, Set<CommitId> inProduction) {
    return new SyncObservations(new BranchHeads(lane.stagingHead(), PRODUCTION), open, state, inProduction);
  }

  private static SyncDecision decide(StagingLane lane, SyncObservations seen) {
    return SyncPromotions.decide(lane, seen, STAGING, MAIN);
  }

  @Nested
  class Unlocked {
    @Test
    void locks_on_a_promotion_pr_found_open_at_the_staging_head() {
      StagingLane lane = withBatch();
      SyncDecision decision = decide(lane, seen(lane, Option.some(pr(7, commit(2))), Option.none(), HashSet.empty()));
      assertThat(decision.events()).containsExactly(new PromotionPrOpened(PR, commit(2)));
      assertThat(decision.next().lock()).isEqualTo(new ReleaseLock.PromotionPrOpen(PR));
      assertThat(decision.notes()).isEmpty();
    }

    @Test
    void notes_the_rejection_of_a_promotion_pr_at_another_commit_instead_of_dropping_it() {
      StagingLane lane = withBatch();
      SyncDecision decision = decide(lane, seen(lane, Option.some(pr(7, commit(1))), Option.none(), HashSet.empty()));
      assertThat(decision.events()).isEmpty();
      assertThat(decision.next()).isEqualTo(lane);
      assertThat(decision.notes()).containsExactly(new SyncNote.Refused(lane.openPromotionPr(PR, commit(1)).getLeft()));
      assertThat(decision.notes().head().message()).isEqualTo(
          "Promotion PR #7 points at " + commit(1).abbreviated() + ", but the staging head is " + commit(2).abbreviated()
              + ". Push the staging branch, then open the promotion PR again.");
    }

    @Test
    void notes_an_open_pull_request_with_nothing_staged() {
      StagingLane lane = StagingLane.start(BASE);
      SyncDecision decision = decide(lane, seen(lane, Option.some(pr(9, BASE)), Option.none(), HashSet.empty()));
      assertThat(decision.events()).isEmpty();
      assertThat(decision.notes().map(SyncNote::message))
          .containsExactly("Pull request #9 is open from staging to main, but nothing is staged.");
    }

    @Test
    void does_nothing_when_no_promotion_pr_is_open() {
      StagingLane lane = withBatch();
      SyncDecision decision = decide(lane, seen(lane, Option.none(), Option.none(), HashSet.empty()));
      assertThat(decision).isEqualTo(new SyncDecision(lane, List.empty(), List.empty()));
      assertThat(SyncPromotions.commitsToCheck(lane, Option.none())).isEmpty();
    }
  }

  @Nested
  class Promotion_pr_open {
    @Test
    void unlocks_and_keeps_the_batch_when_the_pr_was_closed_unmerged() {
      StagingLane lane = prOpen();
      SyncDecision decision = decide(lane, seen(lane, Option.none(), Option.some(new PullRequestState.ClosedUnmerged()), HashSet.empty()));
      assertThat(decision.events()).containsExactly(new PromotionPrClosed(PR));
      assertThat(decision.next().lock()).isEqualTo(ReleaseLock.unlocked());
      assertThat(decision.next().batch()).isEqualTo(lane.batch());
    }

    @Test
    void stays_locked_while_the_pr_is_open() {
      StagingLane lane = prOpen();
      SyncDecision decision = decide(lane, seen(lane, Option.none(), Option.some(new PullRequestState.Open(commit(2))), HashSet.empty()));
      assertThat(decision).isEqualTo(new SyncDecision(lane, List.empty(), List.empty()));
    }

    @Test
    void records_a_merge_and_finalizes_it_at_once_when_production_contains_it() {
      StagingLane lane = prOpen();
      Option<PullRequestState> merged = Option.some(new PullRequestState.Merged(MERGE));
      assertThat(SyncPromotions.commitsToCheck(lane, merged)).containsExactly(MERGE, commit(1), commit(2));
      SyncDecision decision = decide(lane, seen(lane, Option.none(), merged, HashSet.of(MERGE, commit(1), commit(2))));
      assertThat(decision.events()).containsExactly(
          new PromotionPrMerged(PR, MERGE),
          new PromotionFinalized(PR, List.of(ProposalId.of("orders"), ProposalId.of("customers")), PRODUCTION));
      assertThat(decision.next().lock()).isEqualTo(ReleaseLock.unlocked());
      assertThat(decision.next().stagingHead()).isEqualTo(PRODUCTION);
      assertThat(decision.next().deployed()).containsExactlyInAnyOrder(ProposalId.of("orders"), ProposalId.of("customers"));
    }
  }

  @Nested
  class Awaiting_main_sync {
    @Test
    void waits_with_a_note_while_production_does_not_contain_the_merge() {
      StagingLane lane = awaiting();
      SyncDecision decision = decide(lane, seen(lane, Option.none(), Option.none(), HashSet.of(commit(1), commit(2))));
      assertThat(decision.events()).isEmpty();
      assertThat(decision.next()).isEqualTo(lane);
      assertThat(decision.notes().map(SyncNote::message)).containsExactly(
          "Production branch main does not contain merge commit " + MERGE.abbreviated() + " yet; sync again once it does.");
    }

    @Test
    void deploys_only_what_reached_production_and_notes_the_rest() {
      StagingLane lane = awaiting();
      SyncDecision decision = decide(lane, seen(lane, Option.none(), Option.none(), HashSet.of(MERGE, commit(1))));
      assertThat(decision.events()).containsExactly(new PromotionFinalized(PR, List.of(ProposalId.of("orders")), PRODUCTION));
      assertThat(decision.next().deployed()).containsExactly(ProposalId.of("orders"));
      assertThat(decision.next().batch().isEmpty()).isTrue();
      assertThat(decision.notes().map(SyncNote::message)).containsExactly(
          "Proposal ‘Add customers model’ did not reach production with promotion PR #7; it is no longer staged. Apply it again.");
    }
  }

  @Nested
  class Repair {
    @Test
    void adopts_git_batch_counting_vanished_proposals_production_contains_as_deployed() {
      StagingLane lane = withBatch();
      PromotionBatch recorded = PromotionBatch.empty();
      BranchHeads heads = new BranchHeads(PRODUCTION, PRODUCTION);
      assertThat(SyncPromotions.needsRepairCheck(lane, heads)).isTrue();
      assertThat(SyncPromotions.vanishedCommits(lane, recorded)).containsExactly(commit(1), commit(2));
      RepairDecision repair = SyncPromotions.repair(lane, heads, PRODUCTION, recorded, HashSet.of(commit(1)));
      assertThat(repair.changed()).isTrue();
      assertThat(repair.next().batch().isEmpty()).isTrue();
      assertThat(repair.next().deployed()).containsExactly(ProposalId.of("orders"));
      assertThat(repair.notes().map(SyncNote::message)).containsExactly(
          "Proposal ‘Add customers model’ is no longer on the staging branch; it is no longer staged. Apply it again.");
    }

    @Test
    void changes_nothing_when_git_agrees() {
      StagingLane lane = withBatch();
      BranchHeads heads = new BranchHeads(commit(2), PRODUCTION);
      RepairDecision repair = SyncPromotions.repair(lane, heads, BASE, lane.batch(), HashSet.empty());
      assertThat(repair).isEqualTo(new RepairDecision(lane, false, List.empty()));
    }

    @Test
    void looks_at_git_while_locked_only_when_the_staging_branch_moved() {
      StagingLane lane = prOpen();
      assertThat(SyncPromotions.needsRepairCheck(lane, new BranchHeads(commit(2), PRODUCTION))).isFalse();
      assertThat(SyncPromotions.needsRepairCheck(lane, new BranchHeads(commit(9), PRODUCTION))).isTrue();
    }

    @Test
    void is_skipped_while_unlocked_only_when_staging_is_at_the_lanes_head_and_production_at_its_base() {
      StagingLane lane = withBatch();
      assertThat(SyncPromotions.headsWhereLaneLeftThem(lane, new BranchHeads(commit(2), BASE))).isTrue();
      // production moved (it may now contain staged commits) or staging moved: Git must be read
      assertThat(SyncPromotions.headsWhereLaneLeftThem(lane, new BranchHeads(commit(2), PRODUCTION))).isFalse();
      assertThat(SyncPromotions.headsWhereLaneLeftThem(lane, new BranchHeads(commit(9), BASE))).isFalse();
    }

    @Test
    void is_skipped_while_locked_whenever_staging_is_at_the_lanes_head() {
      assertThat(SyncPromotions.headsWhereLaneLeftThem(prOpen(), new BranchHeads(commit(2), PRODUCTION))).isTrue();
      assertThat(SyncPromotions.headsWhereLaneLeftThem(awaiting(), new BranchHeads(commit(2), MERGE))).isTrue();
      assertThat(SyncPromotions.headsWhereLaneLeftThem(prOpen(), new BranchHeads(commit(9), BASE))).isFalse();
    }
  }
}
