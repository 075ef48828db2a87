package io.platinur.benchmarks;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.git.GitStaging;
import io.vavr.control.Either;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Eight writers on one lane, each a host with its own {@code GitStaging} on the same bare
 * repository (1,000 files), apply 125 one-file proposals each, none overlapping: 1,000 applies in
 * one shot. Each writer's use case waits before a retry as {@code GitStaging.retryBackoff()} says
 * (exponential backoff with full jitter; {@code backoff=none} retries at once, as before the
 * backoff existed). Reported beside the time: how many applies failed with a lost race
 * ({@code CONFLICT}) reaching the caller, and the retries the use cases took (their
 * {@code retriesTaken()}, summed over the writers).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class ContentionBenchmark {
  static final int WRITERS = 8;

  /** Applies per writer (125: 1,000 in all). */
  @Param({"125"})
  public int appliesEach;

  /** {@code jittered}: {@code GitStaging.retryBackoff()}; {@code none}: retry at once. */
  @Param({"jittered"})
  public String backoff;

  /** What one shot did, reported as JMH secondary results. */
  @AuxCounters(AuxCounters.Type.EVENTS)
  @State(Scope.Thread)
  public static class Outcome {
    public long applied;
    public long conflicts;
    public long retries;
    public long otherFailures;
  }

  private BenchLane lane;
  private final List<GitStaging> hosts = new ArrayList<>();
  private final List<StagingLaneService> writers = new ArrayList<>();

  @Setup(Level.Iteration)
  public void open() {
    lane = BenchLane.generate(1000);
    for (int w = 0; w < WRITERS; w++) {
      GitStaging host = BenchLane.ok(GitStaging.open(lane.repo, BenchLane.gitConfig()));
      hosts.add(host);
      StagingLaneService writer = new StagingLaneService(BenchLane.CONFIG, host.staging(), host.laneStateStore(),
          host.offlineHost().pullRequests(), Clock.systemUTC()::instant);
      writers.add(switch (backoff) {
        case "jittered" -> writer.withBackoff(host.retryBackoff());
        case "none" -> writer;
        default -> throw new IllegalArgumentException("backoff is jittered or none, not " + backoff);
      });
    }
  }

  @TearDown(Level.Iteration)
  public void close() {
    hosts.forEach(GitStaging::close);
    hosts.clear();
    writers.clear();
    lane.close();
  }

  @Benchmark
  public void eightWritersThousandApplies(Outcome outcome) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try {
      List<Future<List<Either<? extends UseCaseFailure<?>, ?>>>> runs = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        runs.add(pool.submit(() -> {
          List<Either<? extends UseCaseFailure<?>, ?>> results = new ArrayList<>();
          for (int i = 0; i < appliesEach; i++) {
            Proposal proposal = Proposal.builder(ProposalId.of("w" + writer + "-" + i), "Writer " + writer + " proposal " + i)
                .write(String.format("contention/w%d/f%03d.sql", writer, i), "select " + writer + ", " + i + ";\n")
                .build();
            results.add(writers.get(writer).apply(proposal, BenchLane.AUTHOR));
          }
          return results;
        }));
      }
      for (Future<List<Either<? extends UseCaseFailure<?>, ?>>> run : runs) {
        for (Either<? extends UseCaseFailure<?>, ?> result : run.get()) {
          if (result.isRight()) {
            outcome.applied++;
          } else if (result.getLeft() instanceof UseCaseFailure.Unavailable u && u.failure().isConflict()) {
            outcome.conflicts++;
          } else {
            outcome.otherFailures++;
          }
        }
      }
      outcome.retries += writers.stream().mapToLong(StagingLaneService::retriesTaken).sum();
    } finally {
      pool.shutdown();
    }
  }
}
