package io.platinur.github;

import io.platinur.domain.InvalidValueException;
import java.time.Duration;
import java.util.Objects;

/**
 * How hard one GitHub call may try before it gives up with a typed failure.
 *
 * <p>The budget applies to each HTTP request. A port operation makes one to a few of them (merging
 * reads the pull request, merges, and reads it again), so its worst case is that many budgets.
 *
 * <p>A call is attempted at most {@code maxAttempts} times, and the pauses between attempts add
 * up to at most {@code maxTotalWait}. A pause GitHub asks for (a {@code Retry-After} header, or the
 * rate-limit reset time) is honoured when it fits in what is left of the budget; when it does not,
 * the call fails at once with {@link io.platinur.port.PortFailure.Kind#RATE_LIMITED} and the wait
 * GitHub asked for, instead of sleeping. Pauses GitHub does not dictate (after a 5xx or a lost
 * connection) start at {@code initialBackoff} and double.
 *
 * @param maxAttempts at least 1; 1 means never retry
 * @param maxTotalWait the most time spent sleeping between attempts of one call
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
