package io.platinur.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.Actor;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitStaging;
import io.platinur.port.TimeSource;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The syncs run after the request that asked for them, coalesced, on an executor the test drives. */
class PlatinurSyncsTest {
  static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");

  @TempDir
  Path dir;
  GitStaging git;
  StagingLaneService lane;
  final Deque<Runnable> queued = new ArrayDeque<>();
  final AtomicInteger clockReads = new AtomicInteger();
  final TimeSource time = () -> T0.plusSeconds(clockReads.incrementAndGet());

  @BeforeEach
  void lane() {
    GitLaneConfig config = GitLaneConfig.of(BranchName.of("main"), BranchName.of("staging"));
    git = GitStaging.init(dir.resolve("lane.git"), config, new CommitAuthor("Ana", "ana@example.com", T0)).get();
    lane = Wiring.lane(LaneConfiguration.builder().stagingBranch(BranchName.of("staging")).productionBranch(BranchName.of("main"))
        .addStagingSchemas("staging").addProductionSchemas("production").build(), git, git.offlineHost().pullRequests(), time);
  }

  boolean closed;

  @AfterEach
  void close() {
    if (!closed) {
      git.close();
    }
  }

  PlatinurSyncs syncs(java.util.concurrent.Executor executor) {
    return new PlatinurSyncs(executor, Actor.of("Platinur"), time, Option.of(lane), Option.none(), Option.none(), () -> {});
  }

  @Test
  void a_request_returns_before_the_sync_runs_and_a_burst_costs_one_sync() {
    PlatinurSyncs syncs = syncs(queued::add);

    assertThat(syncs.request(EnumSet.allOf(PlatinurSyncs.Kind.class))).containsExactly(PlatinurSyncs.Kind.LANE);
    assertThat(syncs.requestAll()).containsExactly(PlatinurSyncs.Kind.LANE);
    assertThat(syncs.request(EnumSet.of(PlatinurSyncs.Kind.LANE))).containsExactly(PlatinurSyncs.Kind.LANE);

    assertThat(syncs.last(PlatinurSyncs.Kind.LANE)).isEmpty();
    assertThat(queued).hasSize(1);
    queued.poll().run();
    assertThat(queued).isEmpty();
    assertThat(syncs.last(PlatinurSyncs.Kind.LANE).get().failure()).isEmpty();
  }

  @Test
  void kinds_this_host_does_not_run_are_left_out_and_start_nothing() {
    PlatinurSyncs syncs = syncs(queued::add);

    assertThat(syncs.request(EnumSet.of(PlatinurSyncs.Kind.DIGESTS, PlatinurSyncs.Kind.PREVIEWS))).isEmpty();
    assertThat(queued).isEmpty();
    assertThat(syncs.available()).containsExactly(PlatinurSyncs.Kind.LANE);
  }

  @Test
  void a_request_while_a_sync_runs_is_run_after_it_by_the_same_drain() {
    java.util.concurrent.atomic.AtomicReference<PlatinurSyncs> holder = new java.util.concurrent.atomic.AtomicReference<>();
    AtomicInteger runs = new AtomicInteger();
    // the syncs read their clock once after each run: the first time, a webhook asks again meanwhile
    PlatinurSyncs syncs = new PlatinurSyncs(queued::add, Actor.of("Platinur"), () -> {
      if (runs.incrementAndGet() == 1) {
        holder.get().requestAll();
      }
      return T0;
    }, Option.of(lane), Option.none(), Option.none(), () -> {});
    holder.set(syncs);

    syncs.requestAll();
    queued.poll().run();

    assertThat(runs).hasValue(2);
    assertThat(queued).as("no second task: the running drain took the request").isEmpty();
    syncs.requestAll();
    assertThat(queued).as("the drain ended, so a new request starts one").hasSize(1);
  }

  @Test
  void an_executor_that_refuses_leaves_the_request_for_the_next() {
    AtomicBoolean refuse = new AtomicBoolean(true);
    PlatinurSyncs syncs = syncs(task -> {
      if (refuse.get()) {
        throw new RejectedExecutionException("shutting down");
      }
      queued.add(task);
    });

    assertThat(syncs.requestAll()).containsExactly(PlatinurSyncs.Kind.LANE);
    assertThat(queued).isEmpty();
    refuse.set(false);
    syncs.requestAll();
    assertThat(queued).hasSize(1);
    queued.poll().run();
    assertThat(syncs.last(PlatinurSyncs.Kind.LANE)).isNotEmpty();
  }

  @Test
  void a_failing_sync_is_recorded_with_its_message_and_does_not_stop_the_next() {
    git.close();
    closed = true;
    java.nio.file.Path lost = dir.resolve("lane.git");
    deleteRecursively(lost);
    PlatinurSyncs syncs = syncs(queued::add);
    syncs.requestAll();
    queued.poll().run();
    assertThat(syncs.last(PlatinurSyncs.Kind.LANE).get().failure()).isNotEmpty();
    syncs.requestAll();
    assertThat(queued).hasSize(1);
  }

  static void deleteRecursively(Path path) {
    try (var walk = java.nio.file.Files.walk(path)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
