package io.platinur.examples.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link PipelineHealthMonitor.Schedule} on virtual time: nothing runs until the test moves the
 * clock with {@link #advance}, and then every check that falls due runs, in time order, on the
 * test's thread. The time each check ran at is kept.
 */
final class VirtualSchedule implements PipelineHealthMonitor.Schedule {
  private final Instant start;
  private Instant now;
  private final List<Repeating> repeating = new ArrayList<>();
  private final List<Duration> ran = new ArrayList<>();

  VirtualSchedule(Instant start) {
    this.start = start;
    this.now = start;
  }

  private final class Repeating {
    final Duration interval;
    final Runnable check;
    Instant due;
    boolean cancelled;

    Repeating(Duration interval, Runnable check) {
      this.interval = interval;
      this.check = check;
      this.due = now;
    }
  }

  @Override
  public PipelineHealthMonitor.Cancellable repeat(Duration interval, Runnable check) {
    Repeating task = new Repeating(interval, check);
    repeating.add(task);
    return () -> task.cancelled = true;
  }

  /** The time since the start. */
  Duration elapsed() {
    return Duration.between(start, now);
  }

  /** Moves the clock on by {@code by}, running every check that falls due on the way, each at its own time. */
  void advance(Duration by) {
    Instant until = now.plus(by);
    while (true) {
      Repeating next = repeating.stream().filter(task -> !task.cancelled && !task.due.isAfter(until))
          .min(Comparator.comparing(task -> task.due)).orElse(null);
      if (next == null) {
        break;
      }
      now = next.due;
      next.due = next.due.plus(next.interval);
      ran.add(elapsed());
      next.check.run();
    }
    now = until;
  }

  /** When the checks ran, as time since the start. */
  List<Duration> ran() {
    return List.copyOf(ran);
  }
}
