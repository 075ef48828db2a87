package io.platinur.application.digest;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Refusal;
import io.platinur.port.PortFailure;
import io.vavr.control.Either;

/** A port's answer as a use case's: its failure becomes {@link UseCaseFailure.Unavailable}. */
final class PortCalls {
  private PortCalls() {}

  static <R extends Refusal, T> Either<UseCaseFailure<R>, T> unavailable(Either<PortFailure, T> call) {
    return call.mapLeft(UseCaseFailure::unavailable);
  }
}
