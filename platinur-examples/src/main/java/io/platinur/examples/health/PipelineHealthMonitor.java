package io.platinur.examples.health;

import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.health.PipelineHealthService;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.InvalidValueException;
import io.platinur.domain.health.AlertCause;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the pipeline-health check at the staging head on a fixed schedule, so a failed staging
 * deploy or red CI raises its (deduplicated) alert within 30 minutes, as ADR-005 asks. The
 * interval is refused above 30 minutes; 15 minutes is a sensible default. Webhooks for deploys and
 * CI may call {@link #checkNow()} in between.
 *
 * <pre>{@code
 * try (PipelineHealthMonitor monitor = PipelineHealthMonitor.start(lane, health, Duration.ofMinutes(15), log::warn)) {
 *   ... // the host runs
 * }
 * }</pre>
 *
 * <p>The checks run on a thread of the monitor's own ({@link Schedule#ownThread()}); a host with a
 * scheduler of its own (or a test on virtual time) passes a {@link Schedule}.
 */
public final class PipelineHealthMonitor implements AutoCloseable {
  /** ADR-005: an alert fires within 30 minutes of a failed deploy or red CI. */
  public static final Duration LONGEST_INTERVAL = Duration.ofMinutes(30);

  /** When the checks run: once now, then every interval, until cancelled. */
  @FunctionalInterface
  public interface Schedule {
    /** Runs {@code check} now and then every {@code interval} until the answer is cancelled. */
    Cancellable repeat(Duration interval, Runnable check);

    /** A daemon thread of the monitor's own, with a fixed rate; cancelling shuts it down. */
    static Schedule ownThread() {
      return (interval, check) -> {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
          Thread thread = new Thread(task, "platinur-pipeline-health");
          thread.setDaemon(true);
          return thread;
        });
        scheduler.scheduleAtFixedRate(check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return scheduler::shutdownNow;
      };
    }
  }

  /** Stops what a {@link Schedule} runs. */
  @FunctionalInterface
  public interface Cancellable {
    void cancel();
  }

  private final StagingLaneService lane;
  private final PipelineHealthService health;
  private final Consumer<UseCaseFailure<NoRefusal>> onFailure;
  private volatile Cancellable schedule = () -> { };

  private PipelineHealthMonitor(StagingLaneService lane, PipelineHealthService health, Consumer<UseCaseFailure<NoRefusal>> onFailure) {
    this.lane = Objects.requireNonNull(lane, "lane");
    this.health = Objects.requireNonNull(health, "health");
    this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
  }

  /**
   * Checks now and then every {@code interval} (at most 30 minutes) until closed, on a thread of its
   * own; a check that cannot reach Git or the forge is handed to {@code onFailure} and the next one
   * runs as planned.
   */
  public static PipelineHealthMonitor start(
      StagingLaneService lane, PipelineHealthService health, Duration interval, Consumer<UseCaseFailure<NoRefusal>> onFailure) {
    return start(lane, health, interval, onFailure, Schedule.ownThread());
  }

  /** As {@link #start(StagingLaneService, PipelineHealthService, Duration, Consumer)}, the checks run by {@code schedule}. */
  public static PipelineHealthMonitor start(StagingLaneService lane, PipelineHealthService health, Duration interval,
      Consumer<UseCaseFailure<NoRefusal>> onFailure, Schedule schedule) {
    if (interval == null || interval.isZero() || interval.isNegative() || interval.compareTo(LONGEST_INTERVAL) > 0) {
      throw new InvalidValueException(
          "The pipeline-health interval must be more than zero and at most 30 minutes, so alerts are never later than ADR-005 allows.");
    }
    PipelineHealthMonitor monitor = new PipelineHealthMonitor(lane, health, onFailure);
    monitor.schedule = Objects.requireNonNull(schedule, "schedule").repeat(interval, monitor::checkQuietly);
    return monitor;
  }

  /** One check at the current staging head: the causes raised (new or still open). */
  public Either<UseCaseFailure<NoRefusal>, Seq<AlertCause>> checkNow() {
    return lane.lane().flatMap(current -> health.check(current.stagingHead()));
  }

  private void checkQuietly() {
    try {
      checkNow().peekLeft(onFailure);
    } catch (RuntimeException e) {
      // a broken port must not end the schedule; the next check runs as planned
      onFailure.accept(UseCaseFailure.unavailable(io.platinur.port.PortFailure.of(
          io.platinur.port.PortFailure.Kind.UNAVAILABLE, "The pipeline-health check failed: " + e.getClass().getSimpleName() + ".")));
    }
  }

  @Override
  public void close() {
    schedule.cancel();
  }
}
