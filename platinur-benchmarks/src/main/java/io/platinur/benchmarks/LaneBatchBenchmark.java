package io.platinur.benchmarks;

import io.platinur.domain.Actor;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.card.ProposalCard;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
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
 * Use cases against a lane whose batch holds none or 1,000 staged proposals (ten files each), on a
 * packed repository of 1,000 files: apply a 10-file proposal (unapplied again outside the measured
 * time), and the cards of 1,000 candidate proposals in one call (each candidate writes ten files;
 * with a batch, one of them is a staged proposal's file, so its card says it overlaps).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class LaneBatchBenchmark {
  /** How many proposals are staged. */
  @Param({"0", "1000"})
  public int staged;

  private BenchLane lane;
  private Seq<Proposal> candidates;
  private long round;
  private Proposal applied;

  @Setup(Level.Trial)
  public void build() {
    lane = staged == 0
        ? BenchLane.generate(1000)
        : BenchLane.fromTemplate("batch-" + staged, 1000, l -> l.stage(staged));
    if (staged == 0) {
      BenchLane.ok(lane.service.apply(lane.tenFiles("first", 0), BenchLane.AUTHOR));
      BenchLane.ok(lane.service.discardBatch(Actor.of("bench")));
    }
    Vector<Proposal> out = Vector.empty();
    for (int k = 0; k < 1000; k++) {
      Proposal.Builder candidate = Proposal.builder(ProposalId.of("candidate-" + k), "Candidate " + k);
      candidate.write(String.format("staged/s%04d/f00.sql", k), "select 'candidate';\n");
      for (int f = 1; f < 10; f++) {
        candidate.write(String.format("candidates/c%04d/f%02d.sql", k, f), "select 'candidate';\n");
      }
      out = out.append(candidate.build());
    }
    candidates = out;
  }

  @TearDown(Level.Trial)
  public void remove() {
    lane.close();
  }

  @Benchmark
  public StagedProposal apply(CpuTime cpu) {
    long n = ++round;
    applied = lane.tenFiles("p-" + n, n);
    long started = cpu.start();
    return cpu.stop(started, BenchLane.ok(lane.service.apply(applied, BenchLane.AUTHOR)));
  }

  @Benchmark
  public Seq<ProposalCard> cards(CpuTime cpu) {
    long started = cpu.start();
    return cpu.stop(started, BenchLane.ok(lane.service.cards(candidates)));
  }

  @TearDown(Level.Invocation)
  public void unapply() {
    if (applied != null) {
      BenchLane.ok(lane.service.unapply(applied.id(), BenchLane.AUTHOR));
      applied = null;
    }
  }
}
