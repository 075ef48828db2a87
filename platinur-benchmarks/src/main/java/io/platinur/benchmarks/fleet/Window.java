package io.platinur.benchmarks.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Counts in a sliding window of time: how many (weighted) things happened in the last {@code
 * length}, the most there ever were, and when that peak was first reached.
 */
final class Window {
  private record Entry(Instant at, int weight) {}

  private final Duration length;
  private final Deque<Entry> entries = new ArrayDeque<>();
  private long sum;
  private long peak;
  private Instant peakAt;
  private long total;

  Window(Duration length) {
    this.length = length;
  }

  /** What the window holds at {@code now}. */
  long at(Instant now) {
    Instant start = now.minus(length);
    while (!entries.isEmpty() && !entries.peekFirst().at().isAfter(start)) {
      sum -= entries.pollFirst().weight();
    }
    return sum;
  }

  /** When the window will have room for {@code weight} more under {@code limit}: now, or when enough entries age out. */
  Instant roomAt(Instant now, int weight, long limit) {
    long held = at(now);
    if (held + weight <= limit) {
      return now;
    }
    long toFree = held + weight - limit;
    for (Entry entry : entries) {
      toFree -= entry.weight();
      if (toFree <= 0) {
        return entry.at().plus(length).plusMillis(1);
      }
    }
    return now.plus(length);
  }

  void add(Instant now, int weight) {
    at(now);
    entries.addLast(new Entry(now, weight));
    sum += weight;
    total += weight;
    if (sum > peak) {
      peak = sum;
      peakAt = now;
    }
  }

  long peak() {
    return peak;
  }

  Instant peakAt() {
    return peakAt;
  }

  long total() {
    return total;
  }
}
