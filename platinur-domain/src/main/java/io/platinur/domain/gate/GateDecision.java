package io.platinur.domain.gate;

import io.platinur.domain.repository.CommitId;
import io.vavr.collection.Seq;
import java.util.Objects;
import java.util.function.Function;

/** The promotion gate's answer for one exact commit: authorized, or blocked with every reason. */
public sealed interface GateDecision permits GateDecision.Authorized, GateDecision.Blocked {

  CommitId candidate();

  <R> R fold(Function<Authorized, R> onAuthorized, Function<Blocked, R> onBlocked);

  default boolean isAuthorized() {
    return fold(authorized -> true, blocked -> false);
  }

  /** Every condition holds at {@code candidate}: it may be promoted. */
  record Authorized(CommitId candidate) implements GateDecision {
    public Authorized {
      Objects.requireNonNull(candidate, "candidate");
    }

    @Override
    public <R> R fold(Function<Authorized, R> onAuthorized, Function<Blocked, R> onBlocked) {
      return onAuthorized.apply(this);
    }
  }

  /** At least one condition fails at {@code candidate}; {@code failures} lists every one. */
  record Blocked(CommitId candidate, Seq<GateFailure> failures) implements GateDecision {
    public Blocked {
      Objects.requireNonNull(candidate, "candidate");
      Objects.requireNonNull(failures, "failures");
      if (failures.isEmpty()) {
        throw new IllegalArgumentException("A blocked decision needs at least one failure.");
      }
    }

    @Override
    public <R> R fold(Function<Authorized, R> onAuthorized, Function<Blocked, R> onBlocked) {
      return onBlocked.apply(this);
    }
  }
}
