package io.platinur.domain.lane;

import static io.platinur.domain.Examples.commit;
import static io.platinur.domain.Examples.proposal;
import static org.assertj.core.api.Assertions.assertThat;

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
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StagingLaneTest {
  private static final CommitId BASE = commit(100);
  private static final PullRequestNumber PR = PullRequestNumber.of(7);
  private static final PullRequestNumber OTHER_PR = PullRequestNumber.of(8);
  private static final CommitId MERGE = commit(500);
  private static final CommitId PRODUCTION_HEAD = commit(600);

  private static final Proposal ORDERS = proposal("orders", "Add orders model", "models/orders.sql", "models/schema.yml");
  private static final Proposal CUSTOMERS = proposal("customers", "Add customers model", "models/customers.sql");
  private static final Proposal PAYMENTS = proposal("payments", "Add payments model", "models/payments.sql", "seeds/p.csv");
  private static final Proposal DISJOINT = proposal("disjoint", "Add docs", "docs/index.md");
  private static final Proposal OVERLAPPING =
      proposal("overlapping", "Rework schema", "models/schema.yml", "models/orders.sql", "models/x.sql");

  private static final String PR_EXISTS_UNAPPLY =
      "A promotion PR exists for the staged batch. Unapply is available only until a promotion PR exists.";
  private static final String PR_EXISTS_DISCARD =
      "A promotion PR exists for the staged batch. Discard is available only until a promotion PR exists.";

  // ---- helpers ------------------------------------------------------------------------------

  /** The events of an accepted command; fails the test when it was rejected. */
  private static Seq<LaneEvent> accepted(Either<? extends CommandRejection, Seq<LaneEvent>> decision) {
    assertThat(decision.isRight()).as("accepted, but was %s", decision).isTrue();
    return decision.get();
  }

  /** A refusal as reason and message, to compare whole. */
  private record Rejection(RejectionReason reason, String message) {}

  /** The rejection of a refused command, as reason and message; fails the test when it was accepted. */
  private static Rejection rejected(Either<? extends CommandRejection, ?> decision) {
    assertThat(decision.isLeft()).as("rejected, but was %s", decision).isTrue();
    return new Rejection(decision.getLeft().reason(), decision.getLeft().message());
  }

  /** The lane after events its own commands decided; fails the test when one cannot happen. */
  private static StagingLane after(StagingLane lane, Seq<LaneEvent> events) {
    Either<IllegalLaneEvent, StagingLane> next = lane.after(events);
    assertThat(next.isRight()).as("legal events, but was %s", next).isTrue();
    return next.get();
  }

  private static StagingLane applied(StagingLane lane, Proposal proposal, CommitId commit) {
    return after(lane, accepted(lane.apply(proposal, commit)));
  }

  private static StagingLane unlockedWithBatch() {
    StagingLane lane = StagingLane.start(BASE);
    lane = applied(lane, ORDERS, commit(1));
    lane = applied(lane, CUSTOMERS, commit(2));
    return applied(lane, PAYMENTS, commit(3));
  }

  private static StagingLane promotionPrOpen() {
    StagingLane lane = unlockedWithBatch();
    return after(lane, accepted(lane.openPromotionPr(PR)));
  }

  private static StagingLane awaitingMainSync() {
    StagingLane lane = promotionPrOpen();
    return after(lane, accepted(lane.promotionPrMerged(PR, MERGE)));
  }

  private static StagedProposal stagedAs(Proposal proposal, CommitId commit) {
    return new StagedProposal(proposal.id(), proposal.title(), proposal.fileSet(), commit);
  }

  private static ProposalId id(String value) {
    return ProposalId.of(value);
  }

  // ---- starting states ----------------------------------------------------------------------

  @Nested
  class Unlocked_empty {
    private final StagingLane lane = StagingLane.start(BASE);

    @Test
    void starts_unlocked_with_nothing_staged_on_the_production_head() {
      assertThat(lane.lock()).isEqualTo(ReleaseLock.unlocked());
      assertThat(lane.batch().isEmpty()).isTrue();
      assertThat(lane.deployed()).isEmpty();
      assertThat(lane.base()).isEqualTo(BASE);
      assertThat(lane.stagingHead()).isEqualTo(BASE);
    }

    @Test
    void stages_a_proposal_on_the_commit_that_applied_it() {
      Seq<LaneEvent> events = accepted(lane.apply(ORDERS, commit(1)));
      assertThat(events).containsExactly(new ProposalStaged(stagedAs(ORDERS, commit(1))));
      StagingLane after = after(lane, events);
      assertThat(after.batch().proposals()).containsExactly(stagedAs(ORDERS, commit(1)));
      assertThat(after.stagingHead()).isEqualTo(commit(1));
      assertThat(after.base()).isEqualTo(BASE);
    }

    @Test
    void an_accepted_apply_builds_on_the_staging_head() {
      assertThat(lane.apply(ORDERS)).isEqualTo(Either.right(new StagingLane.ApplyAccepted(ORDERS, BASE)));
    }

    @Test
    void rejects_opening_a_promotion_pr_with_nothing_staged() {
      Rejection rejection = rejected(lane.openPromotionPr(PR));
      assertThat(rejection.reason()).isEqualTo(RejectionReason.EMPTY_BATCH);
      assertThat(rejection.message())
          .isEqualTo("Nothing is staged. Apply a proposal to Staging before opening a promotion PR.");
      assertThat(lane.openPromotionPr(PR).getLeft()).isEqualTo(new OpenPromotionPrRejection.EmptyBatch());
    }

    @Test
    void rejects_unapply_of_a_proposal_that_is_not_staged() {
      Rejection rejection = rejected(lane.unapply(id("orders"), List.empty()));
      assertThat(rejection).isEqualTo(new Rejection(RejectionReason.NOT_STAGED, "Proposal orders is not staged."));
    }

    @Test
    void the_promotion_head_and_unapply_refuse_as_their_commands_do() {
      assertThat(rejected(lane.promotionHead())).isEqualTo(rejected(lane.openPromotionPr(PR)));
      assertThat(rejected(lane.unapply(id("orders"))).reason()).isEqualTo(RejectionReason.NOT_STAGED);
    }

    @Test
    void rejects_pr_merged_while_no_promotion_pr_is_open() {
      assertThat(rejected(lane.promotionPrMerged(PR, MERGE)))
          .isEqualTo(new Rejection(RejectionReason.NO_PROMOTION_PR, "No promotion PR is open for the staged batch."));
    }

    @Test
    void treats_discard_pr_closed_and_sync_as_no_ops() {
      assertThat(accepted(lane.discardBatch())).isEmpty();
      assertThat(accepted(lane.promotionPrClosed(PR))).isEmpty();
      assertThat(lane.sync(PRODUCTION_HEAD)).isEmpty();
    }
  }

  @Nested
  class Unlocked_with_batch {
    private final StagingLane lane = unlockedWithBatch();

    @Test
    void keeps_the_batch_in_apply_order_with_the_last_commit_as_staging_head() {
      assertThat(lane.batch().proposals().map(StagedProposal::id)).containsExactly(id("orders"), id("customers"), id("payments"));
      assertThat(lane.stagingHead()).isEqualTo(commit(3));
      assertThat(lane.toString())
          .isEqualTo("StagingLane[base=0000000, lock=Unlocked, batch=PromotionBatch[orders@0000000, customers@0000000, payments@0000000], deployed=0]");
    }

    @Test
    void stages_a_disjoint_proposal_freely() {
      StagingLane after = applied(lane, DISJOINT, commit(4));
      assertThat(after.batch().size()).isEqualTo(4);
      assertThat(after.stagingHead()).isEqualTo(commit(4));
    }

    @Test
    void rejects_an_overlapping_proposal_naming_the_staged_one() {
      Rejection rejection = rejected(lane.apply(OVERLAPPING, commit(4)));
      assertThat(rejection.reason()).isEqualTo(RejectionReason.FILE_OVERLAP);
      assertThat(rejection.message()).isEqualTo(
          "Proposal ‘Add orders model’ is already staged and also changes models/orders.sql and 1 more file(s). "
              + "Promote or discard the staged batch before staging this proposal.");
      assertThat(rejected(lane.apply(OVERLAPPING))).isEqualTo(rejection);
    }

    @Test
    void rejects_a_case_only_overlap() {
      Rejection rejection = rejected(lane.apply(proposal("shout", "Shout", "MODELS/CUSTOMERS.SQL"), commit(4)));
      assertThat(rejection.reason()).isEqualTo(RejectionReason.FILE_OVERLAP);
      assertThat(rejection.message()).isEqualTo(
          "Proposal ‘Add customers model’ is already staged and also changes models/customers.sql. "
              + "Promote or discard the staged batch before staging this proposal.");
    }

    @Test
    void rejects_applying_a_staged_proposal_again_naming_its_staged_title() {
      Proposal retitled = proposal("customers", "Customers, second try", "elsewhere.sql");
      assertThat(rejected(lane.apply(retitled, commit(4))))
          .isEqualTo(new Rejection(RejectionReason.ALREADY_STAGED, "Proposal ‘Add customers model’ is already staged."));
    }

    @Test
    void unapplies_the_last_proposal_without_rebuilt_commits() {
      Seq<LaneEvent> events = accepted(lane.unapply(id("payments"), List.empty()));
      assertThat(events).containsExactly(new ProposalUnstaged(id("payments"), List.empty()));
      StagingLane after = after(lane, events);
      assertThat(after.batch().proposals()).containsExactly(stagedAs(ORDERS, commit(1)), stagedAs(CUSTOMERS, commit(2)));
      assertThat(after.stagingHead()).isEqualTo(commit(2));
    }

    @Test
    void unapplies_an_earlier_proposal_taking_the_rebuilt_commits_of_the_later_ones() {
      Seq<LaneEvent> events = accepted(lane.unapply(id("orders"), List.of(commit(12), commit(13))));
      StagingLane after = after(lane, events);
      assertThat(after.batch().proposals())
          .containsExactly(stagedAs(CUSTOMERS, commit(12)), stagedAs(PAYMENTS, commit(13)));
      assertThat(after.stagingHead()).isEqualTo(commit(13));
      // Its files are free again.
      assertThat(after.apply(OVERLAPPING).isRight()).isTrue();
    }

    @Test
    void returns_to_the_base_when_every_proposal_is_unapplied() {
      StagingLane after = lane;
      for (String each : new String[] {"payments", "customers", "orders"}) {
        after = after(after, accepted(after.unapply(id(each), List.empty())));
      }
      assertThat(after.batch().isEmpty()).isTrue();
      assertThat(after.stagingHead()).isEqualTo(BASE);
    }

    @Test
    void rejects_unapply_with_the_wrong_number_of_rebuilt_commits() {
      String message = "The staged batch changed while this was being prepared. Read it again and retry.";
      assertThat(rejected(lane.unapply(id("orders"), List.of(commit(12)))))
          .isEqualTo(new Rejection(RejectionReason.BATCH_CHANGED, message));
      assertThat(rejected(lane.unapply(id("payments"), List.of(commit(12)))))
          .isEqualTo(new Rejection(RejectionReason.BATCH_CHANGED, message));
    }

    @Test
    void rejects_unapply_of_a_proposal_that_is_not_staged() {
      assertThat(rejected(lane.unapply(id("disjoint"), List.empty())))
          .isEqualTo(new Rejection(RejectionReason.NOT_STAGED, "Proposal disjoint is not staged."));
    }

    @Test
    void an_accepted_unapply_names_the_later_proposals_to_rebuild_and_the_commit_before() {
      assertThat(lane.unapply(id("orders")).get().later())
          .containsExactly(stagedAs(CUSTOMERS, commit(2)), stagedAs(PAYMENTS, commit(3)));
      assertThat(lane.unapply(id("payments")).get().later()).isEmpty();
      assertThat(lane.unapply(id("orders")).get().onto()).isEqualTo(BASE);
      assertThat(lane.unapply(id("customers")).get().onto()).isEqualTo(commit(1));
      assertThat(lane.unapply(id("payments")).get().onto()).isEqualTo(commit(2));
    }

    @Test
    void the_promotion_head_is_the_staging_head() {
      assertThat(lane.promotionHead()).isEqualTo(Either.right(commit(3)));
    }

    @Test
    void discards_the_whole_batch_back_to_the_base() {
      Seq<LaneEvent> events = accepted(lane.discardBatch());
      assertThat(events).containsExactly(new BatchDiscarded(List.of(id("orders"), id("customers"), id("payments"))));
      StagingLane after = after(lane, events);
      assertThat(after.batch().isEmpty()).isTrue();
      assertThat(after.stagingHead()).isEqualTo(BASE);
      assertThat(after.deployed()).isEmpty();
      // Discarded proposals were never deployed: they may be applied again.
      assertThat(after.apply(ORDERS)).isEqualTo(Either.right(new StagingLane.ApplyAccepted(ORDERS, BASE)));
    }

    @Test
    void opens_a_promotion_pr_at_the_staging_head_and_locks() {
      Seq<LaneEvent> events = accepted(lane.openPromotionPr(PR));
      assertThat(events).containsExactly(new PromotionPrOpened(PR, commit(3)));
      StagingLane after = after(lane, events);
      assertThat(after.lock()).isEqualTo(new ReleaseLock.PromotionPrOpen(PR));
      assertThat(after.batch()).isEqualTo(lane.batch());
    }

    @Test
    void rejects_pr_merged_while_no_promotion_pr_is_open() {
      assertThat(rejected(lane.promotionPrMerged(PR, MERGE)).reason()).isEqualTo(RejectionReason.NO_PROMOTION_PR);
    }

    @Test
    void treats_pr_closed_and_sync_as_no_ops() {
      assertThat(accepted(lane.promotionPrClosed(PR))).isEmpty();
      assertThat(lane.sync(PRODUCTION_HEAD)).isEmpty();
    }
  }

  @Nested
  class PromotionPrOpen {
    private final StagingLane lane = promotionPrOpen();

    @Test
    void rejects_apply_while_promotion_pr_is_open() {
      Rejection expected = new Rejection(
          RejectionReason.PROMOTION_PR_OPEN,
          "A promotion PR is open. Merge or close it in GitHub before applying more staging changes.");
      assertThat(rejected(lane.apply(DISJOINT, commit(4)))).isEqualTo(expected);
      assertThat(rejected(lane.apply(DISJOINT))).isEqualTo(expected);
    }

    @Test
    void reports_the_lock_before_an_overlap() {
      assertThat(rejected(lane.apply(OVERLAPPING, commit(4))).reason()).isEqualTo(RejectionReason.PROMOTION_PR_OPEN);
    }

    @Test
    void reports_already_staged_before_the_lock() {
      assertThat(rejected(lane.apply(ORDERS, commit(4))).reason()).isEqualTo(RejectionReason.ALREADY_STAGED);
    }

    @Test
    void rejects_unapply_while_promotion_pr_is_open() {
      assertThat(rejected(lane.unapply(id("payments"), List.empty())))
          .isEqualTo(new Rejection(RejectionReason.PROMOTION_PR_EXISTS, PR_EXISTS_UNAPPLY));
    }

    @Test
    void rejects_discard_while_promotion_pr_is_open() {
      assertThat(rejected(lane.discardBatch()))
          .isEqualTo(new Rejection(RejectionReason.PROMOTION_PR_EXISTS, PR_EXISTS_DISCARD));
    }

    @Test
    void treats_opening_the_same_pr_again_as_a_no_op() {
      assertThat(accepted(lane.openPromotionPr(PR))).isEmpty();
    }

    @Test
    void check_open_promotion_pr_refuses_while_one_is_open_and_check_unapply_refuses_too() {
      assertThat(rejected(lane.promotionHead()))
          .isEqualTo(new Rejection(RejectionReason.PROMOTION_PR_ALREADY_OPEN, "Promotion PR #7 is already open for the staged batch."));
      assertThat(rejected(lane.unapply(id("payments"))))
          .isEqualTo(new Rejection(RejectionReason.PROMOTION_PR_EXISTS, PR_EXISTS_UNAPPLY));
    }

    @Test
    void rejects_opening_a_second_promotion_pr() {
      assertThat(rejected(lane.openPromotionPr(OTHER_PR)))
          .isEqualTo(new Rejection(RejectionReason.PROMOTION_PR_ALREADY_OPEN, "Promotion PR #7 is already open for the staged batch."));
    }

    @Test
    void unlocks_and_keeps_the_batch_when_the_pr_is_closed_unmerged() {
      Seq<LaneEvent> events = accepted(lane.promotionPrClosed(PR));
      assertThat(events).containsExactly(new PromotionPrClosed(PR));
      StagingLane after = after(lane, events);
      assertThat(after.lock()).isEqualTo(ReleaseLock.unlocked());
      assertThat(after.batch()).isEqualTo(lane.batch());
      assertThat(after.stagingHead()).isEqualTo(commit(3));
      assertThat(after.apply(DISJOINT).isRight()).isTrue();
      assertThat(after).isEqualTo(unlockedWithBatch());
    }

    @Test
    void awaits_main_sync_when_the_pr_is_merged() {
      Seq<LaneEvent> events = accepted(lane.promotionPrMerged(PR, MERGE));
      assertThat(events).containsExactly(new PromotionPrMerged(PR, MERGE));
      StagingLane after = after(lane, events);
      assertThat(after.lock()).isEqualTo(new ReleaseLock.AwaitingMainSync(PR, MERGE));
      assertThat(after.batch()).isEqualTo(lane.batch());
    }

    @Test
    void rejects_events_about_another_pull_request() {
      Rejection expected = new Rejection(
          RejectionReason.NOT_THE_PROMOTION_PR, "Pull request #8 is not the promotion PR of the staged batch.");
      assertThat(rejected(lane.promotionPrClosed(OTHER_PR))).isEqualTo(expected);
      assertThat(rejected(lane.promotionPrMerged(OTHER_PR, MERGE))).isEqualTo(expected);
    }

    @Test
    void treats_sync_as_a_no_op_while_the_pr_is_open() {
      assertThat(lane.sync(PRODUCTION_HEAD)).isEmpty();
    }
  }

  @Nested
  class AwaitingMainSync {
    private final StagingLane lane = awaitingMainSync();

    @Test
    void rejects_apply_while_awaiting_main_sync() {
      Rejection expected = new Rejection(
          RejectionReason.AWAITING_MAIN_SYNC,
          "A merged promotion is being finalized from GitHub main. Sync Promotions before applying another staging change.");
      assertThat(rejected(lane.apply(DISJOINT, commit(4)))).isEqualTo(expected);
      assertThat(rejected(lane.apply(DISJOINT))).isEqualTo(expected);
      assertThat(rejected(lane.apply(OVERLAPPING, commit(4)))).isEqualTo(expected);
    }

    @Test
    void rejects_unapply_and_discard_while_awaiting_main_sync() {
      assertThat(rejected(lane.unapply(id("payments"), List.empty())))
          .isEqualTo(new Rejection(RejectionReason.PROMOTION_PR_EXISTS, PR_EXISTS_UNAPPLY));
      assertThat(rejected(lane.discardBatch()))
          .isEqualTo(new Rejection(RejectionReason.PROMOTION_PR_EXISTS, PR_EXISTS_DISCARD));
    }

    @Test
    void rejects_opening_a_promotion_pr_until_synced() {
      Rejection expected = new Rejection(RejectionReason.AWAITING_MAIN_SYNC, ReleaseLock.AWAITING_MAIN_SYNC_MESSAGE);
      assertThat(rejected(lane.openPromotionPr(PR))).isEqualTo(expected);
      assertThat(rejected(lane.openPromotionPr(OTHER_PR))).isEqualTo(expected);
    }

    @Test
    void treats_the_same_merge_reported_again_as_a_no_op() {
      assertThat(accepted(lane.promotionPrMerged(PR, MERGE))).isEmpty();
    }

    @Test
    void check_open_promotion_pr_and_check_unapply_refuse_until_synced() {
      assertThat(rejected(lane.promotionHead()))
          .isEqualTo(new Rejection(RejectionReason.AWAITING_MAIN_SYNC, ReleaseLock.AWAITING_MAIN_SYNC_MESSAGE));
      assertThat(rejected(lane.unapply(id("orders"))))
          .isEqualTo(new Rejection(RejectionReason.PROMOTION_PR_EXISTS, PR_EXISTS_UNAPPLY));
    }

    @Test
    void rejects_a_merge_of_another_pr_or_at_another_commit() {
      assertThat(rejected(lane.promotionPrMerged(OTHER_PR, MERGE)))
          .isEqualTo(new Rejection(RejectionReason.NOT_THE_PROMOTION_PR, "Pull request #8 is not the promotion PR of the staged batch."));
      assertThat(rejected(lane.promotionPrMerged(PR, commit(501))))
          .isEqualTo(new Rejection(RejectionReason.NOT_THE_PROMOTION_PR, "Pull request #7 is not the promotion PR of the staged batch."));
    }

    @Test
    void rejects_closing_the_merged_promotion_pr() {
      assertThat(rejected(lane.promotionPrClosed(PR)))
          .isEqualTo(new Rejection(RejectionReason.PROMOTION_ALREADY_MERGED, "Promotion PR #7 is already merged. Sync Promotions to finalize it."));
      assertThat(rejected(lane.promotionPrClosed(OTHER_PR)).reason()).isEqualTo(RejectionReason.NOT_THE_PROMOTION_PR);
    }

    @Test
    void sync_deploys_the_batch_resets_staging_and_unlocks() {
      Seq<LaneEvent> events = lane.sync(PRODUCTION_HEAD);
      assertThat(events).containsExactly(
          new PromotionFinalized(PR, List.of(id("orders"), id("customers"), id("payments")), PRODUCTION_HEAD));
      StagingLane after = after(lane, events);
      assertThat(after.batch().isEmpty()).isTrue();
      assertThat(after.lock()).isEqualTo(ReleaseLock.unlocked());
      assertThat(after.deployed()).containsExactlyInAnyOrder(id("orders"), id("customers"), id("payments"));
      assertThat(after.base()).isEqualTo(PRODUCTION_HEAD);
      assertThat(after.stagingHead()).isEqualTo(PRODUCTION_HEAD);
    }

    @Test
    void after_sync_a_second_sync_is_a_no_op_and_the_lane_takes_the_next_batch() {
      StagingLane synced = after(lane, lane.sync(PRODUCTION_HEAD));
      assertThat(synced.sync(commit(601))).isEmpty();
      // What overlapped the released batch now stages freely.
      assertThat(synced.apply(OVERLAPPING)).isEqualTo(Either.right(new StagingLane.ApplyAccepted(OVERLAPPING, PRODUCTION_HEAD)));
      StagingLane next = applied(synced, OVERLAPPING, commit(700));
      assertThat(next.stagingHead()).isEqualTo(commit(700));
      assertThat(next.base()).isEqualTo(PRODUCTION_HEAD);
    }

    @Test
    void after_sync_rejects_applying_a_deployed_proposal_again() {
      StagingLane synced = after(lane, lane.sync(PRODUCTION_HEAD));
      Proposal again = proposal("orders", "Orders once more", "elsewhere.sql");
      assertThat(rejected(synced.apply(again, commit(700))))
          .isEqualTo(new Rejection(RejectionReason.ALREADY_DEPLOYED, "Proposal ‘Orders once more’ is already deployed."));
    }
  }

  @Nested
  class Any_state {
    @Test
    void is_the_fold_of_its_events_from_the_start() {
      StagingLane lane = StagingLane.start(BASE);
      List<LaneEvent> history = List.empty();
      // Run each command, keeping every event it produced.
      Seq<java.util.function.Function<StagingLane, Either<? extends CommandRejection, Seq<LaneEvent>>>> commands = List.of(
          l -> l.apply(ORDERS, commit(1)),
          l -> l.apply(CUSTOMERS, commit(2)),
          l -> l.unapply(id("orders"), List.of(commit(3))),
          l -> l.openPromotionPr(PR),
          l -> l.promotionPrMerged(PR, MERGE),
          l -> Either.right(l.sync(PRODUCTION_HEAD)),
          l -> l.apply(PAYMENTS, commit(4)));
      for (var command : commands) {
        Seq<LaneEvent> events = accepted(command.apply(lane));
        history = history.appendAll(events);
        lane = after(lane, events);
      }
      assertThat(after(StagingLane.start(BASE), history)).isEqualTo(lane).hasSameHashCodeAs(lane);
      assertThat(lane.deployed()).containsExactly(id("customers"));
      assertThat(lane.batch().proposals()).containsExactly(stagedAs(PAYMENTS, commit(4)));
    }

    @Test
    void refuses_events_illegal_in_its_state_instead_of_resetting_the_lock() {
      StagingLane unlocked = unlockedWithBatch();
      Either<IllegalLaneEvent, StagingLane> mergedWhileUnlocked = unlocked.after(new PromotionPrMerged(PR, MERGE));
      assertThat(mergedWhileUnlocked.getLeft().message()).isEqualTo(
          "PromotionPrMerged cannot happen here: The release lock cannot take ‘promotion PR #7 merged’ while unlocked.");

      StagingLane awaiting = awaitingMainSync();
      assertThat(awaiting.after(new PromotionPrMerged(PR, MERGE)).isLeft()).isTrue();
      assertThat(awaiting.after(new PromotionPrOpened(OTHER_PR, commit(3))).isLeft()).isTrue();
      assertThat(awaiting.after(new PromotionFinalized(OTHER_PR, List.empty(), PRODUCTION_HEAD)).isLeft()).isTrue();
      assertThat(awaiting.after(new ProposalStaged(stagedAs(DISJOINT, commit(9)))).getLeft().why())
          .isEqualTo("the staged batch cannot change while merged promotion PR #7 awaits sync.");
      assertThat(promotionPrOpen().after(new BatchDiscarded(List.of(id("orders")))).isLeft()).isTrue();
      assertThat(unlocked.after(new ProposalStaged(stagedAs(OVERLAPPING, commit(9)))).getLeft().why())
          .isEqualTo("Staged proposals ‘Add orders model’ and ‘Rework schema’ both change models/orders.sql.");
      assertThat(unlocked.after(new ProposalUnstaged(id("disjoint"), List.empty())).getLeft().why())
          .isEqualTo("Proposal disjoint is not staged.");
    }

    @Test
    void a_command_leaves_the_lane_it_was_asked_of_unchanged() {
      StagingLane lane = unlockedWithBatch();
      StagingLane copy = StagingLane.restore(lane.base(), lane.batch(), lane.lock(), lane.deployed());
      lane.apply(DISJOINT, commit(9));
      lane.unapply(id("orders"), List.of(commit(10), commit(11)));
      lane.discardBatch();
      lane.openPromotionPr(PR);
      assertThat(lane).isEqualTo(copy);
      assertThat(lane.stagingHead()).isEqualTo(commit(3));
    }
  }
}
