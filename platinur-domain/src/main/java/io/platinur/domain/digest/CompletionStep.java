package io.platinur.domain.digest;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.Seq;
import java.util.Objects;
import java.util.function.Function;

/**
 * What taking a promotion one step on comes to, as the aggregate decided it from the evidence its
 * {@link CompletionNeed} asked for: merge this PR at this head, record these events, open a
 * rollback with this plan, or nothing, because it already happened.
 */
public sealed interface CompletionStep
    permits CompletionStep.Merge, CompletionStep.Record, CompletionStep.RollBack, CompletionStep.AlreadyDone {

  <R> R fold(Function<Merge, R> onMerge, Function<Record, R> onRecord, Function<RollBack, R> onRollBack,
      Function<AlreadyDone, R> onAlreadyDone);

  /**
   * The gate passed: merge PR {@code pr} only if its head is still {@code head}; once merged as a
   * commit, record {@link #merged(CommitId)}.
   */
  record Merge(PromotionTarget target, PullRequestNumber pr, CommitId head, PromotionBranch.Kind kind, Seq<DigestPromotionEvent> thereafter)
      implements CompletionStep {
    public Merge {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(pr, "pr");
      Objects.requireNonNull(head, "head");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(thereafter, "thereafter");
    }

    /** The events once the PR merged as {@code mergeCommit}: the merge, then a canary's start or the completion. */
    public Seq<DigestPromotionEvent> merged(CommitId mergeCommit) {
      DigestPromotionEvent merge = switch (kind) {
        case PROMOTION -> new DigestPromotionEvent.DigestPrMerged(target, pr, mergeCommit);
        case ROLLBACK -> new DigestPromotionEvent.PromotionRolledBack(target, pr, mergeCommit);
      };
      return thereafter.prepend(merge);
    }

    @Override
    public <R> R fold(Function<Merge, R> onMerge, Function<Record, R> onRecord, Function<RollBack, R> onRollBack,
        Function<AlreadyDone, R> onAlreadyDone) {
      return onMerge.apply(this);
    }
  }

  /** Nothing to do outside; record these events (none when there is nothing to record). */
  record Record(Seq<DigestPromotionEvent> events) implements CompletionStep {
    public Record {
      Objects.requireNonNull(events, "events");
    }

    @Override
    public <R> R fold(Function<Merge, R> onMerge, Function<Record, R> onRecord, Function<RollBack, R> onRollBack,
        Function<AlreadyDone, R> onAlreadyDone) {
      return onRecord.apply(this);
    }
  }

  /** The canary failed or timed out: open the rollback. */
  record RollBack(RollbackAccepted rollback) implements CompletionStep {
    public RollBack {
      Objects.requireNonNull(rollback, "rollback");
    }

    @Override
    public <R> R fold(Function<Merge, R> onMerge, Function<Record, R> onRecord, Function<RollBack, R> onRollBack,
        Function<AlreadyDone, R> onAlreadyDone) {
      return onRollBack.apply(this);
    }
  }

  /**
   * The step already happened: {@code current} has moved on from the state the command decided on
   * (its own earlier attempt's work, saved after all, or another host's).
   */
  record AlreadyDone(DigestPromotion current) implements CompletionStep {
    public AlreadyDone {
      Objects.requireNonNull(current, "current");
    }

    @Override
    public <R> R fold(Function<Merge, R> onMerge, Function<Record, R> onRecord, Function<RollBack, R> onRollBack,
        Function<AlreadyDone, R> onAlreadyDone) {
      return onAlreadyDone.apply(this);
    }
  }
}
