package io.platinur.gitlab;

import io.platinur.domain.InvalidValueException;
import java.time.Duration;
import java.util.Objects;

/**
 * How hard one GitLab request may try before it gives up with a typed failure.
 *
 * <p>A request is attempted at most {@code maxAttempts} times, and the pauses between attempts add
 * up to at most {@code maxTotalWait}. A pause GitLab asks for ({@code Retry-After}, or the
 * {@code RateLimit-Reset} time of a 429) is honoured when it fits in what is left of the budget;
 * when it does not, the request fails at once with
 * {@link io.platinur.port.PortFailure.Kind#RATE_LIMITED} and the wait GitLab asked for, instead of
 * sleeping. Pauses GitLab does not dictate (after a 5xx or a lost connection on a read) start at
 * {@code initialBackoff} and double.
 *
 * @param maxAttempts at least 1; 1 means never retry
 * @param maxTotalWait the most time spent sleeping between attempts of one request
 * @param initialBackoff the first pause after a 5xx or a connection error
 */
public record RetryBudget(int maxAttempts, Duration maxTotalWait, Duration initialBackoff) {

  /** Three attempts, at most 30 seconds of waiting, starting at half a second. */
  public static final RetryBudget DEFAULT = new RetryBudget(3, Duration.ofSeconds(30), Duration.ofMillis(500));

  /** A single attempt: every rate limit, 5xx or connection error is reported at once. */
  public static final RetryBudget FAIL_FAST = new RetryBudget(1, Duration.ZERO, Duration.ZERO);

  public RetryBudget {
    Objects.requireNonNull(maxTotalWait, "maxTotalWait");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    if (maxAttempts < 1) {
      throw new InvalidValueException("A retry budget needs at least 1 attempt, got " + maxAttempts + ".");
    }
    if (maxTotalWait.isNegative() || initialBackoff.isNegative()) {
      throw new InvalidValueException("Retry waits must not be negative.");
    }
  }
}
