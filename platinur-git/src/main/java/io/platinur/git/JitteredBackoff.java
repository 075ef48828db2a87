package io.platinur.git;

import io.platinur.domain.InvalidValueException;
import io.platinur.port.RetryBackoff;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with full jitter: before retry {@code n} wait a uniformly random time in
 * {@code [0, min(cap, base × 2^(n-1))]}. The growing bound thins out the writers that keep losing;
 * the randomness keeps writers that lost together from retrying together. The random source and
 * the sleep are injected, so tests see exactly which waits were asked for without sleeping.
 */
final class JitteredBackoff implements RetryBackoff {
  /** Sleeps for a duration; interruptible. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** Given a bound in nanoseconds, a uniformly random value in {@code [0, bound]}. */
  static final LongUnaryOperator UNIFORM = bound -> ThreadLocalRandom.current().nextLong(bound + 1);

  private static final Sleeper THREAD_SLEEP = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

  private final Duration base;
  private final Duration cap;
  private final LongUnaryOperator uniformUpTo;
  private final Sleeper sleeper;

  /**
   * @param uniformUpTo given a bound in nanoseconds, a value in {@code [0, bound]}
   */
  JitteredBackoff(Duration base, Duration cap, LongUnaryOperator uniformUpTo, Sleeper sleeper) {
    if (base.isNegative() || base.isZero()) {
      throw new InvalidValueException("The backoff's first wait must be positive, got " + base + ".");
    }
    if (cap.compareTo(base) < 0) {
      throw new InvalidValueException("The backoff's longest wait (" + cap + ") must not be shorter than its first (" + base + ").");
    }
    this.base = base;
    this.cap = cap;
    this.uniformUpTo = Objects.requireNonNull(uniformUpTo, "uniformUpTo");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** With real sleeps and a thread-local random source. */
  static JitteredBackoff of(Duration base, Duration cap) {
    return new JitteredBackoff(base, cap, UNIFORM, THREAD_SLEEP);
  }

  /** The longest wait before retry {@code retry}: {@code min(cap, base × 2^(retry-1))}. */
  Duration bound(int retry) {
    long capNanos = cap.toNanos();
    long nanos = base.toNanos();
    for (int i = 1; i < retry && nanos < capNanos; i++) {
      nanos = nanos > capNanos / 2 ? capNanos : nanos * 2;
    }
    return Duration.ofNanos(Math.min(nanos, capNanos));
  }

  @Override
  public void beforeRetry(int retry) {
    if (retry < 1 || Thread.currentThread().isInterrupted()) {
      return;
    }
    long wait = uniformUpTo.applyAsLong(bound(retry).toNanos());
    if (wait <= 0) {
      return;
    }
    try {
      sleeper.sleep(Duration.ofNanos(wait));
    } catch (InterruptedException e) {
      // the caller's next attempt runs at once and its bound still ends the loop; the flag stays set
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "exponential backoff with full jitter from " + base.toMillis() + " ms up to " + cap.toMillis() + " ms";
  }
}
