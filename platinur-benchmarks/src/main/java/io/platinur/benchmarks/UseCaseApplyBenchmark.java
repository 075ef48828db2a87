package io.platinur.benchmarks;

import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.repository.CommitId;
import java.util.concurrent.TimeUnit;
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
 * A 10-file proposal applied end to end through {@code StagingLaneService.apply} (read the lane,
 * check, write the proposal commit, store the lane state and move staging in one atomic update)
 * against the Git adapter's bare commit write of the same proposal ({@code writeProposalCommit}
 * and {@code moveStaging}), on packed repositories of 1,000 and 100,000 files. After each apply
 * the proposal is unapplied (outside the measured time), so every apply meets an empty batch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class UseCaseApplyBenchmark {
  /** How many files the repository holds. */
  @Param({"1000", "100000"})
  public int files;

  private BenchLane lane;
  private long round;
  private Proposal applied;

  @Setup(Level.Trial)
  public void generate() {
    lane = BenchLane.generate(files);
  }

  @TearDown(Level.Trial)
  public void remove() {
    lane.close();
  }

  /** The adapter alone: read the heads, write the proposal commit, move staging by compare-and-swap. */
  @Benchmark
  public CommitId bareCommitWrite(CpuTime cpu) {
    long n = ++round;
    Proposal proposal = lane.tenFiles("p-" + n, n);
    long started = cpu.start();
    CommitId head = BenchLane.ok(lane.staging.heads()).staging();
    CommitId commit = BenchLane.ok(lane.staging.writeProposalCommit(head, proposal, BenchLane.AUTHOR));
    return cpu.stop(started, BenchLane.ok(lane.staging.moveStaging(head, commit)));
  }

  /** The use case a host calls. */
  @Benchmark
  public StagedProposal serviceApply(CpuTime cpu) {
    long n = ++round;
    applied = lane.tenFiles("p-" + n, n);
    long started = cpu.start();
    return cpu.stop(started, BenchLane.ok(lane.service.apply(applied, BenchLane.AUTHOR)));
  }

  @TearDown(Level.Invocation)
  public void unapply() {
    if (applied != null) {
      BenchLane.ok(lane.service.unapply(applied.id(), BenchLane.AUTHOR));
      applied = null;
    }
  }
}
