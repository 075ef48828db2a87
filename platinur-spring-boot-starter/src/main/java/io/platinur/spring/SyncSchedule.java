package io.platinur.spring;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * The safety net for lost webhooks (GitHub never redelivers on its own): every configured sync is
 * asked for on a fixed delay, from start-up until the context closes; the delivery metrics are
 * refreshed on the same tick.
 */
final class SyncSchedule implements SmartLifecycle {
  private final PlatinurSyncs syncs;
  private final TaskScheduler scheduler;
  private final Duration initialDelay;
  private final Duration interval;
  private final java.time.Clock clock;
  private final Runnable shutdown;
  private final java.util.List<ScheduledRefresh> refreshes;
  private volatile ScheduledFuture<?> scheduled;

  SyncSchedule(PlatinurSyncs syncs, TaskScheduler scheduler, Duration initialDelay, Duration interval, java.time.Clock clock,
      Runnable shutdown, java.util.List<ScheduledRefresh> refreshes) {
    this.syncs = Objects.requireNonNull(syncs, "syncs");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.initialDelay = Objects.requireNonNull(initialDelay, "initialDelay");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.shutdown = Objects.requireNonNull(shutdown, "shutdown");
    this.refreshes = java.util.List.copyOf(refreshes);
  }

  Duration interval() {
    return interval;
  }

  /** One tick: ask for every sync (they run on their own thread), then refresh what else is scheduled here. */
  void tick() {
    syncs.requestAll();
    refreshes.forEach(ScheduledRefresh::refresh);
  }

  @Override
  public void start() {
    scheduled = scheduler.scheduleWithFixedDelay(this::tick, Instant.now(clock).plus(initialDelay), interval);
  }

  @Override
  public void stop() {
    ScheduledFuture<?> running = scheduled;
    scheduled = null;
    if (running != null) {
      running.cancel(false);
    }
    shutdown.run();
  }

  @Override
  public boolean isRunning() {
    return scheduled != null;
  }
}
