package io.platinur.domain.digest;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.CommitId;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * One promotion of a digest into a target environment, as a state machine:
 *
 * <pre>
 *   Proposed --PR opened--> PrOpen(pr) --merged--> Merged(commit)
 *     --[canary step]--> Canary(started) --passed--> Promoted
 *     --[no canary]----> Promoted
 *   PrOpen --closed unmerged--> Withdrawn (the pin never moved)
 *   Merged | Canary | Promoted --revert PR opened--> RollingBack(revert PR)
 *   RollingBack --revert merged--> RolledBack (the previous pin is back)
 *   RollingBack --revert closed unmerged--> Merged (the digest stays, unverified)
 * </pre>
 *
 * Each state has only the transitions legal from it; {@link #fold} acts on every state, and a new
 * state makes every fold fail to compile. What several states share is asked of the sealed type
 * ({@link #openPr()}, {@link #mergedPr()}, {@link #revertible()}), never by a fold in each caller.
 */
public sealed interface DigestPromotion
    permits DigestPromotion.Proposed,
        DigestPromotion.PrOpen,
        DigestPromotion.Revertible,
        DigestPromotion.Merged,
        DigestPromotion.Canary,
        DigestPromotion.Promoted,
        DigestPromotion.Withdrawn,
        DigestPromotion.RollingBack,
        DigestPromotion.RolledBack {

  /** What is being promoted, from where, and what it replaces. */
  Promotion promotion();

  <R> R fold(
      Function<Proposed, R> onProposed,
      Function<PrOpen, R> onPrOpen,
      Function<Merged, R> onMerged,
      Function<Canary, R> onCanary,
      Function<Promoted, R> onPromoted,
      Function<Withdrawn, R> onWithdrawn,
      Function<RollingBack, R> onRollingBack,
      Function<RolledBack, R> onRolledBack);

  default PromotionTarget target() {
    return promotion().target();
  }

  /** Whether the promotion is over: a new one of the same target may start. */
  default boolean isFinished() {
    return fold(p -> false, o -> false, m -> false, c -> false, p -> true, w -> true, r -> false, r -> true);
  }

  /**
   * The pull request this promotion waits on: its promotion PR while that is open, its revert PR
   * while a rollback is open; none in every other state.
   */
  default Option<PullRequestNumber> openPr() {
    return fold(
        proposed -> Option.none(),
        open -> Option.some(open.pr()),
        merged -> Option.none(),
        canary -> Option.none(),
        promoted -> Option.none(),
        withdrawn -> Option.none(),
        rolling -> Option.some(rolling.revertPr()),
        rolled -> Option.none());
  }

  /** The promotion PR, once it merged (whatever happened since); none before, or when it was closed unmerged. */
  default Option<PullRequestNumber> mergedPr() {
    return fold(
        proposed -> Option.none(),
        open -> Option.none(),
        merged -> Option.some(merged.pr()),
        canary -> Option.some(canary.pr()),
        promoted -> Option.some(promoted.pr()),
        withdrawn -> Option.none(),
        rolling -> Option.some(rolling.pr()),
        rolled -> Option.some(rolled.pr()));
  }

  /** This state, when a rollback may start from it (merged, in canary or promoted). */
  default Option<Revertible> revertible() {
    return fold(
        proposed -> Option.none(),
        open -> Option.none(),
        merged -> Option.some(merged),
        canary -> Option.some(canary),
        promoted -> Option.some(promoted),
        withdrawn -> Option.none(),
        rolling -> Option.none(),
        rolled -> Option.none());
  }

  /**
   * Whether this is the same promotion as {@code earlier}, through the same PR, further along its
   * way: what another writer (or a save that lost its race) recorded since {@code earlier} was read.
   */
  default boolean movedOnFrom(DigestPromotion earlier) {
    return promotion().equals(earlier.promotion()) && promotionPr().equals(earlier.promotionPr()) && progress() > earlier.progress();
  }

  /** The promotion PR, once it was opened (open, merged or closed since); none while only proposed. */
  default Option<PullRequestNumber> promotionPr() {
    return fold(
        proposed -> Option.none(),
        open -> Option.some(open.pr()),
        merged -> Option.some(merged.pr()),
        canary -> Option.some(canary.pr()),
        promoted -> Option.some(promoted.pr()),
        withdrawn -> Option.some(withdrawn.pr()),
        rolling -> Option.some(rolling.pr()),
        rolled -> Option.some(rolled.pr()));
  }

  /** How far along its way the promotion is, for {@link #movedOnFrom}. */
  private int progress() {
    return fold(p -> 0, o -> 1, m -> 2, c -> 3, p -> 4, w -> 2, r -> 4, r -> 5);
  }

  /** The state in words for a board: {@code PR #12 open}, {@code canary since 2026-12-01T10:00:00Z}. */
  default String describe() {
    return fold(
        proposed -> "proposed",
        open -> "PR " + open.pr() + " open",
        merged -> "merged as " + merged.mergeCommit().abbreviated() + ", not yet verified",
        canary -> "canary since " + canary.startedAt(),
        promoted -> "promoted",
        withdrawn -> "PR " + withdrawn.pr() + " closed unmerged",
        rolling -> "rolling back (" + rolling.reason().words() + "): PR " + rolling.revertPr() + " open",
        rolled -> "rolled back (" + rolled.reason().words() + ")");
  }

  /**
   * A state a rollback may start from: the promotion PR merged ({@link Merged}, {@link Canary},
   * {@link Promoted}), so its merge commit can be reverted.
   */
  sealed interface Revertible extends DigestPromotion permits Merged, Canary, Promoted {
    /** The promotion PR that merged. */
    PullRequestNumber pr();

    /** Its merge commit, which a rollback reverts. */
    CommitId mergeCommit();

    /** A PR reverting {@link #mergeCommit()} opened, for {@code reason}. */
    default RollingBack rollbackOpened(PullRequestNumber revertPr, RollbackReason reason) {
      return new RollingBack(promotion(), pr(), mergeCommit(), revertPr, reason);
    }
  }

  /** The promotion was decided; its branch is being written and its PR opened. */
  record Proposed(Promotion promotion) implements DigestPromotion {
    public Proposed {
      Objects.requireNonNull(promotion, "promotion");
    }

    public PrOpen opened(PullRequestNumber pr) {
      return new PrOpen(promotion, pr);
    }

    @Override
    public <R> R fold(Function<Proposed, R> onProposed, Function<PrOpen, R> onPrOpen, Function<Merged, R> onMerged,
        Function<Canary, R> onCanary, Function<Promoted, R> onPromoted, Function<Withdrawn, R> onWithdrawn,
        Function<RollingBack, R> onRollingBack, Function<RolledBack, R> onRolledBack) {
      return onProposed.apply(this);
    }
  }

  /** The promotion PR is open, waiting for its gate. */
  record PrOpen(Promotion promotion, PullRequestNumber pr) implements DigestPromotion {
    public PrOpen {
      Objects.requireNonNull(promotion, "promotion");
      Objects.requireNonNull(pr, "pr");
    }

    public Merged merged(CommitId mergeCommit) {
      return new Merged(promotion, pr, mergeCommit);
    }

    /** Closed without merging: the pin never moved. */
    public Withdrawn closedUnmerged() {
      return new Withdrawn(promotion, pr);
    }

    @Override
    public <R> R fold(Function<Proposed, R> onProposed, Function<PrOpen, R> onPrOpen, Function<Merged, R> onMerged,
        Function<Canary, R> onCanary, Function<Promoted, R> onPromoted, Function<Withdrawn, R> onWithdrawn,
        Function<RollingBack, R> onRollingBack, Function<RolledBack, R> onRolledBack) {
      return onPrOpen.apply(this);
    }
  }

  /** The PR merged: the target pins the digest; not yet verified (canary) or confirmed. */
  record Merged(Promotion promotion, PullRequestNumber pr, CommitId mergeCommit) implements DigestPromotion, Revertible {
    public Merged {
      Objects.requireNonNull(promotion, "promotion");
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(mergeCommit, "mergeCommit");
    }

    public Canary canaryStarted(Instant at) {
      return new Canary(promotion, pr, mergeCommit, at);
    }

    /** A step without a canary is done once merged. */
    public Promoted promoted() {
      return new Promoted(promotion, pr, mergeCommit);
    }

    @Override
    public <R> R fold(Function<Proposed, R> onProposed, Function<PrOpen, R> onPrOpen, Function<Merged, R> onMerged,
        Function<Canary, R> onCanary, Function<Promoted, R> onPromoted, Function<Withdrawn, R> onWithdrawn,
        Function<RollingBack, R> onRollingBack, Function<RolledBack, R> onRolledBack) {
      return onMerged.apply(this);
    }
  }

  /** The digest runs as a canary in the target since {@code startedAt}, waiting for a verdict. */
  record Canary(Promotion promotion, PullRequestNumber pr, CommitId mergeCommit, Instant startedAt) implements DigestPromotion, Revertible {
    public Canary {
      Objects.requireNonNull(promotion, "promotion");
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(mergeCommit, "mergeCommit");
      Objects.requireNonNull(startedAt, "startedAt");
    }

    public Promoted passed() {
      return new Promoted(promotion, pr, mergeCommit);
    }

    @Override
    public <R> R fold(Function<Proposed, R> onProposed, Function<PrOpen, R> onPrOpen, Function<Merged, R> onMerged,
        Function<Canary, R> onCanary, Function<Promoted, R> onPromoted, Function<Withdrawn, R> onWithdrawn,
        Function<RollingBack, R> onRollingBack, Function<RolledBack, R> onRolledBack) {
      return onCanary.apply(this);
    }
  }

  /** Done: the digest is pinned in the target and verified. */
  record Promoted(Promotion promotion, PullRequestNumber pr, CommitId mergeCommit) implements DigestPromotion, Revertible {
    public Promoted {
      Objects.requireNonNull(promotion, "promotion");
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(mergeCommit, "mergeCommit");
    }

    @Override
    public <R> R fold(Function<Proposed, R> onProposed, Function<PrOpen, R> onPrOpen, Function<Merged, R> onMerged,
        Function<Canary, R> onCanary, Function<Promoted, R> onPromoted, Function<Withdrawn, R> onWithdrawn,
        Function<RollingBack, R> onRollingBack, Function<RolledBack, R> onRolledBack) {
      return onPromoted.apply(this);
    }
  }

  /** The PR was closed unmerged: the pin never moved. */
  record Withdrawn(Promotion promotion, PullRequestNumber pr) implements DigestPromotion {
    public Withdrawn {
      Objects.requireNonNull(promotion, "promotion");
      Objects.requireNonNull(pr, "pr");
    }

    @Override
    public <R> R fold(Function<Proposed, R> onProposed, Function<PrOpen, R> onPrOpen, Function<Merged, R> onMerged,
        Function<Canary, R> onCanary, Function<Promoted, R> onPromoted, Function<Withdrawn, R> onWithdrawn,
        Function<RollingBack, R> onRollingBack, Function<RolledBack, R> onRolledBack) {
      return onWithdrawn.apply(this);
    }
  }

  /** A PR reverting {@code mergeCommit} is open. */
  record RollingBack(Promotion promotion, PullRequestNumber pr, CommitId mergeCommit, PullRequestNumber revertPr, RollbackReason reason)
      implements DigestPromotion {
    public RollingBack {
      Objects.requireNonNull(promotion, "promotion");
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(mergeCommit, "mergeCommit");
      Objects.requireNonNull(revertPr, "revertPr");
      Objects.requireNonNull(reason, "reason");
    }

    /** The revert merged: the target pins {@code promotion().previous()} again. */
    public RolledBack reverted(CommitId revertCommit) {
      return new RolledBack(promotion, pr, mergeCommit, revertPr, reason, revertCommit);
    }

    /** The revert was closed unmerged: the digest stays pinned, unverified. */
    public Merged revertClosedUnmerged() {
      return new Merged(promotion, pr, mergeCommit);
    }

    @Override
    public <R> R fold(Function<Proposed, R> onProposed, Function<PrOpen, R> onPrOpen, Function<Merged, R> onMerged,
        Function<Canary, R> onCanary, Function<Promoted, R> onPromoted, Function<Withdrawn, R> onWithdrawn,
        Function<RollingBack, R> onRollingBack, Function<RolledBack, R> onRolledBack) {
      return onRollingBack.apply(this);
    }
  }

  /** The revert merged: the target pins what it pinned before the promotion. */
  record RolledBack(Promotion promotion, PullRequestNumber pr, CommitId mergeCommit, PullRequestNumber revertPr,
      RollbackReason reason, CommitId revertCommit) implements DigestPromotion {
    public RolledBack {
      Objects.requireNonNull(promotion, "promotion");
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(mergeCommit, "mergeCommit");
      Objects.requireNonNull(revertPr, "revertPr");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(revertCommit, "revertCommit");
    }

    @Override
    public <R> R fold(Function<Proposed, R> onProposed, Function<PrOpen, R> onPrOpen, Function<Merged, R> onMerged,
        Function<Canary, R> onCanary, Function<Promoted, R> onPromoted, Function<Withdrawn, R> onWithdrawn,
        Function<RollingBack, R> onRollingBack, Function<RolledBack, R> onRolledBack) {
      return onRolledBack.apply(this);
    }
  }
}
