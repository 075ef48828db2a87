package io.platinur.domain.metrics;

import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.Objects;

/**
 * A set of durations (lead times, times to restore), sorted, with their median and 90th percentile
 * by nearest rank: the p-th percentile of n sorted samples is the ⌈p·n/100⌉-th.
 */
public record DurationSummary(Seq<Duration> samples) {
  public DurationSummary {
    Objects.requireNonNull(samples, "samples");
    samples = samples.sorted();
  }

  public int count() {
    return samples.size();
  }

  public Option<Duration> median() {
    return percentile(50);
  }

  public Option<Duration> p90() {
    return percentile(90);
  }

  /** The mean, to the millisecond; none without samples. */
  public Option<Duration> mean() {
    return samples.isEmpty() ? Option.none()
        : Option.some(Duration.ofMillis(Math.round(samples.map(Duration::toMillis).map(Long::doubleValue).sum().doubleValue() / samples.size())));
  }

  /** The p-th percentile (1 to 100) by nearest rank; none without samples. */
  public Option<Duration> percentile(int p) {
    if (p < 1 || p > 100) {
      throw new io.platinur.domain.InvalidValueException("A percentile is 1 to 100, got " + p + ".");
    }
    if (samples.isEmpty()) {
      return Option.none();
    }
    int rank = (int) Math.ceil(p * samples.size() / 100.0);
    return Option.some(samples.get(rank - 1));
  }
}
