package io.platinur.domain.digest;

import io.vavr.collection.Seq;
import java.util.Objects;
import java.util.function.Function;

/** What completing a promotion takes next, as {@link DigestPromotions#complete} decided it. */
public sealed interface CompletionStep permits CompletionStep.Merge, CompletionStep.Record, CompletionStep.RollBack {

  <R> R fold(Function<Merge, R> onMerge, Function<Record, R> onRecord, Function<RollBack, R> onRollBack);

  /** The gate passed: merge the open promotion PR. */
  record Merge(DigestPromotion.PrOpen promotion) implements CompletionStep {
    public Merge {
      Objects.requireNonNull(promotion, "promotion");
    }

    @Override
    public <R> R fold(Function<Merge, R> onMerge, Function<Record, R> onRecord, Function<RollBack, R> onRollBack) {
      return onMerge.apply(this);
    }
  }

  /** Nothing to do outside; record these events (canary started, promotion completed). */
  record Record(Seq<PromotionEvent> events) implements CompletionStep {
    public Record {
      Objects.requireNonNull(events, "events");
    }

    @Override
    public <R> R fold(Function<Merge, R> onMerge, Function<Record, R> onRecord, Function<RollBack, R> onRollBack) {
      return onRecord.apply(this);
    }
  }

  /** The canary failed or timed out: roll back. */
  record RollBack(RollbackPlan plan) implements CompletionStep {
    public RollBack {
      Objects.requireNonNull(plan, "plan");
    }

    @Override
    public <R> R fold(Function<Merge, R> onMerge, Function<Record, R> onRecord, Function<RollBack, R> onRollBack) {
      return onRollBack.apply(this);
    }
  }
}
