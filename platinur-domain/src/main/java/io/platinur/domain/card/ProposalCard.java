package io.platinur.domain.card;

import io.platinur.domain.lane.LaneApplyRejection;
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
    return lane.apply(proposal)
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

  /** The status an apply rejection shows: from apply's own rejections, so every case has one. */
  private static CardStatus statusOf(LaneApplyRejection rejection) {
    return rejection.fold(
        staged -> CardStatus.STAGED,
        deployed -> CardStatus.DEPLOYED,
        open -> CardStatus.WAITING_FOR_OPEN_PR,
        awaiting -> CardStatus.WAITING_FOR_MAIN_SYNC,
        overlap -> CardStatus.OVERLAPS_STAGED_PROPOSAL);
  }
}
