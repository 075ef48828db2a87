package io.platinur.domain.digest;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.CommitId;
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
 * state makes every fold fail to compile.
 */
public sealed interface DigestPromotion
    permits DigestPromotion.Proposed,
        DigestPromotion.PrOpen,
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
  record Merged(Promotion promotion, PullRequestNumber pr, CommitId mergeCommit) implements DigestPromotion {
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

    public RollingBack rollbackOpened(PullRequestNumber revertPr, RollbackReason reason) {
      return new RollingBack(promotion, pr, mergeCommit, revertPr, reason);
    }

    @Override
    public <R> R fold(Function<Proposed, R> onProposed, Function<PrOpen, R> onPrOpen, Function<Merged, R> onMerged,
        Function<Canary, R> onCanary, Function<Promoted, R> onPromoted, Function<Withdrawn, R> onWithdrawn,
        Function<RollingBack, R> onRollingBack, Function<RolledBack, R> onRolledBack) {
      return onMerged.apply(this);
    }
  }

  /** The digest runs as a canary in the target since {@code startedAt}, waiting for a verdict. */
  record Canary(Promotion promotion, PullRequestNumber pr, CommitId mergeCommit, Instant startedAt) implements DigestPromotion {
    public Canary {
      Objects.requireNonNull(promotion, "promotion");
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(mergeCommit, "mergeCommit");
      Objects.requireNonNull(startedAt, "startedAt");
    }

    public Promoted passed() {
      return new Promoted(promotion, pr, mergeCommit);
    }

    public RollingBack rollbackOpened(PullRequestNumber revertPr, RollbackReason reason) {
      return new RollingBack(promotion, pr, mergeCommit, revertPr, reason);
    }

    @Override
    public <R> R fold(Function<Proposed, R> onProposed, Function<PrOpen, R> onPrOpen, Function<Merged, R> onMerged,
        Function<Canary, R> onCanary, Function<Promoted, R> onPromoted, Function<Withdrawn, R> onWithdrawn,
        Function<RollingBack, R> onRollingBack, Function<RolledBack, R> onRolledBack) {
      return onCanary.apply(this);
    }
  }

  /** Done: the digest is pinned in the target and verified. */
  record Promoted(Promotion promotion, PullRequestNumber pr, CommitId mergeCommit) implements DigestPromotion {
    public Promoted {
      Objects.requireNonNull(promotion, "promotion");
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(mergeCommit, "mergeCommit");
    }

    public RollingBack rollbackOpened(PullRequestNumber revertPr, RollbackReason reason) {
      return new RollingBack(promotion, pr, mergeCommit, revertPr, reason);
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
