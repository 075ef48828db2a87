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
 * and {@code moveStaging}), on packed repositories of 1,000 and 100,000 files.
 *
 * <p>Both start every call from the same state: the repository is built once per run and copied
 * for each trial, and after each call (outside the measured time) the apply is unapplied and the
 * bare write's branch moved back, so every call writes the same proposal shape onto the same
 * staging head over the same refs. Background packing is off here ({@code gc.auto 0}): a packing
 * run, whose cost is the repository's size and not the caller's, would land in whichever trial
 * happened to cross the threshold; {@code LoosePackerBenchmark} measures reads after many writes.
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
  /** A second copy for the bare half of {@link #sideBySide}, so each lane keeps its own refs as its writes leave them. */
  private BenchLane bareLane;
  private long round;
  private Proposal applied;
  private CommitId start;
  private CommitId written;

  @Setup(Level.Trial)
  public void generate() {
    lane = BenchLane.fromTemplate("files-" + files, files, built -> {});
    bareLane = BenchLane.fromTemplate("files-" + files, files, built -> {});
    BenchLane.run("git", "--git-dir=" + lane.repo, "config", "gc.auto", "0");
    BenchLane.run("git", "--git-dir=" + bareLane.repo, "config", "gc.auto", "0");
    start = BenchLane.ok(lane.staging.heads()).staging();
  }

  @TearDown(Level.Trial)
  public void remove() {
    lane.close();
    bareLane.close();
  }

  /** The adapter alone: read the heads, write the proposal commit, move staging by compare-and-swap. */
  @Benchmark
  public CommitId bareCommitWrite(CpuTime cpu) {
    long n = ++round;
    Proposal proposal = lane.tenFiles("p-" + n, n);
    long started = cpu.start();
    CommitId head = BenchLane.ok(lane.staging.heads()).staging();
    CommitId commit = BenchLane.ok(lane.staging.writeProposalCommit(head, proposal, BenchLane.AUTHOR));
    written = cpu.stop(started, BenchLane.ok(lane.staging.moveStaging(head, commit)));
    return written;
  }

  /** The use case a host calls. */
  @Benchmark
  public StagedProposal serviceApply(CpuTime cpu) {
    long n = ++round;
    applied = lane.tenFiles("p-" + n, n);
    long started = cpu.start();
    return cpu.stop(started, BenchLane.ok(lane.service.apply(applied, BenchLane.AUTHOR)));
  }

  /**
   * Both side by side, in alternating order, each on its own copy of the repository and from the
   * same start (the apply unapplied and the bare write moved back in between): their CPU times
   * ({@link PairCpuTime}) are the figures, the wall-clock score of this method, which includes the
   * undoing, is not. One copy each, because the two leave their refs differently (the bare write a
   * loose branch ref, the use case's atomic update both refs packed), and the next write of the
   * other would pay for tidying up after it.
   */
  @Benchmark
  public CommitId sideBySide(PairCpuTime cpu) {
    long n = ++round;
    Proposal proposal = lane.tenFiles("p-" + n, n);
    CommitId last = null;
    for (int k = 0; k < 2; k++) {
      if ((n + k) % 2 == 0) {
        long started = PairCpuTime.now();
        CommitId head = BenchLane.ok(bareLane.staging.heads()).staging();
        CommitId commit = BenchLane.ok(bareLane.staging.writeProposalCommit(head, proposal, BenchLane.AUTHOR));
        BenchLane.ok(bareLane.staging.moveStaging(head, commit));
        cpu.bareCpuNanos += PairCpuTime.now() - started;
        BenchLane.ok(bareLane.staging.moveStaging(commit, start));
        last = commit;
      } else {
        long started = PairCpuTime.now();
        StagedProposal staged = BenchLane.ok(lane.service.apply(proposal, BenchLane.AUTHOR));
        cpu.serviceCpuNanos += PairCpuTime.now() - started;
        BenchLane.ok(lane.service.unapply(proposal.id(), BenchLane.AUTHOR));
        last = staged.commit();
      }
    }
    cpu.pairs++;
    return last;
  }

  @TearDown(Level.Invocation)
  public void unapply() {
    if (applied != null) {
      BenchLane.ok(lane.service.unapply(applied.id(), BenchLane.AUTHOR));
      applied = null;
    }
    if (written != null) {
      BenchLane.ok(lane.staging.moveStaging(written, start));
      written = null;
    }
  }
}
