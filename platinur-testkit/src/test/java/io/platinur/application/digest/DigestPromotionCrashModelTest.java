package io.platinur.application.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.platinur.domain.Actor;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotions;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.PromotionBranch;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.forge.ReviewState;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.BranchName;
import io.platinur.port.memory.InMemoryDigestPromotionStore;
import io.platinur.testkit.memory.InMemoryGitOps;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of promote, complete, sync, rollback and board calls, between which builds land
 * in dev, time passes, and the forge acts (merges and closes PRs, reports CI, approvals and canary
 * verdicts), while the host crashes at a random port call of a use case: before the call takes
 * effect, or after it did (the answer lost). After one final sync: at most one open Platinur PR per
 * target, every open one recorded, no PR recorded twice or for the wrong target, no merged PR lost,
 * and every pin what the recorded state says. Across the examples, a crash hits every kind of port
 * call, before and after.
 *
 * <p>People merge only the PRs that Platinur records (the ones its board shows); they may close any.
 * A PR merged by hand before any sync recorded it is outside what a sync can repair from open PRs.
 */
class DigestPromotionCrashModelTest {
  static final List<ServiceName> SERVICES = List.of(ServiceName.of("api"), ServiceName.of("web"));
  static final EnvironmentName DEV = EnvironmentName.of("dev");
  static final EnvironmentName STAGING = EnvironmentName.of("staging");
  static final EnvironmentName PROD = EnvironmentName.of("prod");
  static final List<EnvironmentName> TARGETS = List.of(STAGING, PROD);
  static final BranchName MAIN = BranchName.of("main");
  static final List<CanaryVerdict> VERDICTS = List.of(CanaryVerdict.values());
  static final List<CiState> CI = List.of(CiState.GREEN, CiState.GREEN, CiState.RED, CiState.PENDING);

  private final java.util.Set<String> crashedAt = ConcurrentHashMap.newKeySet();
  private final java.util.Set<String> seen = ConcurrentHashMap.newKeySet();

  final class Run {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
    final InMemoryGitOps gitops;
    final InMemoryDigestPromotionStore store = new InMemoryDigestPromotionStore();
    final CrashingPorts crashes = new CrashingPorts();
    final DigestPromotionService service;
    final StringBuilder log = new StringBuilder();
    int builds;

    Run() {
      Pins pins = Pins.none();
      for (ServiceName service : SERVICES) {
        for (EnvironmentName env : List.of(DEV, STAGING, PROD)) {
          pins = pins.with(env, service, digest(++builds));
        }
      }
      gitops = new InMemoryGitOps(MAIN, PinLayout.standard(), pins, now::get);
      for (EnvironmentName env : List.of(DEV, STAGING, PROD)) {
        pins.manifest(env).services().forEach((service, digest) ->
            gitops.deploy(env, service, digest, DeploymentState.SUCCESS, now.get().minus(Duration.ofDays(1))));
      }
      service = new DigestPromotionService(PromotionPath.standard(), PinLayout.standard(), MAIN, crashes.ports(gitops, store), now::get);
    }

    ImageDigest digest(int n) {
      return ImageDigest.of("sha256:" + String.format("%08x", n).repeat(8));
    }

    /** A use case, maybe crashed at its {@code crashAt}-th port call. */
    void call(String name, Option<Integer> crashAt, boolean after, Supplier<Object> useCase) {
      crashAt.forEach(n -> crashes.crashAtCall(n, after));
      try {
        Object result = useCase.get();
        log.append("\n").append(name).append(": ").append(result);
      } catch (CrashingPorts.Crash crash) {
        log.append("\n").append(name).append(": crashed");
      } finally {
        crashes.noCrash();
        noteRecorded();
      }
    }

    /** Every PR a stored state has referenced so far (one call saves at most once). */
    final java.util.Set<PullRequestNumber> everRecorded = new java.util.HashSet<>();

    void noteRecorded() {
      for (DigestPromotion promotion : recorded().latest().values()) {
        everRecorded.addAll(references(promotion, PromotionBranch.Kind.PROMOTION).appendAll(references(promotion, PromotionBranch.Kind.ROLLBACK)).asJava());
      }
    }

    DigestPromotions recorded() {
      return store.load().get().map(stored -> stored.on(PromotionPath.standard())).getOrElse(DigestPromotions.none(PromotionPath.standard()));
    }

    Seq<OpenPullRequest> open() {
      return gitops.listOpen().get();
    }

    Seq<PullRequestNumber> recordedOpen() {
      return recorded().latest().values().toList().flatMap(DigestPromotion::openPr);
    }

    void step(int command, int a, int b, int c) {
      ServiceName built = SERVICES.get(a % SERVICES.size());
      PromotionTarget target = new PromotionTarget(built, TARGETS.get(a / 2 % TARGETS.size()));
      Option<Integer> crash = b % 3 == 0 ? Option.none() : Option.some(c % 14);
      boolean after = b % 2 == 0;
      switch (command % 12) {
        case 0 -> {
          gitops.pinDirectly(DEV, built, digest(++builds));
          log.append("\nbuild ").append(built);
        }
        case 1, 2 -> call("promote " + target, crash, after,
            () -> service.promote(PromoteRequest.of(target.service(), target.environment()), Actor.of("ana")));
        case 3 -> call("complete " + target, crash, after, () -> service.complete(target, Actor.of("ana")));
        case 4, 5 -> call("sync", crash, after, () -> service.sync(Actor.of("cron")));
        case 6 -> call("rollback " + target, crash, after, () -> service.rollback(target, Actor.of("ana")));
        case 7 -> call("board", crash, after, () -> service.board().map(board -> board.drift()));
        case 8 -> {
          Seq<PullRequestNumber> mergeable = recordedOpen();
          if (!mergeable.isEmpty()) {
            PullRequestNumber pr = mergeable.get(c % mergeable.size());
            PullRequestState state = gitops.state(pr).get();
            if (state instanceof PullRequestState.Open open) {
              gitops.merge(pr, open.head());
              log.append("\nmerged by hand ").append(pr);
            }
          }
        }
        case 9 -> {
          Seq<OpenPullRequest> open = open();
          if (!open.isEmpty()) {
            OpenPullRequest pr = open.get(c % open.size());
            if (b % 2 == 0) {
              gitops.close(pr.number());
              log.append("\nclosed by hand ").append(pr.number());
            } else {
              gitops.ciAt(pr.headCommit(), CI.get(c % CI.size()));
              log.append("\nCI ").append(CI.get(c % CI.size())).append(" at ").append(pr.number());
            }
          }
        }
        case 10 -> {
          Seq<OpenPullRequest> open = open();
          if (!open.isEmpty()) {
            gitops.review(open.get(c % open.size()).number(), "bob", ReviewState.APPROVED);
          }
          gitops.canary(target, VERDICTS.get(c % VERDICTS.size()));
          log.append("\ncanary ").append(target).append(' ').append(VERDICTS.get(c % VERDICTS.size()));
        }
        default -> {
          now.set(now.get().plus(Duration.ofMinutes(5 + 10L * (c % 8))));
          log.append("\nlater ").append(now.get());
        }
      }
    }

    void finalSync() {
      Object result = service.sync(Actor.of("cron")).fold(failure -> failure.message(), sync -> sync);
      log.append("\nfinal sync: ").append(result);
      noteRecorded();
      seen.addAll(crashes.seen);
      crashedAt.addAll(crashes.crashedAt);
    }

    void assertRepaired() {
      DigestPromotions recorded = recorded();
      Seq<OpenPullRequest> platinurs = open().filter(pr -> pr.base().equals(MAIN) && PromotionBranch.parse(pr.head()).isDefined());
      assertThat(platinurs.groupBy(pr -> PromotionBranch.parse(pr.head()).get().target()).filterValues(prs -> prs.size() > 1))
          .as("targets with more than one open PR%s", log).isEmpty();
      for (OpenPullRequest pr : platinurs) {
        PromotionBranch branch = PromotionBranch.parse(pr.head()).get();
        Option<DigestPromotion> latest = recorded.latest(branch.target());
        assertThat(latest.map(p -> references(p, branch.kind())).getOrElse(List.empty()))
            .as("%s is recorded by its target%s", pr.number(), log).contains(pr.number());
      }
      Seq<PullRequestNumber> everyReference = recorded.latest().values().toList()
          .flatMap(p -> references(p, PromotionBranch.Kind.PROMOTION).appendAll(references(p, PromotionBranch.Kind.ROLLBACK)));
      assertThat(everyReference.distinct()).as("no PR recorded twice%s", log).hasSameSizeAs(everyReference);
      for (DigestPromotion promotion : recorded.latest().values()) {
        PromotionTarget target = promotion.target();
        for (PromotionBranch.Kind kind : PromotionBranch.Kind.values()) {
          for (PullRequestNumber pr : references(promotion, kind)) {
            assertThat(gitops.headBranchOf(pr)).as("%s comes from %s's %s branch%s", pr, target, kind, log)
                .contains(new PromotionBranch(kind, target).name());
          }
        }
        // every merged PR of the target was recorded at some point: a later record may supersede it
        // (sync adopts an unrecorded PR, which can carry a lower number than one merged after it)
        for (long n = 1; n <= gitops.pullCount(); n++) {
          PullRequestNumber pr = PullRequestNumber.of(n);
          boolean ofTarget = gitops.headBranchOf(pr).flatMap(PromotionBranch::parse).exists(branch -> branch.target().equals(target));
          assertThat(ofTarget && gitops.state(pr).get() instanceof PullRequestState.Merged && !everRecorded.contains(pr))
              .as("%s of %s merged but never recorded%s", pr, target, log).isFalse();
        }
        Option<ImageDigest> pin = gitops.pinsAt(gitops.head(MAIN)).pin(target.environment(), target.service());
        Option<ImageDigest> expected = promotion.fold(
            proposed -> promotion.promotion().previous(), open -> promotion.promotion().previous(),
            merged -> Option.some(promotion.promotion().digest()), canary -> Option.some(promotion.promotion().digest()),
            promoted -> Option.some(promotion.promotion().digest()), withdrawn -> promotion.promotion().previous(),
            rolling -> Option.some(promotion.promotion().digest()), rolled -> promotion.promotion().previous());
        assertThat(pin).as("the pin of %s in state %s%s", target, promotion.describe(), log).isEqualTo(expected);
      }
    }
  }

  /** The PRs a state names from branches of {@code kind}. */
  static Seq<PullRequestNumber> references(DigestPromotion promotion, PromotionBranch.Kind kind) {
    Seq<PullRequestNumber> promotions = promotion.fold(
        proposed -> List.empty(), open -> List.of(open.pr()), merged -> List.of(merged.pr()), canary -> List.of(canary.pr()),
        promoted -> List.of(promoted.pr()), withdrawn -> List.of(withdrawn.pr()), rolling -> List.of(rolling.pr()), rolled -> List.of(rolled.pr()));
    Seq<PullRequestNumber> rollbacks = promotion.fold(
        proposed -> List.empty(), open -> List.empty(), merged -> List.empty(), canary -> List.empty(),
        promoted -> List.empty(), withdrawn -> List.empty(), rolling -> List.of(rolling.revertPr()), rolled -> List.of(rolled.revertPr()));
    return kind == PromotionBranch.Kind.PROMOTION ? promotions : rollbacks;
  }

  @Test
  void after_crashes_at_any_port_call_one_sync_leaves_every_open_pr_recorded_and_every_pin_as_recorded() {
    qt().withExamples(120).withShrinkCycles(50)
        .forAll(lists().of(integers().between(0, 999_999)).ofSizeBetween(5, 60))
        .checkAssert(numbers -> {
          Run run = new Run();
          Iterator<Integer> next = numbers.iterator();
          while (next.hasNext()) {
            int n = next.next();
            run.step(n % 100, n / 100 % 10, n / 1000 % 10, n / 10_000);
          }
          run.finalSync();
          run.assertRepaired();
        });
    // every kind of call is crashed at, before and after, by the scripted tests below; here: many of them
    assertThat(crashedAt.size()).as("crash points hit at random: %s", crashedAt).isGreaterThanOrEqualTo(16);
  }

  /** Every port call kind the use cases make, each crashed at before and after by {@link #a_crash_at_every_port_call_of_each_step_is_repaired_by_the_next_sync}. */
  static final Set<String> EVERY_CALL = HashSet.of("PinnedDigests.current", "PinnedDigests.diff", "PinnedDigests.environmentFiles",
      "PinBranches.writePromotion", "PinBranches.writeRollback", "PullRequestHost.openPromotionPr", "PullRequestHost.state",
      "PullRequestHost.merge", "PullRequestHost.close", "OpenPullRequests.listOpen", "PullRequestReviews.reviews", "PullRequestReviews.author",
      "ContinuousIntegration.stateAt", "DigestDeployments.statuses", "CanaryAnalysis.verdict", "DigestPromotionStore.load",
      "DigestPromotionStore.save").flatMap(call -> HashSet.of(call + " before", call + " after"));

  /** A world set up to a point, and the step to crash in it. */
  record Scenario(String name, java.util.function.Consumer<Run> setUp, java.util.function.Function<Run, Object> step,
      java.util.function.Consumer<Run> check) {}

  static final PromotionTarget API_STAGING = new PromotionTarget(SERVICES.get(0), STAGING);
  static final PromotionTarget API_PROD = new PromotionTarget(SERVICES.get(0), PROD);
  static final PromotionTarget WEB_STAGING = new PromotionTarget(SERVICES.get(1), STAGING);

  /** api's digest in staging is dev's, healthy for 2 h, and its promotion PR into prod is open and approved. */
  static void approvedIntoProd(Run run) {
    run.service.promote(PromoteRequest.of(API_STAGING.service(), STAGING), Actor.of("ana"));
    run.service.sync(Actor.of("cron"));
    run.now.set(run.now.get().plus(Duration.ofHours(2)));
    PullRequestNumber pr = run.service.promote(PromoteRequest.of(API_PROD.service(), PROD), Actor.of("ana")).get().pr();
    run.gitops.review(pr, "bob", ReviewState.APPROVED);
  }

  static final List<Scenario> SCENARIOS = List.of(
      new Scenario("a sync adopting one unrecorded PR and closing another", run -> {
        for (PromotionTarget target : List.of(API_STAGING, WEB_STAGING)) {
          run.crashes.crashAt("PullRequestHost.openPromotionPr", true);
          run.call("promote " + target, Option.none(), false, () -> run.service.promote(PromoteRequest.of(target.service(), STAGING), Actor.of("ana")));
        }
        run.step(0, 0, 0, 0); // a new build of api lands in dev: its unrecorded PR is no longer the decision
      }, run -> run.service.sync(Actor.of("cron")), run -> {
        assertThat(run.recorded().latest(WEB_STAGING).map(p -> p.promotion().digest()))
            .as("adopted%s", run.log).contains(run.gitops.pinsAt(run.gitops.head(MAIN)).pin(DEV, WEB_STAGING.service()).get());
        assertThat(run.gitops.state(PullRequestNumber.of(1)).get()).as("closed%s", run.log).isInstanceOf(PullRequestState.ClosedUnmerged.class);
      }),
      new Scenario("promoting api into staging", run -> { }, run -> run.service.promote(PromoteRequest.of(API_STAGING.service(), STAGING), Actor.of("ana")),
          run -> assertThat(run.gitops.pullCount()).as("one PR%s", run.log).isLessThanOrEqualTo(1)),
      new Scenario("completing a promotion into prod (gate, merge, canary)", DigestPromotionCrashModelTest::approvedIntoProd,
          run -> run.service.complete(API_PROD, Actor.of("bob")), run -> { }),
      new Scenario("a sync that rolls back a failed canary", run -> {
        approvedIntoProd(run);
        run.service.complete(API_PROD, Actor.of("bob"));
        run.gitops.canary(API_PROD, CanaryVerdict.FAILED);
      }, run -> run.service.sync(Actor.of("cron")), run -> {
        DigestPromotion latest = run.recorded().latest(API_PROD).get();
        assertThat(latest).as("%s", run.log).isInstanceOfAny(DigestPromotion.RollingBack.class, DigestPromotion.RolledBack.class);
        assertThat(List.rangeClosed(1, run.gitops.pullCount()).filter(n -> run.gitops.headBranchOf(PullRequestNumber.of(n))
            .contains(PromotionBranch.rollback(API_PROD).name()))).as("one revert PR%s", run.log).hasSize(1);
      }),
      new Scenario("a requested rollback", run -> {
        approvedIntoProd(run);
        run.service.complete(API_PROD, Actor.of("bob"));
      }, run -> run.service.rollback(API_PROD, Actor.of("ana")), run -> { }),
      new Scenario("the board", run -> { }, run -> run.service.board(), run -> { }));

  /**
   * Each step (a promotion, a repairing sync, a completion, a canary's rollback, a requested rollback, the
   * board) crashed at each of its port calls in turn, before the call and after it took effect:
   * one sync after it always leaves everything recorded and consistent.
   */
  @Test
  void a_crash_at_every_port_call_of_each_step_is_repaired_by_the_next_sync() {
    for (Scenario scenario : SCENARIOS) {
      for (int call = 0; call < 16; call++) {
        for (boolean after : new boolean[] {false, true}) {
          Run run = new Run();
          scenario.setUp().accept(run);
          run.call(scenario.name(), Option.some(call), after, () -> scenario.step().apply(run));
          run.finalSync();
          run.assertRepaired();
          scenario.check().accept(run);
        }
      }
    }
    assertThat(HashSet.ofAll(crashedAt)).as("port calls a crash was injected at").containsAll(EVERY_CALL);
  }
}
