package io.platinur.domain.lane;

import io.platinur.domain.batch.Overlap;
import io.platinur.domain.environment.EnvironmentRefusal;
import io.platinur.domain.lock.ReleaseLock;
import java.util.Objects;
import java.util.function.Function;

/**
 * Why a proposal cannot be applied to Staging, checked in this order: the environment guard
 * refuses the action ({@link NotAllowed}); then the lane's own rules ({@link LaneApplyRejection}):
 * it is already staged, it is already deployed, the lane is locked (promotion PR open, or merged
 * and awaiting sync), or it changes a file a staged proposal changes. A proposal card shows the
 * lane's rejection.
 */
public sealed interface ApplyRejection extends CommandRejection permits ApplyRejection.NotAllowed, LaneApplyRejection {

  /** One function per case, the environment guard's first. */
  <R> R fold(
      Function<NotAllowed, R> onNotAllowed,
      Function<AlreadyStaged, R> onAlreadyStaged,
      Function<AlreadyDeployed, R> onAlreadyDeployed,
      Function<PromotionPrOpen, R> onPromotionPrOpen,
      Function<AwaitingMainSync, R> onAwaitingMainSync,
      Function<FileOverlap, R> onFileOverlap);

  /** The environment does not allow applying proposals, or the author holds no permission for it there. */
  record NotAllowed(EnvironmentRefusal refusal) implements ApplyRejection {
    public NotAllowed {
      Objects.requireNonNull(refusal, "refusal");
    }

    @Override
    public RejectionReason reason() {
      return refusal.fold(disabled -> RejectionReason.CAPABILITY_DISABLED, missing -> RejectionReason.PERMISSION_MISSING);
    }

    @Override
    public String message() {
      return refusal.message();
    }

    @Override
    public <R> R fold(Function<NotAllowed, R> onNotAllowed, Function<AlreadyStaged, R> onAlreadyStaged,
        Function<AlreadyDeployed, R> onAlreadyDeployed, Function<PromotionPrOpen, R> onPromotionPrOpen,
        Function<AwaitingMainSync, R> onAwaitingMainSync, Function<FileOverlap, R> onFileOverlap) {
      return onNotAllowed.apply(this);
    }
  }

  /** The proposal is in the batch; {@code title} is the title it was staged with. */
  record AlreadyStaged(String title) implements LaneApplyRejection {
    public AlreadyStaged {
      Objects.requireNonNull(title, "title");
    }

    @Override
    public RejectionReason reason() {
      return RejectionReason.ALREADY_STAGED;
    }

    @Override
    public String message() {
      return "Proposal ‘" + title + "’ is already staged.";
    }

    @Override
    public <R> R fold(Function<AlreadyStaged, R> onAlreadyStaged, Function<AlreadyDeployed, R> onAlreadyDeployed,
        Function<PromotionPrOpen, R> onPromotionPrOpen, Function<AwaitingMainSync, R> onAwaitingMainSync,
        Function<FileOverlap, R> onFileOverlap) {
      return onAlreadyStaged.apply(this);
    }
  }

  /** The proposal was promoted and deployed by an earlier release. */
  record AlreadyDeployed(String title) implements LaneApplyRejection {
    public AlreadyDeployed {
      Objects.requireNonNull(title, "title");
    }

    @Override
    public RejectionReason reason() {
      return RejectionReason.ALREADY_DEPLOYED;
    }

    @Override
    public String message() {
      return "Proposal ‘" + title + "’ is already deployed.";
    }

    @Override
    public <R> R fold(Function<AlreadyStaged, R> onAlreadyStaged, Function<AlreadyDeployed, R> onAlreadyDeployed,
        Function<PromotionPrOpen, R> onPromotionPrOpen, Function<AwaitingMainSync, R> onAwaitingMainSync,
        Function<FileOverlap, R> onFileOverlap) {
      return onAlreadyDeployed.apply(this);
    }
  }

  /** The batch's promotion PR is open: staging is locked. */
  record PromotionPrOpen() implements LaneApplyRejection {
    @Override
    public RejectionReason reason() {
      return RejectionReason.PROMOTION_PR_OPEN;
    }

    @Override
    public String message() {
      return ReleaseLock.PROMOTION_PR_OPEN_MESSAGE;
    }

    @Override
    public <R> R fold(Function<AlreadyStaged, R> onAlreadyStaged, Function<AlreadyDeployed, R> onAlreadyDeployed,
        Function<PromotionPrOpen, R> onPromotionPrOpen, Function<AwaitingMainSync, R> onAwaitingMainSync,
        Function<FileOverlap, R> onFileOverlap) {
      return onPromotionPrOpen.apply(this);
    }
  }

  /** A merged promotion waits for Sync Promotions: staging is locked. */
  record AwaitingMainSync() implements LaneApplyRejection {
    @Override
    public RejectionReason reason() {
      return RejectionReason.AWAITING_MAIN_SYNC;
    }

    @Override
    public String message() {
      return ReleaseLock.AWAITING_MAIN_SYNC_MESSAGE;
    }

    @Override
    public <R> R fold(Function<AlreadyStaged, R> onAlreadyStaged, Function<AlreadyDeployed, R> onAlreadyDeployed,
        Function<PromotionPrOpen, R> onPromotionPrOpen, Function<AwaitingMainSync, R> onAwaitingMainSync,
        Function<FileOverlap, R> onFileOverlap) {
      return onAwaitingMainSync.apply(this);
    }
  }

  /** A staged proposal changes some of the same files, as the overlap checker found. */
  record FileOverlap(Overlap overlap) implements LaneApplyRejection {
    public FileOverlap {
      Objects.requireNonNull(overlap, "overlap");
    }

    @Override
    public RejectionReason reason() {
      return RejectionReason.FILE_OVERLAP;
    }

    @Override
    public String message() {
      return overlap.message();
    }

    @Override
    public <R> R fold(Function<AlreadyStaged, R> onAlreadyStaged, Function<AlreadyDeployed, R> onAlreadyDeployed,
        Function<PromotionPrOpen, R> onPromotionPrOpen, Function<AwaitingMainSync, R> onAwaitingMainSync,
        Function<FileOverlap, R> onFileOverlap) {
      return onFileOverlap.apply(this);
    }
  }
}
