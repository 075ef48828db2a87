package io.platinur.domain.digest;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.CommitId;
import java.time.Instant;
import java.util.Objects;

/**
 * What happened to a digest promotion. {@link DigestPromotions#after(Iterable)} folds events into
 * the next state through each state's own transitions; an event illegal in the current state is an
 * {@link IllegalPromotionEvent}, never silently dropped. Act on every kind with a {@link Visitor};
 * {@link #words()} says what happened in a sentence for a person (a sync's report, the audit
 * history).
 *
 * <p>The names say <em>digest</em> where the staging lane has an event of its own ({@link DigestPrOpened},
 * {@link DigestPrClosed}, {@link DigestPrMerged} against the lane's {@code PromotionPrOpened} and
 * {@code PromotionPrClosed}).
 */
public sealed interface DigestPromotionEvent
    permits DigestPromotionEvent.PromotionProposed,
        DigestPromotionEvent.DigestPrOpened,
        DigestPromotionEvent.DigestPrClosed,
        DigestPromotionEvent.DigestPrMerged,
        DigestPromotionEvent.CanaryStarted,
        DigestPromotionEvent.PromotionCompleted,
        DigestPromotionEvent.RollbackOpened,
        DigestPromotionEvent.RollbackClosed,
        DigestPromotionEvent.PromotionRolledBack {

  PromotionTarget target();

  <R> R accept(Visitor<R> visitor);

  /** What happened, in one sentence: {@code Merged promotion PR #1 of api to staging as 1a2b3c4.} */
  String words();

  /** One method per event kind. */
  interface Visitor<R> {
    R proposed(PromotionProposed event);

    R prOpened(DigestPrOpened event);

    R prClosed(DigestPrClosed event);

    R prMerged(DigestPrMerged event);

    R canaryStarted(CanaryStarted event);

    R completed(PromotionCompleted event);

    R rollbackOpened(RollbackOpened event);

    R rollbackClosed(RollbackClosed event);

    R rolledBack(PromotionRolledBack event);
  }

  /** A promotion was decided; its branch is written and its PR opened next. */
  record PromotionProposed(Promotion promotion) implements DigestPromotionEvent {
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

    @Override
    public String words() {
      return "Decided to promote " + of(target()) + ": " + promotion.digest().abbreviated() + " from " + promotion.from()
          + ", replacing " + promotion.previous().map(ImageDigest::abbreviated).getOrElse("no pin") + ".";
    }
  }

  /** The promotion's PR is open. */
  record DigestPrOpened(PromotionTarget target, PullRequestNumber pr) implements DigestPromotionEvent {
    public DigestPrOpened {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(pr, "pr");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.prOpened(this);
    }

    @Override
    public String words() {
      return "Promotion PR " + pr + " of " + of(target) + " is open.";
    }
  }

  /** The promotion's PR was closed without merging: the pin never moved. */
  record DigestPrClosed(PromotionTarget target, PullRequestNumber pr) implements DigestPromotionEvent {
    public DigestPrClosed {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(pr, "pr");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.prClosed(this);
    }

    @Override
    public String words() {
      return "Promotion PR " + pr + " of " + of(target) + " was closed without merging; the pin never moved.";
    }
  }

  /** The promotion's PR merged: the target pins the digest. */
  record DigestPrMerged(PromotionTarget target, PullRequestNumber pr, CommitId mergeCommit) implements DigestPromotionEvent {
    public DigestPrMerged {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(mergeCommit, "mergeCommit");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.prMerged(this);
    }

    @Override
    public String words() {
      return "Merged promotion PR " + pr + " of " + of(target) + " as " + mergeCommit.abbreviated() + ".";
    }
  }

  /** The digest runs as a canary in the target from {@code at}. */
  record CanaryStarted(PromotionTarget target, Instant at) implements DigestPromotionEvent {
    public CanaryStarted {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.canaryStarted(this);
    }

    @Override
    public String words() {
      return "The canary of " + target.service() + " in " + target.environment() + " started at " + at + ".";
    }
  }

  /** The promotion is verified (canary passed, or the step has none). */
  record PromotionCompleted(PromotionTarget target) implements DigestPromotionEvent {
    public PromotionCompleted {
      Objects.requireNonNull(target, "target");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.completed(this);
    }

    @Override
    public String words() {
      return "The promotion of " + of(target) + " is complete.";
    }
  }

  /** A PR reverting the promotion's merge is open, for {@code reason}. */
  record RollbackOpened(PromotionTarget target, PullRequestNumber revertPr, RollbackReason reason) implements DigestPromotionEvent {
    public RollbackOpened {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(revertPr, "revertPr");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.rollbackOpened(this);
    }

    @Override
    public String words() {
      return "Rollback PR " + revertPr + " of " + target.service() + " in " + target.environment() + " is open: " + reason.words() + ".";
    }
  }

  /** The revert PR was closed without merging: the digest stays pinned, unverified. */
  record RollbackClosed(PromotionTarget target, PullRequestNumber revertPr) implements DigestPromotionEvent {
    public RollbackClosed {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(revertPr, "revertPr");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.rollbackClosed(this);
    }

    @Override
    public String words() {
      return "Rollback PR " + revertPr + " of " + target.service() + " in " + target.environment()
          + " was closed without merging; the promoted digest stays, not yet verified.";
    }
  }

  /** The revert PR merged: the target pins what it pinned before the promotion. */
  record PromotionRolledBack(PromotionTarget target, PullRequestNumber revertPr, CommitId revertCommit) implements DigestPromotionEvent {
    public PromotionRolledBack {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(revertPr, "revertPr");
      Objects.requireNonNull(revertCommit, "revertCommit");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.rolledBack(this);
    }

    @Override
    public String words() {
      return "Merged rollback PR " + revertPr + " of " + target.service() + " in " + target.environment() + " as "
          + revertCommit.abbreviated() + "; the pin from before the promotion is back.";
    }
  }

  private static String of(PromotionTarget target) {
    return target.service() + " to " + target.environment();
  }
}
