package io.platinur.application.core;

import io.platinur.domain.InvalidValueException;
import io.platinur.port.RetryBackoff;
import java.util.Objects;

/**
 * How often a {@link Transaction} decides again after losing a compare-and-swap race, and how long
 * it waits before each retry: at most {@code maxAttempts} attempts in all, with {@link
 * RetryBackoff#beforeRetry} called once between a lost race and the next attempt.
 */
public record Retries(int maxAttempts, RetryBackoff backoff) {
  public Retries {
    if (maxAttempts < 1) {
      throw new InvalidValueException("At least one attempt is needed, got " + maxAttempts + ".");
    }
    Objects.requireNonNull(backoff, "backoff");
  }

  /** Up to {@code maxAttempts} attempts, retrying at once. */
  public static Retries upTo(int maxAttempts) {
    return new Retries(maxAttempts, RetryBackoff.none());
  }

  /** The same bound, waiting as {@code retryBackoff} says before each retry. */
  public Retries withBackoff(RetryBackoff retryBackoff) {
    return new Retries(maxAttempts, retryBackoff);
  }

  /** The same backoff, with at most {@code attempts} attempts. */
  public Retries withMaxAttempts(int attempts) {
    return new Retries(attempts, backoff);
  }
}
