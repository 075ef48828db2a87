package io.platinur.domain.digest;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.CommitId;
import java.time.Instant;
import java.util.Objects;

/**
 * What happened to a digest promotion. {@link DigestPromotions#after(Iterable)} folds events into
 * the next state through each state's own transitions; an event illegal in the current state is an
 * error, never silently dropped. Act on every kind with a {@link Visitor}.
 */
public sealed interface PromotionEvent
    permits PromotionEvent.PromotionProposed,
        PromotionEvent.PromotionPrOpened,
        PromotionEvent.PromotionPrClosed,
        PromotionEvent.PromotionMerged,
        PromotionEvent.CanaryStarted,
        PromotionEvent.PromotionCompleted,
        PromotionEvent.RollbackOpened,
        PromotionEvent.RollbackClosed,
        PromotionEvent.PromotionRolledBack {

  PromotionTarget target();

  <R> R accept(Visitor<R> visitor);

  /** One method per event kind. */
  interface Visitor<R> {
    R proposed(PromotionProposed event);

    R prOpened(PromotionPrOpened event);

    R prClosed(PromotionPrClosed event);

    R merged(PromotionMerged event);

    R canaryStarted(CanaryStarted event);

    R completed(PromotionCompleted event);

    R rollbackOpened(RollbackOpened event);

    R rollbackClosed(RollbackClosed event);

    R rolledBack(PromotionRolledBack event);
  }

  record PromotionProposed(Promotion promotion) implements PromotionEvent {
    public PromotionProposed {
      Objects.requireNonNull(promotion, "promotion");
    }

    @Override
    public PromotionTarget target() {
      return promotion.target();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.proposed(this);
    }
  }

  record PromotionPrOpened(PromotionTarget target, PullRequestNumber pr) implements PromotionEvent {
    public PromotionPrOpened {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(pr, "pr");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.prOpened(this);
    }
  }

  record PromotionPrClosed(PromotionTarget target, PullRequestNumber pr) implements PromotionEvent {
    public PromotionPrClosed {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(pr, "pr");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.prClosed(this);
    }
  }

  record PromotionMerged(PromotionTarget target, PullRequestNumber pr, CommitId mergeCommit) implements PromotionEvent {
    public PromotionMerged {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(mergeCommit, "mergeCommit");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.merged(this);
    }
  }

  record CanaryStarted(PromotionTarget target, Instant at) implements PromotionEvent {
    public CanaryStarted {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.canaryStarted(this);
    }
  }

  /** The promotion is verified (canary passed, or the step has none). */
  record PromotionCompleted(PromotionTarget target) implements PromotionEvent {
    public PromotionCompleted {
      Objects.requireNonNull(target, "target");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.completed(this);
    }
  }

  record RollbackOpened(PromotionTarget target, PullRequestNumber revertPr, RollbackReason reason) implements PromotionEvent {
    public RollbackOpened {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(revertPr, "revertPr");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.rollbackOpened(this);
    }
  }

  record RollbackClosed(PromotionTarget target, PullRequestNumber revertPr) implements PromotionEvent {
    public RollbackClosed {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(revertPr, "revertPr");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.rollbackClosed(this);
    }
  }

  record PromotionRolledBack(PromotionTarget target, PullRequestNumber revertPr, CommitId revertCommit) implements PromotionEvent {
    public PromotionRolledBack {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(revertPr, "revertPr");
      Objects.requireNonNull(revertCommit, "revertCommit");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.rolledBack(this);
    }
  }
}
