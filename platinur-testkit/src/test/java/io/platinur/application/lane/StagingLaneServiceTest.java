package io.platinur.application.lane;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Actor;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.card.CardStatus;
import io.platinur.domain.card.ProposalCard;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.lane.ApplyRejection;
import io.platinur.domain.lane.PromotionPrMergedRejection;
import io.platinur.domain.lane.RejectionReason;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.domain.sync.SyncNote;
import io.platinur.port.LaneChange;
import io.platinur.port.PortFailure;
import io.platinur.port.memory.InMemoryLaneStateStore;
import io.platinur.testkit.memory.InMemoryForge;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

public class StagingLaneServiceTest {
  public static final BranchName STAGING = BranchName.of("staging");
  public static final BranchName MAIN = BranchName.of("main");
  public static final CommitAuthor ANA = new CommitAuthor("Ana", "ana@example.com", Instant.parse("2026-11-24T09:00:00Z"));
  public static final LaneConfiguration CONFIG = config();

  final InMemoryForge forge = new InMemoryForge(STAGING, MAIN);
  final InMemoryLaneStateStore store = new InMemoryLaneStateStore(forge);
  final StagingLaneService lane = new StagingLaneService(CONFIG, forge, store, forge, () -> Instant.parse("2026-11-24T10:00:00Z"));

  static LaneConfiguration config() {
    LaneConfiguration.Builder builder = LaneConfiguration.builder();
    builder.stagingBranch(STAGING).productionBranch(MAIN).addStagingSchemas("analytics_staging").addProductionSchemas("analytics");
    return builder.build();
  }

  public static Proposal proposal(String id, String title, String... paths) {
    Proposal.Builder builder = Proposal.builder(ProposalId.of(id), title);
    for (String path : paths) {
      builder.write(path, id + ":" + path);
    }
    return builder.build();
  }

  static final Proposal ORDERS = proposal("p-1", "Add orders model", "models/orders.sql");
  static final Proposal CUSTOMERS = proposal("p-2", "Add customers model", "models/customers.sql");
  static final Proposal REWORK = proposal("p-3", "Rework orders", "models/orders.sql", "models/schema.yml");

  static String rejection(Either<? extends UseCaseFailure<?>, ?> outcome) {
    assertThat(outcome.isLeft()).as("expected a rejection, got %s", outcome).isTrue();
    assertThat(outcome.getLeft()).isInstanceOf(UseCaseFailure.Rejected.class);
    return outcome.getLeft().message();
  }

  /** The lane agrees with Git: staging head and batch are what the repository records. */
  void assertConsistentWithGit() {
    StagingLane stored = store.load().get().get().lane();
    assertThat(stored.stagingHead()).isEqualTo(forge.head(STAGING));
    if (!(stored.lock() instanceof ReleaseLock.AwaitingMainSync)) {
      assertThat(forge.readBatch().get().proposals()).isEqualTo(stored.batch().proposals());
    }
  }

  @Test
  void walks_the_seed_scenario_with_the_exact_messages() {
    StagedProposal orders = lane.apply(ORDERS, ANA).get();
    assertThat(forge.head(STAGING)).isEqualTo(orders.commit());
    assertThat(lane.apply(CUSTOMERS, ANA).isRight()).isTrue();

    assertThat(rejection(lane.apply(REWORK, ANA))).isEqualTo(
        "Proposal ‘Add orders model’ is already staged and also changes models/orders.sql. Promote or discard the staged batch before staging this proposal.");

    PromotionPullRequest pr = lane.openPromotionPr(Actor.of("ana")).get();
    assertThat(pr.head()).isEqualTo(STAGING);
    assertThat(lane.lane().get().lock()).isEqualTo(new ReleaseLock.PromotionPrOpen(pr.number()));
    assertThat(rejection(lane.apply(REWORK, ANA))).isEqualTo(
        "A promotion PR is open. Merge or close it in GitHub before applying more staging changes.");
    assertThat(lane.cards(List.of(REWORK)).get().head().status().label()).isEqualTo("Waiting for open PR");

    // The PR is merged on the forge, outside Platinur; the lane learns it at the next sync.
    CommitId merge = forge.merge(pr.number(), forge.head(STAGING)).get();
    StagingLane awaiting = StagingLane.restore(lane.lane().get().base(), lane.lane().get().batch(),
        new ReleaseLock.AwaitingMainSync(pr.number(), merge), lane.lane().get().deployed());
    assertThat(ProposalCardFor(awaiting, REWORK).status().label()).isEqualTo("Waiting for main sync");
    assertThat(ProposalCardFor(awaiting, REWORK).applyDisabledReason()).contains(
        "A merged promotion is being finalized from GitHub main. Sync Promotions before applying another staging change.");

    SyncResult synced = lane.syncPromotions(Actor.of("ana")).get();
    assertThat(synced.lane().deployed()).containsExactlyInAnyOrder(ProposalId.of("p-1"), ProposalId.of("p-2"));
    assertThat(synced.lane().batch().isEmpty()).isTrue();
    assertThat(synced.lane().lock().isLocked()).isFalse();
    assertThat(forge.head(STAGING)).isEqualTo(forge.head(MAIN)).isEqualTo(merge);

    assertThat(lane.apply(REWORK, ANA).isRight()).isTrue();
    assertThat(lane.cards(List.of(ORDERS, REWORK)).get().map(ProposalCard::status))
        .containsExactly(CardStatus.DEPLOYED, CardStatus.STAGED);
    assertConsistentWithGit();
    assertThat(lane.history().get().map(change -> change.audit().action())).containsExactly(
        "Applied ‘Add orders model’ to Staging",
        "Applied ‘Add customers model’ to Staging",
        "Opened promotion PR #1",
        "Sync Promotions: PromotionPrMerged, PromotionFinalized",
        "Applied ‘Rework orders’ to Staging");

    // a page of it, newest first, and the page before that
    Seq<LaneChange> latest = lane.history(Option.none(), 2).get();
    assertThat(latest.map(change -> change.audit().action())).containsExactly(
        "Applied ‘Rework orders’ to Staging", "Sync Promotions: PromotionPrMerged, PromotionFinalized");
    assertThat(lane.history(Option.some(latest.last().version()), 2).get().map(change -> change.audit().action())).containsExactly(
        "Opened promotion PR #1", "Applied ‘Add customers model’ to Staging");
    assertThat(lane.history(Option.none(), 0).getLeft().message()).contains("at least one change");
  }

  private static ProposalCard ProposalCardFor(StagingLane lane, Proposal proposal) {
    return ProposalCard.of(lane, proposal);
  }

  @Nested
  class Merging_through_the_lane {
    @Test
    void merges_at_the_recorded_head_and_finalizes_in_one_call() {
      lane.apply(ORDERS, ANA).get();
      lane.openPromotionPr(Actor.of("ana")).get();
      SyncResult result = lane.mergePromotionPr(Actor.of("ana")).get();
      assertThat(result.lane().deployed()).containsExactly(ProposalId.of("p-1"));
      assertThat(forge.head(STAGING)).isEqualTo(forge.head(MAIN));
      assertConsistentWithGit();
    }

    @Test
    void merging_without_sync_leaves_the_merged_promotion_awaiting_sync_until_sync_finalizes_it() {
      lane.apply(ORDERS, ANA).get();
      PromotionPullRequest pr = lane.openPromotionPr(Actor.of("ana")).get();

      StagingLane merged = lane.mergePromotionPrWithoutSync(Actor.of("ana")).get();

      assertThat(merged.lock()).isEqualTo(new ReleaseLock.AwaitingMainSync(pr.number(), forge.head(MAIN)));
      assertThat(lane.lane().get()).isEqualTo(merged);
      assertThat(rejection(lane.apply(CUSTOMERS, ANA))).isEqualTo(
          "A merged promotion is being finalized from GitHub main. Sync Promotions before applying another staging change.");
      assertThat(lane.cards(List.of(CUSTOMERS)).get().head().status().label()).isEqualTo("Waiting for main sync");
      assertThat(lane.mergePromotionPrWithoutSync(Actor.of("ana")).get()).isEqualTo(merged);

      SyncResult synced = lane.syncPromotions(Actor.of("ana")).get();
      assertThat(synced.lane().deployed()).containsExactly(ORDERS.id());
      assertThat(synced.lane().lock().isLocked()).isFalse();
      assertConsistentWithGit();
    }

    @Test
    void merging_without_sync_needs_an_open_promotion_pr() {
      assertThat(rejection(lane.mergePromotionPrWithoutSync(Actor.of("ana")))).isEqualTo("No promotion PR is open for the staged batch.");
    }

    @Test
    void refuses_to_merge_when_the_pr_head_moved_and_changes_nothing() {
      lane.apply(ORDERS, ANA).get();
      lane.openPromotionPr(Actor.of("ana")).get();
      forge.pushOutside(STAGING, "sneaky.txt", "x");
      StagingLane before = lane.lane().get();
      Either<UseCaseFailure<PromotionPrMergedRejection>, SyncResult> merged = lane.mergePromotionPr(Actor.of("ana"));
      assertThat(merged.getLeft()).isInstanceOfSatisfying(UseCaseFailure.Unavailable.class,
          u -> assertThat(u.failure().kind()).isEqualTo(PortFailure.Kind.CONFLICT));
      assertThat(lane.lane().get()).isEqualTo(before);
      assertThat(forge.head(MAIN)).isNotEqualTo(forge.head(STAGING));
    }
  }

  @Nested
  class Closing_the_promotion_pr {
    @Test
    void unlocks_and_keeps_the_batch() {
      lane.apply(ORDERS, ANA).get();
      lane.openPromotionPr(Actor.of("ana")).get();
      SyncResult result = lane.closePromotionPr(Actor.of("ana")).get();
      assertThat(result.lane().lock().isLocked()).isFalse();
      assertThat(result.lane().batch().proposals().map(StagedProposal::id)).containsExactly(ProposalId.of("p-1"));
      assertThat(lane.apply(CUSTOMERS, ANA).isRight()).isTrue();
      assertConsistentWithGit();
    }
  }

  @Nested
  class Unapply_and_discard {
    @Test
    void unapply_rebuilds_the_later_proposals_onto_the_commit_before() {
      StagedProposal first = lane.apply(ORDERS, ANA).get();
      lane.apply(CUSTOMERS, ANA).get();
      lane.apply(proposal("p-4", "Add payments", "models/payments.sql"), ANA).get();
      StagingLane after = lane.unapply(ORDERS.id(), ANA).get();
      assertThat(after.batch().proposals().map(StagedProposal::id)).containsExactly(ProposalId.of("p-2"), ProposalId.of("p-4"));
      assertThat(forge.fileAt(forge.head(STAGING), "models/orders.sql")).isEmpty();
      assertThat(forge.fileAt(forge.head(STAGING), "models/customers.sql")).isNotEmpty();
      assertThat(after.batch().proposals().head().commit()).isNotEqualTo(first.commit());
      assertConsistentWithGit();
      // the unapplied proposal's files are free again
      assertThat(lane.apply(REWORK, ANA).isRight()).isTrue();
    }

    @Test
    void unapply_is_refused_once_a_promotion_pr_exists() {
      lane.apply(ORDERS, ANA).get();
      lane.openPromotionPr(Actor.of("ana")).get();
      assertThat(rejection(lane.unapply(ORDERS.id(), ANA))).isEqualTo(
          "A promotion PR exists for the staged batch. Unapply is available only until a promotion PR exists.");
      assertThat(rejection(lane.discardBatch(Actor.of("ana")))).isEqualTo(
          "A promotion PR exists for the staged batch. Discard is available only until a promotion PR exists.");
    }

    @Test
    void discard_returns_staging_to_its_base() {
      CommitId base = forge.head(STAGING);
      lane.apply(ORDERS, ANA).get();
      lane.apply(CUSTOMERS, ANA).get();
      assertThat(lane.discardBatch(Actor.of("ana")).get().batch().isEmpty()).isTrue();
      assertThat(forge.head(STAGING)).isEqualTo(base);
      assertConsistentWithGit();
    }
  }

  @Nested
  class Sync_repairs {
    @Test
    void a_promotion_pr_opened_outside_the_lane_locks_it() {
      lane.apply(ORDERS, ANA).get();
      forge.openPromotionPr(STAGING, MAIN, "by hand", "").get();
      SyncResult result = lane.syncPromotions(Actor.of("ana")).get();
      assertThat(result.lane().lock()).isInstanceOf(ReleaseLock.PromotionPrOpen.class);
      assertThat(rejection(lane.apply(CUSTOMERS, ANA))).isEqualTo(
          "A promotion PR is open. Merge or close it in GitHub before applying more staging changes.");
    }

    @Test
    void a_pr_opened_but_not_recorded_is_reused_not_duplicated() {
      lane.apply(ORDERS, ANA).get();
      forge.openPromotionPr(STAGING, MAIN, "opened before a crash", "").get();
      PromotionPullRequest pr = lane.openPromotionPr(Actor.of("ana")).get();
      assertThat(forge.pullCount()).isEqualTo(1);
      assertThat(lane.openPromotionPr(Actor.of("ana")).get()).isEqualTo(pr);
      assertThat(forge.pullCount()).isEqualTo(1);
    }

    @Test
    void waits_while_production_does_not_contain_the_merge_commit() {
      lane.apply(ORDERS, ANA).get();
      CommitId before = forge.head(MAIN);
      PromotionPullRequest pr = lane.openPromotionPr(Actor.of("ana")).get();
      CommitId merge = forge.merge(pr.number(), forge.head(STAGING)).get();
      forge.forceBranch(MAIN, before); // the forge reports the merge, production does not show it yet

      SyncResult waiting = lane.syncPromotions(Actor.of("ana")).get();
      assertThat(waiting.lane().lock()).isEqualTo(new ReleaseLock.AwaitingMainSync(pr.number(), merge));
      assertThat(waiting.notes().map(SyncNote::message)).containsExactly(
          "Production branch main does not contain merge commit " + merge.abbreviated() + " yet; sync again once it does.");
      assertThat(rejection(lane.apply(CUSTOMERS, ANA))).isEqualTo(
          "A merged promotion is being finalized from GitHub main. Sync Promotions before applying another staging change.");

      forge.forceBranch(MAIN, merge);
      SyncResult synced = lane.syncPromotions(Actor.of("ana")).get();
      assertThat(synced.lane().lock().isLocked()).isFalse();
      assertThat(synced.lane().stagingHead()).isEqualTo(merge);
      assertConsistentWithGit();
    }

    @Test
    void opening_again_after_the_recorded_pr_was_closed_on_the_forge_opens_a_new_one() {
      lane.apply(ORDERS, ANA).get();
      PromotionPullRequest first = lane.openPromotionPr(Actor.of("ana")).get();
      forge.close(first.number()).get();
      PromotionPullRequest second = lane.openPromotionPr(Actor.of("ana")).get();
      assertThat(second.number()).isNotEqualTo(first.number());
      assertThat(lane.lane().get().lock()).isEqualTo(new ReleaseLock.PromotionPrOpen(second.number()));
    }

    @Test
    void a_promotion_pr_that_does_not_point_at_the_staging_head_does_not_lock_the_lane() {
      StagedProposal orders = lane.apply(ORDERS, ANA).get();
      StagedProposal customers = lane.apply(CUSTOMERS, ANA).get();
      forge.forceBranch(STAGING, orders.commit()); // the forge's staging lags behind the lane

      assertThat(rejection(lane.openPromotionPr(Actor.of("ana")))).isEqualTo(
          "Promotion PR #1 points at " + orders.commit().abbreviated() + ", but the staging head is "
              + customers.commit().abbreviated() + ". Push the staging branch, then open the promotion PR again.");
      assertThat(lane.lane().get().lock().isLocked()).isFalse();

      // sync adopts the branch as Git has it; now the PR promotes exactly the staged batch and locks
      SyncResult synced = lane.syncPromotions(Actor.of("ana")).get();
      assertThat(synced.repaired()).isTrue();
      assertThat(synced.lane().batch().proposals().map(StagedProposal::id)).containsExactly(ORDERS.id());
      assertThat(synced.lane().lock()).isInstanceOf(ReleaseLock.PromotionPrOpen.class);
      assertThat(lane.mergePromotionPr(Actor.of("ana")).get().lane().deployed()).containsExactly(ORDERS.id());
      assertConsistentWithGit();
    }

    @Test
    void staging_moved_by_hand_while_locked_deploys_only_what_reached_production() {
      StagedProposal orders = lane.apply(ORDERS, ANA).get();
      lane.apply(CUSTOMERS, ANA).get();
      PromotionPullRequest pr = lane.openPromotionPr(Actor.of("ana")).get();
      forge.forceBranch(STAGING, orders.commit()); // someone force-pushes staging back
      CommitId merge = forge.merge(pr.number(), orders.commit()).get(); // and the PR is merged on the forge

      SyncResult synced = lane.syncPromotions(Actor.of("ana")).get();

      assertThat(synced.lane().deployed()).containsExactly(ORDERS.id());
      assertThat(synced.notes().map(SyncNote::message)).containsExactly(
          "Proposal ‘Add customers model’ is no longer on the staging branch; it is no longer staged. Apply it again.");
      assertThat(synced.lane().batch().isEmpty()).isTrue();
      assertThat(synced.lane().lock().isLocked()).isFalse();
      assertThat(forge.head(STAGING)).isEqualTo(merge).isEqualTo(forge.head(MAIN));
      assertThat(lane.cards(List.of(CUSTOMERS)).get().head().status()).isEqualTo(CardStatus.READY_TO_APPLY);
      assertConsistentWithGit();
    }

    @Test
    void sync_is_idempotent() {
      lane.apply(ORDERS, ANA).get();
      lane.openPromotionPr(Actor.of("ana")).get();
      lane.mergePromotionPr(Actor.of("ana")).get();
      StagingLane once = lane.lane().get();
      SyncResult again = lane.syncPromotions(Actor.of("ana")).get();
      assertThat(again.events()).isEmpty();
      assertThat(again.lane()).isEqualTo(once);
    }
  }

  @Test
  void a_host_reading_cards_sees_the_same_reasons_apply_gives() {
    lane.apply(ORDERS, ANA).get();
    ProposalCard card = lane.cards(List.of(REWORK)).get().head();
    assertThat(card.status()).isEqualTo(CardStatus.OVERLAPS_STAGED_PROPOSAL);
    assertThat(card.applyDisabledReason()).isEqualTo(Option.some(rejection(lane.apply(REWORK, ANA))));
  }

  @Test
  void a_proposal_that_changes_nothing_is_refused_and_nothing_moves() {
    lane.apply(ORDERS, ANA).get();
    CommitId head = forge.head(STAGING);
    Proposal same = Proposal.builder(ProposalId.of("p-9"), "Same again").write("README.md", "hello").build();
    Either<UseCaseFailure<ApplyRejection>, StagedProposal> outcome = lane.apply(same, ANA);
    assertThat(outcome.getLeft()).isInstanceOfSatisfying(UseCaseFailure.Unavailable.class,
        u -> assertThat(u.failure().kind()).isEqualTo(PortFailure.Kind.NOTHING_TO_CHANGE));
    assertThat(forge.head(STAGING)).isEqualTo(head);
  }

  @Test
  void rejects_with_a_typed_reason() {
    lane.apply(ORDERS, ANA).get();
    assertThat(lane.apply(ORDERS, ANA).getLeft())
        .isEqualTo(UseCaseFailure.rejected(new ApplyRejection.AlreadyStaged("Add orders model")));
    assertThat(lane.apply(ORDERS, ANA).getLeft().fold(ApplyRejection::reason, failure -> null)).isEqualTo(RejectionReason.ALREADY_STAGED);
  }
}
