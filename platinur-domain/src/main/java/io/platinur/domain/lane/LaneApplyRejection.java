package io.platinur.domain.lane;

import io.platinur.domain.lane.ApplyRejection.AlreadyDeployed;
import io.platinur.domain.lane.ApplyRejection.AlreadyStaged;
import io.platinur.domain.lane.ApplyRejection.AwaitingMainSync;
import io.platinur.domain.lane.ApplyRejection.FileOverlap;
import io.platinur.domain.lane.ApplyRejection.NotAllowed;
import io.platinur.domain.lane.ApplyRejection.PromotionPrOpen;
import java.util.function.Function;

/**
 * Why the lane itself refuses a proposal ({@link StagingLane#apply}), checked in this order: it
 * is already staged, it is already deployed, the lane is locked (promotion PR open, or merged and
 * awaiting sync), or it changes a file a staged proposal changes. A proposal card shows it.
 */
public sealed interface LaneApplyRejection extends ApplyRejection
    permits AlreadyStaged, AlreadyDeployed, PromotionPrOpen, AwaitingMainSync, FileOverlap {

  /** One function per case of the lane's own rules. */
  <R> R fold(
      Function<AlreadyStaged, R> onAlreadyStaged,
      Function<AlreadyDeployed, R> onAlreadyDeployed,
      Function<PromotionPrOpen, R> onPromotionPrOpen,
      Function<AwaitingMainSync, R> onAwaitingMainSync,
      Function<FileOverlap, R> onFileOverlap);

  @Override
  default <R> R fold(Function<NotAllowed, R> onNotAllowed, Function<AlreadyStaged, R> onAlreadyStaged,
      Function<AlreadyDeployed, R> onAlreadyDeployed, Function<PromotionPrOpen, R> onPromotionPrOpen,
      Function<AwaitingMainSync, R> onAwaitingMainSync, Function<FileOverlap, R> onFileOverlap) {
    return fold(onAlreadyStaged, onAlreadyDeployed, onPromotionPrOpen, onAwaitingMainSync, onFileOverlap);
  }
}
