package io.platinur.domain.digest;

import io.vavr.collection.Seq;
import java.util.Objects;
import java.util.function.Function;

/** A step gate's answer: the promotion PR may merge, or it is blocked with every unmet condition. */
public sealed interface StepDecision permits StepDecision.Passed, StepDecision.Blocked {

  PromotionTarget target();

  <R> R fold(Function<Passed, R> onPassed, Function<Blocked, R> onBlocked);

  default boolean passed() {
    return fold(p -> true, b -> false);
  }

  record Passed(PromotionTarget target) implements StepDecision {
    public Passed {
      Objects.requireNonNull(target, "target");
    }

    @Override
    public <R> R fold(Function<Passed, R> onPassed, Function<Blocked, R> onBlocked) {
      return onPassed.apply(this);
    }
  }

  record Blocked(PromotionTarget target, Seq<StepFailure> failures) implements StepDecision {
    public Blocked {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(failures, "failures");
      if (failures.isEmpty()) {
        throw new IllegalArgumentException("A blocked decision needs at least one failure.");
      }
    }

    @Override
    public <R> R fold(Function<Passed, R> onPassed, Function<Blocked, R> onBlocked) {
      return onBlocked.apply(this);
    }
  }
}
