package io.platinur.domain.metrics;

import io.platinur.domain.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The time the keys are computed over: from {@code from} (included) to {@code until} (excluded). */
public record MetricsWindow(Instant from, Instant until) {
  public MetricsWindow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    if (!from.isBefore(until)) {
      throw new InvalidValueException("A metrics window must start before it ends; got " + from + " to " + until + ".");
    }
  }

  /** The {@code length} up to {@code until}, such as the last 30 days. */
  public static MetricsWindow last(Duration length, Instant until) {
    return new MetricsWindow(until.minus(length), until);
  }

  public boolean contains(Instant at) {
    return !at.isBefore(from) && at.isBefore(until);
  }

  public Duration length() {
    return Duration.between(from, until);
  }

  /** The window's length in days, fractions included: what deployment frequency divides by. */
  public double days() {
    return length().toMillis() / 86_400_000.0;
  }

  /** {@code 2026-11-01T00:00:00Z to 2026-12-01T00:00:00Z}. */
  @Override
  public String toString() {
    return from + " to " + until;
  }
}
