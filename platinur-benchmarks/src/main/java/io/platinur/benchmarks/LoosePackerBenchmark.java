package io.platinur.benchmarks;

import io.platinur.port.StagingRepository.RecordedBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * Reading a lane after many applies, with the objects those applies wrote left loose, packed by
 * the adapter's background packer ({@code LoosePacker}, started by a write once loose objects pass
 * {@code gc.auto}), or packed by {@code git repack -a -d}. The read is {@code readBatch}: the
 * staged proposal commits walked back from the staging head and each one's files read from its
 * trees, so every call reads every object the applies wrote on the branch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class LoosePackerBenchmark {
  /** Where the applies' objects are: {@code loose}, {@code packer} (the background packer's pack) or {@code repacked}. */
  @Param({"loose", "packer", "repacked"})
  public String objects;

  /** How many proposals (ten new files each) were applied before reading, besides the last one. */
  @Param({"300"})
  public int applies;

  private BenchLane lane;
  /** Loose objects before and after packing, for the record. */
  private long looseBefore;
  private long looseAfter;

  @Setup(Level.Trial)
  public void build() throws InterruptedException {
    lane = BenchLane.generate(1000);
    BenchLane.run("git", "--git-dir=" + lane.repo, "config", "gc.auto", "0");
    lane.stage(applies);
    if (objects.equals("packer")) {
      // the lowest threshold: the next write finds loose objects past it and starts the packer
      BenchLane.run("git", "--git-dir=" + lane.repo, "config", "gc.auto", "1");
    }
    BenchLane.ok(lane.service.apply(lane.tenFiles("last", 1), BenchLane.AUTHOR));
    looseBefore = looseObjects();
    switch (objects) {
      case "loose" -> { }
      case "repacked" -> BenchLane.pack(lane.repo);
      case "packer" -> awaitPacked();
      default -> throw new IllegalArgumentException("objects=" + objects);
    }
    looseAfter = looseObjects();
    System.out.println("loose objects: " + looseBefore + " after the applies, " + looseAfter + " when read (" + objects + ")");
  }

  @TearDown(Level.Trial)
  public void remove() {
    lane.close();
  }

  @Benchmark
  public RecordedBatch readBatch(CpuTime cpu) {
    long started = cpu.start();
    return cpu.stop(started, BenchLane.ok(lane.staging.readBatch()));
  }

  /** Waits (up to three minutes) until the background packer has packed what the branch references. */
  private void awaitPacked() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (looseObjects() > looseBefore / 10) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The background packer left " + looseObjects() + " loose objects after 3 minutes.");
      }
      Thread.sleep(200);
    }
  }

  private long looseObjects() {
    try {
      Process process = new ProcessBuilder("git", "--git-dir=" + lane.repo, "count-objects", "-v").redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      return out.lines().filter(line -> line.startsWith("count: ")).mapToLong(line -> Long.parseLong(line.substring(7).strip()))
          .findFirst().orElseThrow(() -> new IllegalStateException("git count-objects: " + out));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
