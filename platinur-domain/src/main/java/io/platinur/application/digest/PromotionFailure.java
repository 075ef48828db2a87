package io.platinur.application.digest;

import io.platinur.domain.digest.PinFileProblem;
import io.platinur.domain.digest.PromotionRejection;
import io.platinur.port.PortFailure;
import java.util.Objects;
import java.util.function.Function;

/**
 * Why a digest-promotion use case did not complete: a rule {@link Rejected rejected} it, a values
 * file could not be read ({@link BadPinFile}), or Git or the forge {@link Unavailable failed}.
 * Nothing observable was changed, except what a sync settles (a branch written, a PR opened).
 */
public sealed interface PromotionFailure permits PromotionFailure.Rejected, PromotionFailure.BadPinFile, PromotionFailure.Unavailable {

  /** The message to show. */
  String message();

  <R> R fold(Function<Rejected, R> onRejected, Function<BadPinFile, R> onBadPinFile, Function<Unavailable, R> onUnavailable);

  record Rejected(PromotionRejection rejection) implements PromotionFailure {
    public Rejected {
      Objects.requireNonNull(rejection, "rejection");
    }

    @Override
    public String message() {
      return rejection.message();
    }

    @Override
    public <R> R fold(Function<Rejected, R> onRejected, Function<BadPinFile, R> onBadPinFile, Function<Unavailable, R> onUnavailable) {
      return onRejected.apply(this);
    }
  }

  record BadPinFile(PinFileProblem problem) implements PromotionFailure {
    public BadPinFile {
      Objects.requireNonNull(problem, "problem");
    }

    @Override
    public String message() {
      return problem.message();
    }

    @Override
    public <R> R fold(Function<Rejected, R> onRejected, Function<BadPinFile, R> onBadPinFile, Function<Unavailable, R> onUnavailable) {
      return onBadPinFile.apply(this);
    }
  }

  record Unavailable(PortFailure failure) implements PromotionFailure {
    public Unavailable {
      Objects.requireNonNull(failure, "failure");
    }

    @Override
    public String message() {
      return failure.message();
    }

    @Override
    public <R> R fold(Function<Rejected, R> onRejected, Function<BadPinFile, R> onBadPinFile, Function<Unavailable, R> onUnavailable) {
      return onUnavailable.apply(this);
    }
  }
}
