package io.platinur.benchmarks;

import io.platinur.application.lane.SyncResult;
import io.platinur.domain.Actor;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.card.ProposalCard;
import io.platinur.domain.proposal.Proposal;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Use cases on a fresh lane and on one after 10,000 released proposals (1,000 promotions of ten
 * one-file proposals, each through apply, the offline promotion PR, merge and Sync Promotions), on
 * a packed repository of 1,000 files: apply a 10-file proposal (unapplied again outside the
 * measured time), Sync Promotions of an unchanged lane, the cards of 100 proposals (on the long
 * lane, deployed ones), and — the floor a sync of an unchanged lane is held to — reading the two
 * branch heads and the stored lane state.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class LaneHistoryBenchmark {
  /** How many proposals were released before. */
  @Param({"0", "10000"})
  public int released;

  private BenchLane lane;
  private Seq<Proposal> listed;
  private long round;
  private Proposal applied;

  @Setup(Level.Trial)
  public void build() {
    // the fresh lane goes through the same template step (copied, packed, refs packed) as the long
    // history, so the two differ only in their history, not in how Git stores their objects and refs
    lane = BenchLane.fromTemplate("history-" + released, 1000, l -> l.release(released / 10));
    // a stored lane state in both cases
    BenchLane.ok(lane.service.apply(lane.tenFiles("first", 0), BenchLane.AUTHOR));
    BenchLane.ok(lane.service.discardBatch(Actor.of("bench")));
    Vector<Proposal> out = Vector.empty();
    int rounds = released == 0 ? 1000 : released / 10;
    for (int k = 0; k < 100; k++) {
      out = out.append(lane.released(k * 7 % rounds, k % 10));
    }
    listed = out;
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
  public SyncResult syncUnchanged(CpuTime cpu) {
    long started = cpu.start();
    return cpu.stop(started, BenchLane.ok(lane.service.syncPromotions(Actor.of("bench"))));
  }

  @Benchmark
  public Seq<ProposalCard> cards(CpuTime cpu) {
    long started = cpu.start();
    return cpu.stop(started, BenchLane.ok(lane.service.cards(listed)));
  }

  /** The floor for a sync of an unchanged lane: both branch heads and the stored lane state. */
  @Benchmark
  public Object readHeadsAndState(CpuTime cpu, Blackhole sink) {
    long started = cpu.start();
    sink.consume(BenchLane.ok(lane.staging.heads()));
    return cpu.stop(started, BenchLane.ok(lane.git.laneStateStore().load()));
  }

  @TearDown(Level.Invocation)
  public void unapply() {
    if (applied != null) {
      BenchLane.ok(lane.service.unapply(applied.id(), BenchLane.AUTHOR));
      applied = null;
    }
  }
}
