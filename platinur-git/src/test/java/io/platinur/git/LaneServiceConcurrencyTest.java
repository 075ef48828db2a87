package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.Actor;
import io.platinur.domain.batch.PromotionBatch;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.proposal.ProposalId;
import io.vavr.collection.List;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lane's use cases called at once by eight host instances — threads in one JVM, and separately
 * two JVMs — each with its own clone of one shared remote: apply, unapply, open the promotion PR,
 * merge it, sync. Afterwards every invariant holds: no two staged proposals share a path, every
 * reported apply is staged or deployed exactly once (unless reported unapplied), every rejected or
 * unapplied one is absent, and the lane state ref agrees with the staging branch.
 */
class LaneServiceConcurrencyTest {
  static final int WORKERS = 8;

  @TempDir Path dir;

  @Test
  void eight_threads_with_their_own_clones_keep_every_invariant() throws Exception {
    Path remote = initRemote();
    java.util.List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
    java.util.List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      int worker = w;
      running.add(pool.submit(() -> LaneServiceWorkers.run(GitRemote.of(remote.toUri().toString()), dir, worker, outcomes::add)));
    }
    for (Future<?> f : running) {
      f.get(240, TimeUnit.SECONDS);
    }
    pool.shutdown();
    verify(remote, List.ofAll(outcomes), WORKERS);
  }

  @Test
  void two_jvms_keep_every_invariant() throws Exception {
    Path remote = initRemote();
    verify(remote, runTwoJvms(WORKERS, remote.toString(), java.util.Map.of(), dir), WORKERS);
  }

  /**
   * Runs {@code workers} workers, split over two JVMs, against {@code remote} (a path or URL), with {@code environment}
   * added to theirs (how credentials reach them: never on a command line); returns every outcome.
   */
  static List<String> runTwoJvms(int workers, String remote, java.util.Map<String, String> environment, Path dir) throws Exception {
    java.util.List<Process> processes = new ArrayList<>();
    for (int jvm = 0; jvm < 2; jvm++) {
      java.util.List<String> command = new ArrayList<>(java.util.List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1",
          LaneServiceWorkers.class.getName(), remote, dir.resolve("jvm" + jvm).toString()));
      for (int w = jvm; w < workers; w += 2) {
        command.add(Integer.toString(w));
      }
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(environment);
      processes.add(builder.start());
    }
    java.util.List<String> outcomes = new ArrayList<>();
    for (Process process : processes) {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(240, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(output).isZero();
      output.lines().filter(l -> l.startsWith("ok ") || l.startsWith("rejected ") || l.startsWith("failed ")).forEach(outcomes::add);
    }
    return List.ofAll(outcomes);
  }

  private Path initRemote() {
    Fixtures.init(dir).close();
    return dir.resolve("lane.git");
  }

  /** Every invariant holds on the lane in {@code remote} (a bare repository) after the workers' {@code outcomes}. */
  static void verify(Path remote, List<String> outcomes, int workers) {
    assertThat(outcomes.filter(o -> o.startsWith("failed"))).as("no host gave up or failed").isEmpty();
    assertThat(outcomes.filter(o -> o.startsWith("ok apply") || o.startsWith("rejected apply")))
        .hasSize(workers * LaneServiceWorkers.STEPS);
    List<String> applied = ids(outcomes, "ok apply ");
    List<String> unapplied = ids(outcomes, "ok unapply ");
    List<String> rejected = ids(outcomes, "rejected apply ");
    assertThat(applied).isNotEmpty();
    assertThat(rejected).as("the shared files make some applies overlap").isNotEmpty();

    // finish the release a host may have left open, then read the lane as a new host would
    try (GitStaging git = GitStaging.open(remote, Fixtures.CONFIG).get()) {
      StagingLaneService lane = new StagingLaneService(LaneServiceWorkers.LANE, git.staging(), git.laneStateStore(),
          git.offlineHost().pullRequests(), () -> Instant.parse("2026-11-24T13:00:00Z"));
      StagingLane synced = lane.syncPromotions(Actor.of("checker")).get().lane();
      if (synced.lock() instanceof ReleaseLock.PromotionPrOpen) {
        synced = lane.mergePromotionPr(Actor.of("checker")).get().lane();
      }
      List<String> staged = synced.batch().proposals().map(p -> p.id().value()).toList();
      List<String> deployed = synced.deployed().map(ProposalId::value).toList();
      List<String> everywhere = staged.appendAll(deployed);
      assertThat(everywhere).as("nothing staged or deployed twice").doesNotHaveDuplicates();
      assertThat(everywhere).as("every reported apply not unapplied is there")
          .containsAll(applied.removeAll(unapplied));
      assertThat(everywhere).as("no rejected or unapplied proposal is there").doesNotContainAnyElementsOf(rejected.appendAll(unapplied));
      assertThat(PromotionBatch.of(synced.batch().proposals())).isEqualTo(synced.batch());
      assertThat(git.staging().readBatch().get().proposals()).isEqualTo(synced.batch().proposals());
      assertThat(synced.stagingHead()).isEqualTo(git.staging().heads().get().staging());
      assertThat(synced.batch().proposals().flatMap(StagedProposal::files).map(p -> p.folded())).doesNotHaveDuplicates();
    }
    new GitCli(remote).assertFsckClean();
  }

  private static List<String> ids(List<String> outcomes, String prefix) {
    return outcomes.filter(o -> o.startsWith(prefix)).map(o -> o.substring(prefix.length()).split(" ")[0]);
  }
}
