package io.platinur.benchmarks;

import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.metrics.DeliveryMetricsService;
import io.platinur.domain.Actor;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.digest.StepPolicy;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.metrics.DeliveryLedger;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.DeliveryHistory;
import io.platinur.port.PullRequestReviews;
import io.vavr.control.Either;
import java.time.Clock;
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
 * Delivery metrics from Git history on a repository that holds both a lane and promote by digest:
 * after N released proposals (N/10 promotions of ten one-file proposals, as in
 * {@link LaneHistoryBenchmark}) and N/10 digest promotions (10 services on dev → staging → prod,
 * each build promoted to staging then to prod, every tenth prod promotion rolled back).
 *
 * <ul>
 *   <li>{@code backFill}: a new {@link DeliveryMetricsService}'s first refresh: every history read
 *       from its first commit and folded into the ledger (what a host starting up does).
 *   <li>{@code oneNewEvent}: a refresh of a warm service after one new lane change (a proposal
 *       applied, outside the measured time): what a host's scheduled refresh costs.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class DeliveryMetricsBenchmark {
  static final EnvironmentName DEV = EnvironmentName.of("dev");
  static final EnvironmentName STAGING = EnvironmentName.of("staging");
  static final EnvironmentName PROD = EnvironmentName.of("prod");
  static final int SERVICES = 10;

  /** How many proposals were released before; a tenth as many digest promotions. */
  @Param({"10", "10000"})
  public int released;

  BenchLane lane;
  DeliveryHistory history;
  DeliveryMetricsService warm;

  @Setup(Level.Trial)
  public void build() {
    lane = BenchLane.fromTemplate("metrics-" + released, 1000, l -> {
      promoteDigests(l, released / 10);
      l.release(released / 10);
    });
    history = lane.git.deliveryHistory(BenchLane.MAIN, PinLayout.standard(), DEV);
    warm = new DeliveryMetricsService(history);
    DeliveryLedger ledger = BenchLane.ok(warm.refresh()).ledger();
    if (!ledger.problems().isEmpty() || ledger.folded() < released) {
      throw new IllegalStateException("The template's history reads badly: " + ledger + " " + ledger.problems());
    }
  }

  @TearDown(Level.Trial)
  public void remove() {
    lane.close();
  }

  @Benchmark
  public DeliveryLedger backFill(CpuTime cpu) {
    long started = cpu.start();
    return cpu.stop(started, BenchLane.ok(new DeliveryMetricsService(history).refresh()).ledger());
  }

  @Benchmark
  public DeliveryLedger oneNewEvent(NewEvent event, CpuTime cpu) {
    long started = cpu.start();
    DeliveryLedger after = BenchLane.ok(warm.refresh()).ledger();
    cpu.stop(started, after);
    if (after.folded() != event.expected) {
      throw new IllegalStateException("Expected one new event, folded " + after.folded() + " in all instead of " + event.expected);
    }
    return after;
  }

  /** Before each call of {@code oneNewEvent}: the last proposal unapplied and read, then a new one applied (one new lane change). */
  @State(Scope.Benchmark)
  public static class NewEvent {
    private Proposal applied;
    private long round;
    long expected;

    @Setup(Level.Invocation)
    public void applyOne(DeliveryMetricsBenchmark bench) {
      if (applied != null) {
        BenchLane.ok(bench.lane.service.unapply(applied.id(), BenchLane.AUTHOR));
        BenchLane.ok(bench.warm.refresh());
      }
      long n = ++round;
      applied = Proposal.builder(ProposalId.of("metrics-" + n), "Metrics " + n).write("metrics/m" + n + ".sql", "select " + n + ";\n").build();
      BenchLane.ok(bench.lane.service.apply(applied, BenchLane.AUTHOR));
      expected = bench.warm.ledger().folded() + 1;
    }
  }

  // ---- the digest half of the template ---------------------------------------------------------

  /** Lays out 10 services on dev, staging and prod on main, then {@code promotions} promotions of new builds. */
  static void promoteDigests(BenchLane lane, int promotions) {
    PinLayout layout = PinLayout.standard();
    Proposal.Builder environments = Proposal.builder(ProposalId.of("gitops"), "GitOps layout");
    for (int s = 0; s < SERVICES; s++) {
      for (EnvironmentName env : java.util.List.of(DEV, STAGING, PROD)) {
        environments.write(layout.pinPath(env, service(s)).value(), values(digest(s, 0)));
      }
    }
    commitOnMain(lane, environments.build());
    java.util.concurrent.atomic.AtomicReference<CanaryVerdict> verdict = new java.util.concurrent.atomic.AtomicReference<>(CanaryVerdict.PASSED);
    io.platinur.git.GitOpsRepository gitops = lane.git.gitOps(BenchLane.MAIN, layout);
    PromotionPath path = PromotionPath.start(DEV).then(STAGING, StepPolicy.automatic()).then(PROD, StepPolicy.automatic()).buildOrThrow();
    DigestPromotionService digests = DigestPromotionService.builder(gitops,
            io.platinur.port.ForgePorts.builder(gitops.offlineHost()).reviews(PullRequestReviews.none("platinur")).ci(commit -> Either.right(CiState.GREEN)).build(),
            (target, digest) -> Either.right(verdict.get()))
        .path(path).backoff(io.platinur.port.RetryBackoff.none()).build();
    for (int p = 0; p < promotions; p += 2) {
      int s = p / 2 % SERVICES;
      commitOnMain(lane, Proposal.builder(ProposalId.of("build-" + p), "Build").write(layout.pinPath(DEV, service(s)).value(),
          values(digest(s, p / 2 + 1))).build());
      BenchLane.ok(digests.promote(PromoteRequest.of(service(s), STAGING), Actor.of("bench")));
      BenchLane.ok(digests.sync(Actor.of("bench")));
      if (p + 1 < promotions) {
        BenchLane.ok(digests.promote(PromoteRequest.of(service(s), PROD), Actor.of("bench")));
        BenchLane.ok(digests.sync(Actor.of("bench")));
        if (p / 2 % 10 == 9) {
          BenchLane.ok(digests.rollback(new PromotionTarget(service(s), PROD), Actor.of("bench")));
          BenchLane.ok(digests.sync(Actor.of("bench")));
        }
      }
    }
  }

  private static void commitOnMain(BenchLane lane, Proposal change) {
    CommitId main = BenchLane.ok(lane.staging.heads()).production();
    CommitId next = BenchLane.ok(lane.staging.writeProposalCommit(main, change, BenchLane.AUTHOR));
    BenchLane.run("git", "--git-dir=" + lane.repo, "update-ref", BenchLane.MAIN.refName(), next.hex(), main.hex());
  }

  static ServiceName service(int s) {
    return ServiceName.of("svc-" + s);
  }

  static ImageDigest digest(int service, int build) {
    return ImageDigest.of("sha256:" + String.format("%08x%08x", service, build).repeat(4));
  }

  static String values(ImageDigest digest) {
    return "replicas: 1\nimage:\n  repository: registry.example/app\n  digest: " + digest + "\n";
  }
}
