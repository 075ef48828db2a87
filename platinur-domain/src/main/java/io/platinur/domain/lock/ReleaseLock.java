package io.platinur.domain.lock;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.CommitId;
import io.vavr.control.Either;
import java.util.Objects;
import java.util.function.Function;

/**
 * The staging release lock, tied to the promotion PR of the current batch.
 *
 * <pre>
 *   Unlocked --open promotion PR--> PromotionPrOpen(pr)
 *   PromotionPrOpen --PR closed unmerged, then sync--> Unlocked (batch kept)
 *   PromotionPrOpen --PR merged--> AwaitingMainSync(pr, merge commit)
 *   AwaitingMainSync --sync--> Unlocked (batch deployed, staging reset, batch emptied)
 * </pre>
 *
 * Each state has only the transitions legal from it ({@link Unlocked#open}, {@link
 * PromotionPrOpen#merged}, …). The {@code on…} methods are the lock's transition function for a
 * caller that holds the lock without knowing its state: each moves the lock with the current
 * state's own transition, or returns an {@link IllegalLockTransition} when the event cannot happen
 * in it. Use {@link #fold} to act on every state; a new state added here makes every fold fail to
 * compile, never falls into a default branch.
 */
public sealed interface ReleaseLock permits ReleaseLock.Unlocked, ReleaseLock.PromotionPrOpen, ReleaseLock.AwaitingMainSync {

  /** Exact message for an apply while a promotion PR is open. */
  String PROMOTION_PR_OPEN_MESSAGE =
      "A promotion PR is open. Merge or close it in GitHub before applying more staging changes.";

  /** Exact message for an apply while a merged promotion awaits sync. */
  String AWAITING_MAIN_SYNC_MESSAGE =
      "A merged promotion is being finalized from GitHub main. Sync Promotions before applying another staging change.";

  static Unlocked unlocked() {
    return Unlocked.INSTANCE;
  }

  <R> R fold(
      Function<Unlocked, R> onUnlocked,
      Function<PromotionPrOpen, R> onPromotionPrOpen,
      Function<AwaitingMainSync, R> onAwaitingMainSync);

  /** Whether staging accepts no more proposals. */
  default boolean isLocked() {
    return fold(unlocked -> false, open -> true, awaiting -> true);
  }

  /** The promotion PR {@code pr} was opened: legal only while unlocked. */
  default Either<IllegalLockTransition, ReleaseLock> onOpened(PullRequestNumber pr) {
    return fold(
        unlocked -> Either.right(unlocked.open(pr)),
        open -> illegal(this, "promotion PR " + pr + " opened"),
        awaiting -> illegal(this, "promotion PR " + pr + " opened"));
  }

  /** The promotion PR {@code pr} was closed without merging: legal only while that PR is open. */
  default Either<IllegalLockTransition, ReleaseLock> onClosedUnmerged(PullRequestNumber pr) {
    return fold(
        unlocked -> illegal(this, "promotion PR " + pr + " closed"),
        open -> open.pr().equals(pr) ? Either.right(open.closedUnmerged()) : illegal(this, "promotion PR " + pr + " closed"),
        awaiting -> illegal(this, "promotion PR " + pr + " closed"));
  }

  /** The promotion PR {@code pr} was merged as {@code mergeCommit}: legal only while that PR is open. */
  default Either<IllegalLockTransition, ReleaseLock> onMerged(PullRequestNumber pr, CommitId mergeCommit) {
    return fold(
        unlocked -> illegal(this, "promotion PR " + pr + " merged"),
        open -> open.pr().equals(pr) ? Either.right(open.merged(mergeCommit)) : illegal(this, "promotion PR " + pr + " merged"),
        awaiting -> illegal(this, "promotion PR " + pr + " merged"));
  }

  /** Sync Promotions finalized the merged promotion PR {@code pr}: legal only while it awaits sync. */
  default Either<IllegalLockTransition, ReleaseLock> onSynced(PullRequestNumber pr) {
    return fold(
        unlocked -> illegal(this, "promotion PR " + pr + " synced"),
        open -> illegal(this, "promotion PR " + pr + " synced"),
        awaiting -> awaiting.pr().equals(pr) ? Either.right(awaiting.synced()) : illegal(this, "promotion PR " + pr + " synced"));
  }

  /** The state in words, for messages: {@code unlocked}, {@code promotion PR #4 is open}, … */
  default String describe() {
    return fold(
        unlocked -> "unlocked",
        open -> "promotion PR " + open.pr() + " is open",
        awaiting -> "merged promotion PR " + awaiting.pr() + " awaits sync");
  }

  private static Either<IllegalLockTransition, ReleaseLock> illegal(ReleaseLock from, String event) {
    return Either.left(new IllegalLockTransition(from, event));
  }

  /** No promotion PR exists for the batch; staging accepts proposals. */
  final class Unlocked implements ReleaseLock {
    private static final Unlocked INSTANCE = new Unlocked();

    private Unlocked() {}

    public PromotionPrOpen open(PullRequestNumber pr) {
      return new PromotionPrOpen(pr);
    }

    @Override
    public <R> R fold(
        Function<Unlocked, R> onUnlocked,
        Function<PromotionPrOpen, R> onPromotionPrOpen,
        Function<AwaitingMainSync, R> onAwaitingMainSync) {
      return onUnlocked.apply(this);
    }

    @Override
    public String toString() {
      return "Unlocked";
    }
  }

  /** The batch's promotion PR is open; staging is locked until it is merged or closed. */
  record PromotionPrOpen(PullRequestNumber pr) implements ReleaseLock {
    public PromotionPrOpen {
      Objects.requireNonNull(pr, "pr");
    }

    public AwaitingMainSync merged(CommitId mergeCommit) {
      return new AwaitingMainSync(pr, mergeCommit);
    }

    /** The PR was closed without merging: staging unlocks, the batch is kept. */
    public Unlocked closedUnmerged() {
      return Unlocked.INSTANCE;
    }

    @Override
    public <R> R fold(
        Function<Unlocked, R> onUnlocked,
        Function<PromotionPrOpen, R> onPromotionPrOpen,
        Function<AwaitingMainSync, R> onAwaitingMainSync) {
      return onPromotionPrOpen.apply(this);
    }
  }

  /** The promotion PR was merged; staging stays locked until Sync Promotions finalizes it. */
  record AwaitingMainSync(PullRequestNumber pr, CommitId mergeCommit) implements ReleaseLock {
    public AwaitingMainSync {
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(mergeCommit, "mergeCommit");
    }

    public Unlocked synced() {
      return Unlocked.INSTANCE;
    }

    @Override
    public <R> R fold(
        Function<Unlocked, R> onUnlocked,
        Function<PromotionPrOpen, R> onPromotionPrOpen,
        Function<AwaitingMainSync, R> onAwaitingMainSync) {
      return onAwaitingMainSync.apply(this);
    }
  }
}
