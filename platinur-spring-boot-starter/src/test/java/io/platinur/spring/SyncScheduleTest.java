package io.platinur.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.Actor;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;

/** The schedule hands the scheduler its delay and interval and stops with the context; a scheduler the test drives. */
class SyncScheduleTest {
  static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");

  /** Records what it is asked to schedule; runs nothing by itself. */
  static final class RecordingScheduler extends SimpleAsyncTaskScheduler {
    Runnable task;
    Instant start;
    Duration delay;
    final AtomicInteger cancelled = new AtomicInteger();

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
      this.task = task;
      this.start = startTime;
      this.delay = delay;
      return new CancelCounting(cancelled);
    }
  }

  /** A future that only counts its cancellation. */
  static final class CancelCounting implements ScheduledFuture<Object> {
    final AtomicInteger cancelled;

    CancelCounting(AtomicInteger cancelled) {
      this.cancelled = cancelled;
    }

    @Override
    public long getDelay(java.util.concurrent.TimeUnit unit) {
      return 0;
    }

    @Override
    public int compareTo(java.util.concurrent.Delayed other) {
      return 0;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      cancelled.incrementAndGet();
      return true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled.get() > 0;
    }

    @Override
    public boolean isDone() {
      return isCancelled();
    }

    @Override
    public Object get() {
      return null;
    }

    @Override
    public Object get(long timeout, java.util.concurrent.TimeUnit unit) {
      return null;
    }
  }

  @org.junit.jupiter.api.io.TempDir
  java.nio.file.Path dir;

  @Test
  void starts_after_the_initial_delay_repeats_on_the_interval_asks_for_every_sync_and_stops() {
    Deque<Runnable> queued = new ArrayDeque<>();
    AtomicInteger shutdowns = new AtomicInteger();
    AtomicInteger refreshes = new AtomicInteger();
    io.platinur.domain.repository.BranchName main = io.platinur.domain.repository.BranchName.of("main");
    io.platinur.domain.repository.BranchName staging = io.platinur.domain.repository.BranchName.of("staging");
    io.platinur.git.GitStaging git = io.platinur.git.GitStaging.init(dir.resolve("lane.git"), io.platinur.git.GitLaneConfig.of(main, staging),
        new io.platinur.domain.repository.CommitAuthor("Ana", "ana@example.com", T0)).get();
    io.platinur.application.lane.StagingLaneService lane = Wiring.lane(io.platinur.domain.environment.LaneConfiguration.builder()
        .stagingBranch(staging).productionBranch(main).addStagingSchemas("s").addProductionSchemas("p").build(), git,
        git.offlineHost().pullRequests(), () -> T0);
    PlatinurSyncs syncs = new PlatinurSyncs(queued::add, Actor.of("Platinur"), () -> T0, Option.of(lane), Option.none(), Option.none(),
        () -> {});
    RecordingScheduler scheduler = new RecordingScheduler();
    SyncSchedule schedule = new SyncSchedule(syncs, scheduler, Duration.ofSeconds(10), Duration.ofMinutes(5),
        Clock.fixed(T0, ZoneOffset.UTC), shutdowns::incrementAndGet, java.util.List.of(refreshes::incrementAndGet));

    assertThat(schedule.isRunning()).isFalse();
    schedule.start();

    assertThat(schedule.isRunning()).isTrue();
    assertThat(scheduler.start).isEqualTo(T0.plusSeconds(10));
    assertThat(scheduler.delay).isEqualTo(Duration.ofMinutes(5));
    scheduler.task.run();
    assertThat(queued).as("one drain for every configured sync").hasSize(1);
    assertThat(refreshes).as("the metrics refreshed on the same tick").hasValue(1);
    queued.poll().run();
    assertThat(syncs.last(PlatinurSyncs.Kind.LANE)).isNotEmpty();
    git.close();

    schedule.stop();
    assertThat(schedule.isRunning()).isFalse();
    assertThat(scheduler.cancelled).hasValue(1);
    assertThat(shutdowns).hasValue(1);
  }
}
