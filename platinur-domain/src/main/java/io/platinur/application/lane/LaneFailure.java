package io.platinur.application.lane;

import io.platinur.domain.lane.Rejection;
import io.platinur.port.PortFailure;
import java.util.Objects;
import java.util.function.Function;

/**
 * Why a use case did not complete: a rule {@link Rejected rejected} it (show the exact message to
 * the user), or Git or the forge {@link Unavailable failed} (an operator's matter; retry or sync).
 * Either way, nothing observable was changed.
 */
public sealed interface LaneFailure permits LaneFailure.Rejected, LaneFailure.Unavailable {

  /** The message to show. */
  String message();

  <R> R fold(Function<Rejected, R> onRejected, Function<Unavailable, R> onUnavailable);

  record Rejected(Rejection rejection) implements LaneFailure {
    public Rejected {
      Objects.requireNonNull(rejection, "rejection");
    }

    @Override
    public String message() {
      return rejection.message();
    }

    @Override
    public <R> R fold(Function<Rejected, R> onRejected, Function<Unavailable, R> onUnavailable) {
      return onRejected.apply(this);
    }
  }

  record Unavailable(PortFailure failure) implements LaneFailure {
    public Unavailable {
      Objects.requireNonNull(failure, "failure");
    }

    @Override
    public String message() {
      return failure.message();
    }

    @Override
    public <R> R fold(Function<Rejected, R> onRejected, Function<Unavailable, R> onUnavailable) {
      return onUnavailable.apply(this);
    }
  }
}
