package io.platinur.domain.card;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProposalCardTest {
  private static final CommitId PRODUCTION = CommitId.of("1".repeat(40));
  private static final Proposal ORDERS = proposal("p-1", "Add orders", "models/orders.sql");
  private static final Proposal CUSTOMERS = proposal("p-2", "Add customers", "models/customers.sql");
  private static final Proposal REWORK = proposal("p-3", "Rework orders", "models/ORDERS.sql");

  private static Proposal proposal(String id, String title, String path) {
    return Proposal.builder(ProposalId.of(id), title).write(path, id).build();
  }

  private static StagingLane decided(StagingLane lane, Either<?, Seq<LaneEvent>> outcome) {
    return lane.after(outcome.get()).get();
  }

  private static final StagingLane STAGED_ORDERS =
      decided(StagingLane.start(PRODUCTION), StagingLane.start(PRODUCTION).apply(ORDERS, CommitId.of("2".repeat(40))));

  @Nested
  class Unlocked {
    @Test
    void a_disjoint_proposal_is_ready_to_apply() {
      ProposalCard card = ProposalCard.of(STAGED_ORDERS, CUSTOMERS);
      assertThat(card.status().label()).isEqualTo("Ready to apply to Staging");
      assertThat(card.canApply()).isTrue();
      assertThat(card.applyDisabledReason()).isEqualTo(Option.none());
    }

    @Test
    void an_overlapping_proposal_says_so_before_the_click_with_the_apply_message() {
      ProposalCard card = ProposalCard.of(STAGED_ORDERS, REWORK);
      assertThat(card.status()).isEqualTo(CardStatus.OVERLAPS_STAGED_PROPOSAL);
      assertThat(card.applyDisabledReason()).contains(
          "Proposal ‘Add orders’ is already staged and also changes models/orders.sql. Promote or discard the staged batch before staging this proposal.");
      assertThat(card.applyDisabledReason()).isEqualTo(Option.some(STAGED_ORDERS.apply(REWORK, PRODUCTION).getLeft().message()));
    }

    @Test
    void a_staged_proposal_shows_staged() {
      assertThat(ProposalCard.of(STAGED_ORDERS, ORDERS).status().label()).isEqualTo("Staged");
    }
  }

  @Nested
  class PromotionPrOpen {
    private final StagingLane lane = decided(STAGED_ORDERS, STAGED_ORDERS.openPromotionPr(PullRequestNumber.of(7)));

    @Test
    void unstaged_cards_wait_for_the_open_pr_with_the_same_reason_as_apply() {
      Seq<ProposalCard> cards = ProposalCard.of(lane, List.of(CUSTOMERS, REWORK));
      assertThat(cards.map(c -> c.status().label())).containsExactly("Waiting for open PR", "Waiting for open PR");
      assertThat(cards.map(c -> c.applyDisabledReason().get()))
          .containsOnly(ReleaseLock.PROMOTION_PR_OPEN_MESSAGE)
          .containsOnly(lane.apply(CUSTOMERS, PRODUCTION).getLeft().message());
    }
  }

  @Nested
  class AwaitingMainSync {
    private final StagingLane merged = decided(
        decided(STAGED_ORDERS, STAGED_ORDERS.openPromotionPr(PullRequestNumber.of(7))),
        decided(STAGED_ORDERS, STAGED_ORDERS.openPromotionPr(PullRequestNumber.of(7)))
            .promotionPrMerged(PullRequestNumber.of(7), CommitId.of("3".repeat(40))));

    @Test
    void unstaged_cards_wait_for_main_sync() {
      ProposalCard card = ProposalCard.of(merged, CUSTOMERS);
      assertThat(card.status().label()).isEqualTo("Waiting for main sync");
      assertThat(card.applyDisabledReason()).contains(ReleaseLock.AWAITING_MAIN_SYNC_MESSAGE);
    }

    @Test
    void after_sync_the_promoted_proposal_shows_deployed_and_others_are_ready() {
      StagingLane synced = decided(merged, Either.right(merged.sync(CommitId.of("3".repeat(40)))));
      assertThat(ProposalCard.of(synced, ORDERS).status().label()).isEqualTo("Deployed");
      assertThat(ProposalCard.of(synced, REWORK).status()).isEqualTo(CardStatus.READY_TO_APPLY);
    }
  }
}
