package io.platinur.git;

import io.platinur.port.PortFailure;
import io.platinur.port.RetryBackoff;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * The compare-and-swap loop of the offline pull-request host: read, decide, move refs; a lost race
 * is tried again, at most {@code maxAttempts} times in all, waiting between two attempts as the
 * {@link RetryBackoff} says (the lane's and the digest promotions' port, {@code GitStaging.retryBackoff()}).
 */
final class Retries {
  /** One attempt: the answer, or none when it lost a race and should be tried again. */
  @FunctionalInterface
  interface Attempt<T> {
    Option<Either<PortFailure, T>> run() throws IOException;
  }

  private final RetryBackoff backoff;
  private final int maxAttempts;

  Retries(RetryBackoff backoff, int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("At least one attempt, got " + maxAttempts + ".");
    }
    this.backoff = backoff;
    this.maxAttempts = maxAttempts;
  }

  int maxAttempts() {
    return maxAttempts;
  }

  /** Runs {@code attempt} until it answers; {@code exhausted} once every attempt lost its race. */
  <T> Either<PortFailure, T> run(Attempt<T> attempt, Supplier<Either<PortFailure, T>> exhausted) throws IOException {
    for (int n = 1; n <= maxAttempts; n++) {
      if (n > 1) {
        backoff.beforeRetry(n - 1);
      }
      Option<Either<PortFailure, T>> answer = attempt.run();
      if (answer.isDefined()) {
        return answer.get();
      }
    }
    return exhausted.get();
  }

  static <T> Option<Either<PortFailure, T>> answer(Either<PortFailure, T> answer) {
    return Option.some(answer);
  }

  static <T> Option<Either<PortFailure, T>> again() {
    return Option.none();
  }
}
