package io.platinur.domain.lock;

import io.platinur.domain.repository.CommitId;
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
 * Each state has only the transitions legal from it. Use {@link #fold} to act on every state; a
 * new state added here makes every fold fail to compile, never falls into a default branch.
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
