package io.platinur.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the scale benchmarks in one go (one fork each; two 2-second warm-up and three 2-second
 * measured iterations, and one shot for the contention run) and prints every target of the scale
 * work as a ratio measured in this one run, by wall clock and by the benchmark thread's CPU time.
 * Argument: an optional regular expression that a benchmark's name must also match to run. System
 * properties: {@code platinur.bench.released}, the long history (default 10,000 proposals);
 * {@code platinur.bench.staged}, the large batch (default 1,000); {@code platinur.bench.appliesEach},
 * each contending writer's applies (default 125, so 1,000 in all).
 */
public final class ScaleReport {
  private ScaleReport() {}

  public static void main(String[] args) throws RunnerException, IOException {
    String include = args.length > 0 ? args[0] : ".*";
    // the long history to compare with a fresh lane: 10,000 released proposals unless told otherwise
    String released = System.getProperty("platinur.bench.released", "10000");
    // the large batch to compare with an empty one, and each of the 8 contending writers' applies
    String staged = System.getProperty("platinur.bench.staged", "1000");
    String appliesEach = System.getProperty("platinur.bench.appliesEach", "125");
    Path cache = Files.createTempDirectory("platinur-bench-cache");
    Instant started = Instant.now();
    Collection<RunResult> results = new ArrayList<>();
    try {
      // the averaged set: two 2-second warm-up and three 2-second measured iterations each
      results.addAll(run(new OptionsBuilder()
          .include(both(include, "io\\.platinur\\.benchmarks\\.(UseCaseApply|LaneBatch|LaneHistory|LoosePacker)Benchmark\\..*"))
          .forks(1)
          .warmupIterations(2)
          .warmupTime(TimeValue.seconds(2))
          .measurementIterations(3)
          .measurementTime(TimeValue.seconds(2))
          .param("released", "0", released)
          .param("staged", "0", staged)
          .jvmArgsAppend("-D" + BenchLane.CACHE_PROPERTY + "=" + cache)
          .build()));
      // contention: one shot of 1,000 applies, as the class declares
      results.addAll(run(new OptionsBuilder()
          .include(both(include, "io\\.platinur\\.benchmarks\\.ContentionBenchmark\\..*"))
          .param("appliesEach", appliesEach)
          .build()));
    } finally {
      BenchLane.delete(cache);
    }
    Map<String, double[]> scores = new LinkedHashMap<>();
    Map<String, double[]> cpu = new LinkedHashMap<>();
    Map<String, Double> counters = new LinkedHashMap<>();
    Map<String, double[]> sideBySide = new LinkedHashMap<>();
    for (RunResult result : results) {
      result.getSecondaryResults().forEach((label, secondary) -> counters.put(label, secondary.getScore()));
      String name = result.getParams().getBenchmark().replace("io.platinur.benchmarks.", "");
      List<String> params = new ArrayList<>();
      for (String key : result.getParams().getParamsKeys()) {
        params.add(key + "=" + result.getParams().getParam(key));
      }
      String key = name + (params.isEmpty() ? "" : " " + String.join(",", params));
      scores.put(key, new double[] {result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()});
      var cpuNanos = result.getSecondaryResults().get("cpuNanos");
      var calls = result.getSecondaryResults().get("calls");
      if (cpuNanos != null && calls != null && calls.getScore() > 0) {
        cpu.put(key, new double[] {cpuNanos.getScore() / calls.getScore() / 1e6, 0});
      }
      var serviceCpu = result.getSecondaryResults().get("serviceCpuNanos");
      var bareCpu = result.getSecondaryResults().get("bareCpuNanos");
      if (serviceCpu != null && bareCpu != null && bareCpu.getScore() > 0) {
        sideBySide.put(key, new double[] {serviceCpu.getScore() / bareCpu.getScore(),
            serviceCpu.getScore() / result.getSecondaryResults().get("pairs").getScore() / 1e6,
            bareCpu.getScore() / result.getSecondaryResults().get("pairs").getScore() / 1e6});
      }
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "Scale report, %s (%d s), %d cores, %s %s%n",
        started.truncatedTo(ChronoUnit.SECONDS), Instant.now().getEpochSecond() - started.getEpochSecond(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"));
    System.out.println();
    System.out.println("| benchmark | ms/op | error (99.9 %) | CPU ms/op |");
    System.out.println("|---|---:|---:|---:|");
    scores.forEach((key, s) -> System.out.printf(Locale.ROOT, "| %s | %.3f | ± %.3f | %s |%n", key, s[0], s[1],
        cpu.containsKey(key) ? String.format(Locale.ROOT, "%.3f", cpu.get(key)[0]) : ""));
    System.out.println();
    System.out.println("| target | measured (wall) | ratio (wall) | ratio (CPU) | limit | met (CPU) |");
    System.out.println("|---|---|---:|---:|---:|---|");
    ratio(scores, cpu, "apply / bare commit write, 1,000 files",
        "UseCaseApplyBenchmark.serviceApply files=1000", "UseCaseApplyBenchmark.bareCommitWrite files=1000", 1.5);
    ratio(scores, cpu, "apply / bare commit write, 100,000 files",
        "UseCaseApplyBenchmark.serviceApply files=100000", "UseCaseApplyBenchmark.bareCommitWrite files=100000", 1.5);
    sideBySide.forEach((key, r) -> System.out.printf(Locale.ROOT,
        "| apply / bare commit write side by side (%s) | CPU %.3f against %.3f ms | | %.2f | 1.5 | %s |%n",
        key.replace("UseCaseApplyBenchmark.sideBySide ", ""), r[1], r[2], r[0], r[0] <= 1.5 ? "yes" : "NO"));
    ratio(scores, cpu, "apply after " + released + " released / fresh",
        "LaneHistoryBenchmark.apply released=" + released, "LaneHistoryBenchmark.apply released=0", 1.2);
    ratio(scores, cpu, "sync after " + released + " released / fresh",
        "LaneHistoryBenchmark.syncUnchanged released=" + released, "LaneHistoryBenchmark.syncUnchanged released=0", 1.2);
    ratio(scores, cpu, "cards (100) after " + released + " released / fresh",
        "LaneHistoryBenchmark.cards released=" + released, "LaneHistoryBenchmark.cards released=0", 1.2);
    ratio(scores, cpu, "apply with " + staged + " staged / none",
        "LaneBatchBenchmark.apply staged=" + staged, "LaneBatchBenchmark.apply staged=0", 1.5);
    ratio(scores, cpu, "sync of an unchanged lane / read two heads and the state, fresh",
        "LaneHistoryBenchmark.syncUnchanged released=0", "LaneHistoryBenchmark.readHeadsAndState released=0", 1.5);
    ratio(scores, cpu, "sync of an unchanged lane / read two heads and the state, " + released + " released",
        "LaneHistoryBenchmark.syncUnchanged released=" + released, "LaneHistoryBenchmark.readHeadsAndState released=" + released, 1.5);
    ratio(scores, cpu, "read a lane after 300 applies, background packer / repacked (ours)",
        "LoosePackerBenchmark.readBatch applies=300,objects=packer", "LoosePackerBenchmark.readBatch applies=300,objects=repacked", 1.2);
    if (counters.containsKey("conflicts")) {
      System.out.printf(Locale.ROOT, "| 8 writers × " + appliesEach + " non-overlapping applies (%.0f applied, %.0f other failures, %.0f retries) | %.0f CONFLICT reaching a caller | | | 0 | %s |%n",
          counters.get("applied"), counters.getOrDefault("otherFailures", 0.0), counters.get("retries"), counters.get("conflicts"),
          counters.get("conflicts") == 0 && counters.get("applied") == 8 * Integer.parseInt(appliesEach) ? "yes" : "NO");
    }
    double[] cards = scores.get("LaneBatchBenchmark.cards staged=" + staged);
    if (cards != null) {
      double[] cardsCpu = cpu.getOrDefault("LaneBatchBenchmark.cards staged=" + staged, new double[] {Double.NaN});
      System.out.printf(Locale.ROOT, "| cards for 1,000 proposals, %s staged | %.3f ms (CPU %.3f ms) | | | < 50 ms | %s |%n",
          staged, cards[0], cardsCpu[0], cardsCpu[0] < 50 ? "yes" : "NO");
    }
  }

  private static Collection<RunResult> run(org.openjdk.jmh.runner.options.Options options) throws RunnerException {
    try {
      return new Runner(options).run();
    } catch (org.openjdk.jmh.runner.NoBenchmarksException e) {
      return List.of();
    }
  }

  /** A pattern matching names that contain a match of {@code extra} and match {@code set}. */
  private static String both(String extra, String set) {
    return "^(?=.*(?:" + extra + "))" + set;
  }

  private static void ratio(
      Map<String, double[]> scores, Map<String, double[]> cpu, String target, String measured, String against, double limit) {
    double[] a = scores.get(measured);
    double[] b = scores.get(against);
    if (a == null || b == null) {
      return;
    }
    double wall = a[0] / b[0];
    double[] ca = cpu.get(measured);
    double[] cb = cpu.get(against);
    double cpuRatio = ca == null || cb == null ? Double.NaN : ca[0] / cb[0];
    System.out.printf(Locale.ROOT, "| %s | %.3f / %.3f ms | %.2f | %.2f | %.1f | %s |%n",
        target, a[0], b[0], wall, cpuRatio, limit, cpuRatio <= limit ? "yes" : "NO");
  }
}
