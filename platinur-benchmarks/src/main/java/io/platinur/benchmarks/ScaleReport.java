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
 * Runs the scale benchmarks in one go (one fork each, two 2-second warm-up and three 2-second
 * measured iterations) and prints every target of the scale work as a ratio measured in this one
 * run. Arguments: an optional regular expression limiting which benchmarks run.
 */
public final class ScaleReport {
  private ScaleReport() {}

  public static void main(String[] args) throws RunnerException, IOException {
    String include = args.length > 0 ? args[0] : "io\\.platinur\\.benchmarks\\.(UseCaseApply|LaneBatch|LaneHistory)Benchmark\\..*";
    Path cache = Files.createTempDirectory("platinur-bench-cache");
    Instant started = Instant.now();
    Collection<RunResult> results;
    try {
      results = new Runner(new OptionsBuilder()
          .include(include)
          .forks(1)
          .warmupIterations(2)
          .warmupTime(TimeValue.seconds(2))
          .measurementIterations(3)
          .measurementTime(TimeValue.seconds(2))
          .jvmArgsAppend("-D" + BenchLane.CACHE_PROPERTY + "=" + cache)
          .build()).run();
    } finally {
      BenchLane.delete(cache);
    }
    Map<String, double[]> scores = new LinkedHashMap<>();
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark().replace("io.platinur.benchmarks.", "");
      List<String> params = new ArrayList<>();
      for (String key : result.getParams().getParamsKeys()) {
        params.add(key + "=" + result.getParams().getParam(key));
      }
      String key = name + (params.isEmpty() ? "" : " " + String.join(",", params));
      scores.put(key, new double[] {result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()});
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "Scale report, %s (%d s), %d cores, %s %s%n",
        started.truncatedTo(ChronoUnit.SECONDS), Instant.now().getEpochSecond() - started.getEpochSecond(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"));
    System.out.println();
    System.out.println("| benchmark | ms/op | error (99.9 %) |");
    System.out.println("|---|---:|---:|");
    scores.forEach((key, s) -> System.out.printf(Locale.ROOT, "| %s | %.3f | ± %.3f |%n", key, s[0], s[1]));
    System.out.println();
    System.out.println("| target | measured | ratio | limit | met |");
    System.out.println("|---|---|---:|---:|---|");
    ratio(scores, "apply / bare commit write, 1,000 files",
        "UseCaseApplyBenchmark.serviceApply files=1000", "UseCaseApplyBenchmark.bareCommitWrite files=1000", 1.5);
    ratio(scores, "apply / bare commit write, 100,000 files",
        "UseCaseApplyBenchmark.serviceApply files=100000", "UseCaseApplyBenchmark.bareCommitWrite files=100000", 1.5);
    ratio(scores, "apply after 10,000 released / fresh",
        "LaneHistoryBenchmark.apply released=10000", "LaneHistoryBenchmark.apply released=0", 1.2);
    ratio(scores, "sync after 10,000 released / fresh",
        "LaneHistoryBenchmark.syncUnchanged released=10000", "LaneHistoryBenchmark.syncUnchanged released=0", 1.2);
    ratio(scores, "cards (100) after 10,000 released / fresh",
        "LaneHistoryBenchmark.cards released=10000", "LaneHistoryBenchmark.cards released=0", 1.2);
    ratio(scores, "apply with 1,000 staged / none",
        "LaneBatchBenchmark.apply staged=1000", "LaneBatchBenchmark.apply staged=0", 1.5);
    ratio(scores, "sync of an unchanged lane / read two heads and the state, fresh",
        "LaneHistoryBenchmark.syncUnchanged released=0", "LaneHistoryBenchmark.readHeadsAndState released=0", 1.5);
    ratio(scores, "sync of an unchanged lane / read two heads and the state, 10,000 released",
        "LaneHistoryBenchmark.syncUnchanged released=10000", "LaneHistoryBenchmark.readHeadsAndState released=10000", 1.5);
    double[] cards = scores.get("LaneBatchBenchmark.cards staged=1000");
    if (cards != null) {
      System.out.printf(Locale.ROOT, "| cards for 1,000 proposals, 1,000 staged | %.3f ms | | < 50 ms | %s |%n",
          cards[0], cards[0] < 50 ? "yes" : "NO");
    }
  }

  private static void ratio(Map<String, double[]> scores, String target, String measured, String against, double limit) {
    double[] a = scores.get(measured);
    double[] b = scores.get(against);
    if (a == null || b == null) {
      return;
    }
    double ratio = a[0] / b[0];
    System.out.printf(Locale.ROOT, "| %s | %.3f / %.3f ms | %.2f | %.1f | %s |%n",
        target, a[0], b[0], ratio, limit, ratio <= limit ? "yes" : "NO");
  }
}
