package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.lane.RejectionReason;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.port.StagingRepository.RecordedBatch;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several writers apply disjoint and overlapping proposals to one lane at once, each through
 * load → check → write commit → save with compare-and-swap → retry on conflict. Whatever the
 * interleaving, the lane must come out as if they had taken turns.
 */
class GitConcurrencyTest {
  static final int WRITERS = 8;
  static final int PER_WRITER = 4;
  static final int SHARED_FILES = 3;

  @TempDir Path dir;

  /** Writer w's k-th proposal: its own file, and every odd one also one of a few shared files. */
  static List<String> plan(int writer) {
    return plan(writer, PER_WRITER);
  }

  static List<String> plan(int writer, int perWriter) {
    return List.range(0, perWriter).map(k -> {
      String own = "own/w" + writer + "/p" + k + ".sql";
      return "w" + writer + "-p" + k + "=" + (k % 2 == 1 ? own + ",shared/s" + ((writer + k) % SHARED_FILES) + ".sql" : own);
    });
  }

  static Proposal proposal(String spec) {
    String[] parts = spec.split("=", 2);
    return Fixtures.writing(parts[0], "Proposal " + parts[0], parts[1].split(","));
  }

  @Test
  void eight_threads_sharing_one_repository_end_with_a_lane_as_if_they_had_taken_turns() throws Exception {
    Fixtures.init(dir).close();
    Path repo = dir.resolve("lane.git");
    // each writer opens the repository itself, as a separate host instance would
    verify(repo, runWriters(WRITERS, PER_WRITER, writer -> GitStaging.open(repo, Fixtures.CONFIG).get()), WRITERS, PER_WRITER);
  }

  @Test
  void eight_threads_each_with_its_own_clone_of_one_remote_end_with_a_lane_as_if_they_had_taken_turns() throws Exception {
    Fixtures.init(dir).close();
    Path repo = dir.resolve("lane.git");
    verify(repo, runWriters(WRITERS, PER_WRITER, writer -> GitRemoteTest.host(dir, "writer" + writer)), WRITERS, PER_WRITER);
  }

  /** Runs {@code writers} writers at once, each on the lane {@code open} gives it; returns every outcome by id. */
  static Map<String, String> runWriters(int writers, int perWriter, java.util.function.IntFunction<GitStaging> open) throws Exception {
    ConcurrentHashMap<String, String> outcomes = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    java.util.List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      running.add(pool.submit(() -> {
        try (GitStaging git = open.apply(writer)) {
          start.await();
          for (String spec : plan(writer, perWriter)) {
            String id = spec.substring(0, spec.indexOf('='));
            outcomes.put(id, LaneWriterMain.describe(id, LaneWriter.apply(git, proposal(spec), "writer" + writer)));
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : running) {
      f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();
    return HashMap.ofAll(outcomes);
  }

  @Test
  void two_jvms_sharing_one_repository_end_with_a_lane_as_if_they_had_taken_turns() throws Exception {
    Fixtures.init(dir).close();
    Path repo = dir.resolve("lane.git");
    java.util.List<Process> processes = new ArrayList<>();
    for (int jvm = 0; jvm < 2; jvm++) {
      java.util.List<String> command = new ArrayList<>(java.util.List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          "-XX:TieredStopAtLevel=1", "-Xshare:auto",
          LaneWriterMain.class.getName(), repo.toString(), "jvm" + jvm));
      // JVM 0 takes writers 0..3, JVM 1 writers 4..7, interleaved so both contend from the start
      for (int k = 0; k < PER_WRITER; k++) {
        for (int w = jvm * WRITERS / 2; w < (jvm + 1) * WRITERS / 2; w++) {
          command.add(plan(w).get(k));
        }
      }
      processes.add(new ProcessBuilder(command).redirectErrorStream(true).start());
    }
    Map<String, String> outcomes = HashMap.empty();
    for (Process process : processes) {
      String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(output).isZero();
      for (String line : output.lines().toList()) {
        if (line.startsWith("applied ") || line.startsWith("rejected ") || line.startsWith("failed ")) {
          outcomes = outcomes.put(line.split(" ")[1], line);
        }
      }
    }

    verify(repo, outcomes, WRITERS, PER_WRITER);
  }

  /** The lane in {@code repo} is as if the writers had taken turns, and agrees with their {@code outcomes}. */
  static void verify(Path repo, Map<String, String> outcomes, int writers, int perWriter) {
    List<String> all = List.range(0, writers).flatMap(w -> plan(w, perWriter)).map(s -> s.substring(0, s.indexOf('=')));
    assertThat(outcomes.keySet()).containsExactlyInAnyOrderElementsOf(all);
    assertThat(outcomes.values().filter(o -> o.startsWith("failed"))).as("no writer gave up or failed").isEmpty();
    Map<String, String> applied = outcomes.filter(e -> e._2.startsWith("applied ")).mapValues(o -> o.split(" ")[2]);
    Seq<String> rejected = outcomes.filter(e -> e._2.startsWith("rejected ")).keySet().toList();
    assertThat(outcomes.values().filter(o -> o.startsWith("rejected")))
        .allSatisfy(o -> assertThat(o).endsWith(RejectionReason.FILE_OVERLAP.name()));

    try (GitStaging git = GitStaging.open(repo, Fixtures.CONFIG).get()) {
      RecordedBatch batch = git.staging().readBatch().get();
      Seq<String> stagedIds = batch.proposals().map(p -> p.id().value());
      // every reported apply is on staging exactly once, with the commit it reported; no rejected one is
      assertThat(stagedIds).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(applied.keySet());
      assertThat(stagedIds).doesNotContainAnyElementsOf(rejected);
      for (StagedProposal staged : batch.proposals()) {
        assertThat(staged.commit().hex()).isEqualTo(applied.get(staged.id().value()).get());
      }
      // no two staged proposals share a path
      Seq<String> paths = batch.proposals().flatMap(StagedProposal::files).map(RepoPath::folded);
      assertThat(paths).doesNotHaveDuplicates();
      // each shared file was won by exactly one proposal; every disjoint proposal got in
      for (int s = 0; s < SHARED_FILES; s++) {
        assertThat(paths).contains("shared/s" + s + ".sql");
      }
      assertThat(applied.keySet().filter(id -> id.endsWith("p0") || id.endsWith("p2"))).hasSize(writers * ((perWriter + 1) / 2));
      // the state ref agrees with the branch
      StagingLane lane = git.laneStateStore().load().get().get().lane();
      assertThat(lane.batch().proposals()).containsExactlyElementsOf(batch.proposals());
      assertThat(lane.stagingHead()).isEqualTo(git.staging().heads().get().staging());
      assertThat(git.laneStateStore().history().get()).hasSize(applied.size());
    }
    GitCli cli = new GitCli(repo);
    assertThat(cli.log("main..staging")).hasSize(applied.size());
    cli.assertFsckClean();
  }
}
