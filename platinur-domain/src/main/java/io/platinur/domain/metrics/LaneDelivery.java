package io.platinur.domain.metrics;

import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.function.Function;

/**
 * The delivery events one saved change of a lane holds. A lane's history records, for every change,
 * the events that led to it and the time of its audit entry; this reads the ones delivery metrics
 * count: applies, unapplies and discards, the promotion PR's merge, and the release Sync Promotions
 * finalized. Opening and closing the promotion PR change no key and are left out.
 */
public final class LaneDelivery {
  private LaneDelivery() {}

  /**
   * @param lane the lane, named by its staging branch
   * @param events the change's events, in order
   * @param at the change's audit time
   * @param authored the author time of a proposal commit, where the history can tell
   */
  public static Seq<DeliveryEvent> events(BranchName lane, Seq<LaneEvent> events, Instant at, Function<CommitId, Option<Instant>> authored) {
    return events.flatMap(event -> event.accept(new LaneEvent.Visitor<Seq<DeliveryEvent>>() {
      @Override
      public Seq<DeliveryEvent> proposalStaged(LaneEvent.ProposalStaged staged) {
        return List.of(new DeliveryEvent.ProposalApplied(lane, staged.staged().id(), at, authored.apply(staged.staged().commit())));
      }

      @Override
      public Seq<DeliveryEvent> proposalUnstaged(LaneEvent.ProposalUnstaged unstaged) {
        return List.of(new DeliveryEvent.ProposalWithdrawn(lane, unstaged.id(), at));
      }

      @Override
      public Seq<DeliveryEvent> batchDiscarded(LaneEvent.BatchDiscarded discarded) {
        return discarded.discarded().map(id -> new DeliveryEvent.ProposalWithdrawn(lane, id, at));
      }

      @Override
      public Seq<DeliveryEvent> promotionPrOpened(LaneEvent.PromotionPrOpened opened) {
        return List.empty();
      }

      @Override
      public Seq<DeliveryEvent> promotionPrClosed(LaneEvent.PromotionPrClosed closed) {
        return List.empty();
      }

      @Override
      public Seq<DeliveryEvent> promotionPrMerged(LaneEvent.PromotionPrMerged merged) {
        return List.of(new DeliveryEvent.ReleaseMerged(lane, merged.pr(), merged.mergeCommit(), at));
      }

      @Override
      public Seq<DeliveryEvent> promotionFinalized(LaneEvent.PromotionFinalized finalized) {
        return List.of(new DeliveryEvent.ReleaseDeployed(lane, finalized.pr(), finalized.deployed(), at));
      }
    }));
  }
}
