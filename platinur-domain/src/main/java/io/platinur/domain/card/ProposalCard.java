package io.platinur.domain.card;

import io.platinur.domain.lane.Rejection;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * What a proposal's card shows: its status, and, when its apply action is disabled, the reason —
 * the very message an apply would be rejected with, so the card never promises what apply refuses.
 */
public record ProposalCard(ProposalId id, String title, CardStatus status, Option<String> applyDisabledReason) {
  public ProposalCard {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(applyDisabledReason, "applyDisabledReason");
  }

  /** The card for one proposal on this lane. */
  public static ProposalCard of(StagingLane lane, Proposal proposal) {
    return lane.checkApply(proposal)
        .fold(
            rejection -> new ProposalCard(proposal.id(), proposal.title(), statusOf(rejection), Option.some(rejection.message())),
            ready -> new ProposalCard(proposal.id(), proposal.title(), CardStatus.READY_TO_APPLY, Option.none()));
  }

  /** The cards for a host's list of proposals, in the same order. */
  public static Seq<ProposalCard> of(StagingLane lane, Seq<Proposal> proposals) {
    return proposals.map(proposal -> of(lane, proposal));
  }

  /** Whether the card's apply action is enabled. */
  public boolean canApply() {
    return applyDisabledReason.isEmpty();
  }

  private static CardStatus statusOf(Rejection rejection) {
    return switch (rejection.reason()) {
      case ALREADY_STAGED -> CardStatus.STAGED;
      case ALREADY_DEPLOYED -> CardStatus.DEPLOYED;
      case PROMOTION_PR_OPEN -> CardStatus.WAITING_FOR_OPEN_PR;
      case AWAITING_MAIN_SYNC -> CardStatus.WAITING_FOR_MAIN_SYNC;
      case FILE_OVERLAP -> CardStatus.OVERLAPS_STAGED_PROPOSAL;
      case NOT_STAGED, PROMOTION_PR_EXISTS, EMPTY_BATCH, PROMOTION_PR_HEAD_MISMATCH, PROMOTION_PR_ALREADY_OPEN, NOT_THE_PROMOTION_PR,
          NO_PROMOTION_PR, PROMOTION_ALREADY_MERGED, BATCH_CHANGED, CAPABILITY_DISABLED, PERMISSION_MISSING ->
          throw new IllegalStateException("An apply check cannot be rejected for " + rejection.reason());
    };
  }
}
