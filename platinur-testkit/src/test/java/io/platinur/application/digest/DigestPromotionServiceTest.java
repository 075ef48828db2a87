package io.platinur.application.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Actor;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotionEvent;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinFileProblem;
import io.platinur.domain.digest.PinKey;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.PromoteRejection;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackWaiting;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.digest.StepDecision;
import io.platinur.domain.digest.StepFailure;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.ReviewState;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.AuditEntry;
import io.platinur.port.DigestPromotionChange;
import io.platinur.port.DigestPromotionStore.Stored;
import io.platinur.port.DigestPromotionStore;
import io.platinur.port.PortFailure;
import io.platinur.port.memory.InMemoryDigestPromotionStore;
import io.platinur.testkit.memory.InMemoryGitOps;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DigestPromotionServiceTest {
  private static final ServiceName API = ServiceName.of("api");
  private static final ServiceName WEB = ServiceName.of("web");
  private static final EnvironmentName DEV = EnvironmentName.of("dev");
  private static final EnvironmentName STAGING = EnvironmentName.of("staging");
  private static final EnvironmentName PROD = EnvironmentName.of("prod");
  private static final ImageDigest BUILT = ImageDigest.of("sha256:" + "a1".repeat(32));
  private static final ImageDigest IN_STAGING = ImageDigest.of("sha256:" + "b2".repeat(32));
  private static final ImageDigest IN_PROD = ImageDigest.of("sha256:" + "c3".repeat(32));
  private static final BranchName MAIN = BranchName.of("main");

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
  private final InMemoryGitOps gitops = new InMemoryGitOps(MAIN, PinLayout.standard(),
      Pins.none().with(DEV, API, BUILT).with(STAGING, API, IN_STAGING).with(PROD, API, IN_PROD)
          .with(DEV, WEB, IN_PROD).with(STAGING, WEB, IN_STAGING).with(PROD, WEB, IN_PROD),
      now::get);
  private final InMemoryDigestPromotionStore store = new InMemoryDigestPromotionStore();
  private final DigestPromotionService service = service();

  DigestPromotionServiceTest() {
    for (EnvironmentName env : List.of(DEV, STAGING, PROD)) {
      gitops.pinsAt(gitops.head(MAIN)).manifest(env).services()
          .forEach((service, digest) -> gitops.deploy(env, service, digest, DeploymentState.SUCCESS, now.get().minus(Duration.ofDays(1))));
    }
  }

  private DigestPromotionService service() {
    return new DigestPromotionService(PromotionPath.standard(), PinLayout.standard(), MAIN,
        new DigestPromotionService.Ports(gitops, gitops, gitops, gitops, gitops, gitops, gitops, gitops, store), now::get);
  }

  private static <T> T ok(Either<? extends UseCaseFailure<?>, T> result) {
    assertThat(result.isRight()).as("succeeded, but: %s", result.isLeft() ? result.getLeft().message() : "").isTrue();
    return result.get();
  }

  private static String failed(Either<? extends UseCaseFailure<?>, ?> result) {
    assertThat(result.isLeft()).as("failed, but was %s", result).isTrue();
    return result.getLeft().message();
  }

  private void later(Duration duration) {
    now.set(now.get().plus(duration));
  }

  private ImageDigest pin(EnvironmentName env, ServiceName service) {
    return gitops.pinsAt(gitops.head(MAIN)).pin(env, service).get();
  }

  @Test
  void a_digest_climbs_to_prod_byte_identical_through_every_environment() {
    DigestPromotion.PrOpen toStaging = ok(service.promote(PromoteRequest.of(API, STAGING), Actor.of("alice")));
    assertThat(toStaging.promotion().digest()).isEqualTo(BUILT);
    ok(service.sync(Actor.of("cron"))); // dev → staging merges on green CI
    assertThat(pin(STAGING, API)).isEqualTo(BUILT);
    assertThat(ok(service.promotions()).latest(new PromotionTarget(API, STAGING)).get()).isInstanceOf(DigestPromotion.Promoted.class);

    PromotionTarget apiProd = new PromotionTarget(API, PROD);
    DigestPromotion.PrOpen toProd = ok(service.promote(PromoteRequest.of(API, PROD), Actor.of("alice")));
    StepDecision blocked = ok(service.evaluate(apiProd));
    io.vavr.collection.Seq<String> messages = blocked.<io.vavr.collection.Seq<String>>fold(p -> List.empty(), b -> b.failures().map(StepFailure::message));
    assertThat(messages.toJavaList()).containsExactly(
        "Needs 1 approval of head " + gitops.head(gitops.headBranchOf(toProd.pr()).get()).abbreviated() + "; has 0.",
        BUILT.abbreviated() + " must be deployed healthy in staging for 1 h before entering prod; it has been for 0 min.");
    assertThat(failed(service.complete(apiProd, Actor.of("alice")))).startsWith("PR #2 promoting api to prod cannot merge yet: Needs 1 approval");
    assertThat(pin(PROD, API)).isEqualTo(IN_PROD);

    gitops.review(toProd.pr(), "platinur-bot", ReviewState.APPROVED); // the author's own approval does not count
    later(Duration.ofMinutes(61));
    assertThat(failed(service.complete(apiProd, Actor.of("alice")))).contains("Not counted: platinur-bot is the PR's author.");
    gitops.review(toProd.pr(), "bob", ReviewState.APPROVED);
    DigestPromotion canary = ok(service.complete(apiProd, Actor.of("bob")));
    assertThat(canary).isInstanceOf(DigestPromotion.Canary.class);
    assertThat(pin(PROD, API)).isEqualTo(BUILT);

    assertThat(failed(service.complete(apiProd, Actor.of("bob")))).isEqualTo(
        "The canary of api in prod has no verdict yet; it rolls back if none arrives by 2026-12-01T11:31:00Z.");
    gitops.canary(apiProd, CanaryVerdict.PASSED);
    assertThat(ok(service.complete(apiProd, Actor.of("bob")))).isInstanceOf(DigestPromotion.Promoted.class);
    assertThat(List.of(DEV, STAGING, PROD).map(env -> pin(env, API))).containsOnly(BUILT);
    assertThat(ok(service.board()).platformVersions().get(PROD).get()).isNotEqualTo(ok(service.board()).platformVersions().get(STAGING).get());
  }

  @Test
  void a_failed_canary_rolls_back_by_reverting_the_promotion() {
    gitops.pinDirectly(STAGING, API, BUILT);
    later(Duration.ofHours(2));
    PromotionTarget apiProd = new PromotionTarget(API, PROD);
    DigestPromotion.PrOpen open = ok(service.promote(PromoteRequest.of(API, PROD), Actor.of("alice")));
    gitops.review(open.pr(), "bob", ReviewState.APPROVED);
    ok(service.complete(apiProd, Actor.of("bob")));
    assertThat(pin(PROD, API)).isEqualTo(BUILT);

    gitops.canary(apiProd, CanaryVerdict.FAILED);
    DigestPromotion rolling = ok(service.complete(apiProd, Actor.of("cron")));
    assertThat(rolling).isInstanceOf(DigestPromotion.RollingBack.class);
    assertThat(gitops.headBranchOf(rolling.openPr().get())).contains(BranchName.of("platinur/rollback/api/prod"));
    ok(service.sync(Actor.of("cron"))); // the rollback policy merges on green CI
    assertThat(ok(service.promotions()).latest(apiProd).get()).isInstanceOf(DigestPromotion.RolledBack.class);
    assertThat(pin(PROD, API)).as("exactly the previous pin").isEqualTo(IN_PROD);
    assertThat(pin(PROD, WEB)).isEqualTo(IN_PROD);
  }

  @Test
  void a_requested_rollback_of_nothing_merged_is_refused_and_changes_nothing() {
    assertThat(failed(service.rollback(new PromotionTarget(API, PROD), Actor.of("alice"))))
        .isEqualTo("Nothing to roll back: no promotion of api to prod was merged.");
    assertThat(store.load().get()).isEmpty();
    assertThat(gitops.pullCount()).isZero();
  }

  @Test
  void a_skip_and_a_digest_from_elsewhere_are_refused_and_change_nothing() {
    assertThat(failed(service.promote(new PromoteRequest(API, PROD, Option.some(DEV), Option.none()), Actor.of("alice"))))
        .isEqualTo("No skipping: prod is entered only from staging, not from dev. Promote api to staging first.");
    assertThat(failed(service.promote(new PromoteRequest(API, PROD, Option.none(), Option.some(BUILT)), Actor.of("alice"))))
        .startsWith("No skipping: " + BUILT.abbreviated() + " is pinned in dev but not in staging");
    assertThat(gitops.pullCount()).isZero();
    assertThat(store.load().get()).isEmpty();
  }

  @Test
  void red_ci_blocks_the_automatic_step_and_sync_merges_once_green() {
    gitops.defaultCi(CiState.RED);
    DigestPromotion.PrOpen open = ok(service.promote(PromoteRequest.of(API, STAGING), Actor.of("alice")));
    assertThat(ok(service.sync(Actor.of("cron"))).events()).isEmpty();
    assertThat(pin(STAGING, API)).isEqualTo(IN_STAGING);
    gitops.ciAt(gitops.head(gitops.headBranchOf(open.pr()).get()), CiState.GREEN);
    assertThat(ok(service.sync(Actor.of("cron"))).events()).isNotEmpty();
    assertThat(pin(STAGING, API)).isEqualTo(BUILT);
  }

  @Test
  void a_pr_that_changes_more_than_the_pin_is_not_merged() {
    DigestPromotion.PrOpen open = ok(service.promote(PromoteRequest.of(API, STAGING), Actor.of("alice")));
    gitops.addFile(gitops.headBranchOf(open.pr()).get(), "environments/staging/api/deployment.yaml", "replicas: 9");
    assertThat(failed(service.complete(new PromotionTarget(API, STAGING), Actor.of("alice")))).endsWith(
        "The PR may change only environments/staging/api/values.yaml; it also changes environments/staging/api/deployment.yaml.");
    assertThat(pin(STAGING, API)).isEqualTo(IN_STAGING);
  }

  @Test
  void two_hosts_promoting_the_same_service_to_the_same_environment_open_one_pr() throws Exception {
    for (int round = 0; round < 5; round++) {
      InMemoryGitOps forge = new InMemoryGitOps(MAIN, PinLayout.standard(), Pins.none().with(DEV, API, BUILT).with(STAGING, API, IN_STAGING)
          .with(DEV, WEB, IN_PROD).with(STAGING, WEB, IN_STAGING), now::get);
      forge.deploy(DEV, API, BUILT, DeploymentState.SUCCESS, now.get());
      forge.deploy(DEV, WEB, IN_PROD, DeploymentState.SUCCESS, now.get());
      InMemoryDigestPromotionStore shared = new InMemoryDigestPromotionStore();
      List<Either<UseCaseFailure<PromoteRejection>, DigestPromotion.PrOpen>> same = race(forge, shared, API, API);
      assertThat(same.filter(Either::isRight).map(Either::get).map(DigestPromotion.PrOpen::pr).distinct()).hasSize(1);
      same.filter(Either::isLeft).forEach(left -> assertThat(left.getLeft().message())
          .isEqualTo("A promotion of api to staging is already open: PR #1. Merge or close it before promoting again."));
      assertThat(forge.pullCount()).isEqualTo(1);

      List<Either<UseCaseFailure<PromoteRejection>, DigestPromotion.PrOpen>> different = race(forge, shared, WEB, WEB);
      assertThat(different.filter(Either::isRight)).isNotEmpty();
      assertThat(forge.pullCount()).isEqualTo(2);
      assertThat(shared.load().get().get().latest().map(DigestPromotion::target))
          .containsExactly(new PromotionTarget(API, STAGING), new PromotionTarget(WEB, STAGING));
    }
  }

  private List<Either<UseCaseFailure<PromoteRejection>, DigestPromotion.PrOpen>> race(InMemoryGitOps forge, InMemoryDigestPromotionStore shared,
      ServiceName first, ServiceName second) throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      java.util.List<Future<Either<UseCaseFailure<PromoteRejection>, DigestPromotion.PrOpen>>> futures = new java.util.ArrayList<>();
      for (ServiceName service : List.of(first, second)) {
        DigestPromotionService host = new DigestPromotionService(PromotionPath.standard(), PinLayout.standard(), MAIN,
            new DigestPromotionService.Ports(forge, forge, forge, forge, forge, forge, forge, forge, shared), now::get);
        futures.add(pool.submit(() -> {
          barrier.await();
          return host.promote(PromoteRequest.of(service, STAGING), Actor.of("host"));
        }));
      }
      java.util.List<Either<UseCaseFailure<PromoteRejection>, DigestPromotion.PrOpen>> results = new java.util.ArrayList<>();
      for (Future<Either<UseCaseFailure<PromoteRejection>, DigestPromotion.PrOpen>> future : futures) {
        results.add(future.get());
      }
      return List.ofAll(results);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void the_board_says_what_every_next_step_waits_for() {
    DigestPromotion.PrOpen opened = ok(service.promote(PromoteRequest.of(API, STAGING), Actor.of("alice")));
    PromotionBoard board = ok(service.board());
    assertThat(opened.pr()).isEqualTo(PullRequestNumber.of(1));
    assertThat(board.nextSteps().get(new PromotionTarget(API, STAGING)).get()).isEqualTo("PR " + opened.pr() + " open");
    assertThat(board.nextSteps().get(new PromotionTarget(API, PROD)).get()).isEqualTo("ready: " + IN_STAGING.abbreviated() + " from staging");
    assertThat(board.nextSteps().get(new PromotionTarget(WEB, STAGING)).get()).isEqualTo("ready: " + IN_PROD.abbreviated() + " from dev");
    assertThat(board.platformVersions().keySet()).containsExactly(DEV, PROD, STAGING);
    assertThat(board.nextSteps().keySet()).as("every target but the first environment's").hasSize(4);
  }

  @Test
  void a_host_that_loses_the_race_waits_as_its_backoff_says_then_decides_again() {
    DigestPromotionService rival = service();
    java.util.List<Integer> waits = new java.util.ArrayList<>();
    AtomicInteger saves = new AtomicInteger();
    DigestPromotionStore losingOnce = new DigestPromotionStore() {
      @Override
      public Either<PortFailure, Option<Stored>> load() {
        return store.load();
      }

      @Override
      public Either<PortFailure, Stored> save(Option<String> expected, Seq<DigestPromotion> latest, Seq<DigestPromotionEvent> events,
          AuditEntry audit) {
        if (saves.getAndIncrement() == 0) {
          ok(rival.promote(PromoteRequest.of(WEB, STAGING), Actor.of("bob")));
        }
        return store.save(expected, latest, events, audit);
      }

      @Override
      public Either<PortFailure, Seq<DigestPromotionChange>> history(Option<String> before, int limit) {
        return store.history(before, limit);
      }
    };
    DigestPromotionService host = new DigestPromotionService(PromotionPath.standard(), PinLayout.standard(), MAIN,
        new DigestPromotionService.Ports(gitops, gitops, gitops, gitops, gitops, gitops, gitops, gitops, losingOnce), now::get)
        .withBackoff(waits::add);

    ok(host.promote(PromoteRequest.of(API, STAGING), Actor.of("alice")));

    assertThat(waits).containsExactly(1);
    assertThat(store.load().get().get().latest().map(DigestPromotion::target))
        .containsExactly(new PromotionTarget(API, STAGING), new PromotionTarget(WEB, STAGING));
  }

  /** api is promoted to prod, merged, and in canary since now; staging pins BUILT, prod IN_PROD before. */
  private DigestPromotion inProdCanary() {
    gitops.pinDirectly(STAGING, API, BUILT);
    later(Duration.ofHours(2));
    DigestPromotion.PrOpen open = ok(service.promote(PromoteRequest.of(API, PROD), Actor.of("alice")));
    gitops.review(open.pr(), "bob", ReviewState.APPROVED);
    return ok(service.complete(new PromotionTarget(API, PROD), Actor.of("bob")));
  }

  @Nested
  class Refusals_that_name_what_is_wrong {
    @Test
    void a_source_values_file_that_does_not_read_is_named_with_what_is_wrong_and_nothing_is_written() {
      PinFileProblem problem = new PinFileProblem.NotADigest(RepoPath.of("environments/dev/api/values.yaml"), PinKey.of("image.digest"),
          "‘api:latest’ is not an image digest.");
      gitops.unreadable(DEV, API, problem);
      Either<UseCaseFailure<PromoteRejection>, DigestPromotion.PrOpen> refused = service.promote(PromoteRequest.of(API, STAGING), Actor.of("alice"));
      assertThat(failed(refused)).isEqualTo("image.digest in environments/dev/api/values.yaml does not hold an image digest: ‘api:latest’ is not an image digest.");
      assertThat(refused.getLeft().<Object>fold(rejection -> rejection, port -> port)).isEqualTo(new PromoteRejection.BadPinFile(problem));
      assertThat(gitops.pullCount()).isZero();
      assertThat(store.load().get()).isEmpty();
    }

    @Test
    void an_environment_named_as_its_own_source_is_refused_as_such() {
      assertThat(failed(service.promote(new PromoteRequest(API, STAGING, Option.some(STAGING), Option.none()), Actor.of("alice"))))
          .isEqualTo("An environment never promotes into itself: staging is entered only from dev.");
      assertThat(gitops.pullCount()).isZero();
    }

    @Test
    void the_gate_during_a_canary_reports_the_canary_and_its_deadline() {
      DigestPromotion canary = inProdCanary();
      assertThat(failed(service.evaluate(new PromotionTarget(API, PROD)))).isEqualTo("PR " + canary.mergedPr().get()
          + " promoting api to prod merged; its canary runs since 2026-12-01T12:00:00Z and rolls back if no verdict arrives by 2026-12-01T12:30:00Z.");
    }
  }

  @Nested
  class A_canary_that_times_out {
    @Test
    void is_rolled_back_in_one_sync_when_the_reverts_gate_already_holds() {
      inProdCanary();
      later(Duration.ofMinutes(31));
      PromotionSync synced = ok(service.sync(Actor.of("cron")));
      assertThat(synced.events().map(DigestPromotionEvent::words)).containsExactly(
          "Rollback PR #2 of api in prod is open: the canary gave no verdict in time.",
          "Merged rollback PR #2 of api in prod as " + gitops.head(MAIN).abbreviated() + "; the pin from before the promotion is back.");
      assertThat(synced.waiting()).isEmpty();
      assertThat(pin(PROD, API)).isEqualTo(IN_PROD);
      assertThat(ok(service.promotions()).latest(new PromotionTarget(API, PROD)).get()).isInstanceOf(DigestPromotion.RolledBack.class);
    }

    @Test
    void says_that_another_sync_merges_its_revert_when_the_gate_does_not_hold_yet() {
      inProdCanary();
      later(Duration.ofMinutes(31));
      gitops.defaultCi(CiState.PENDING);
      PromotionSync synced = ok(service.sync(Actor.of("cron")));
      CommitId revertHead = gitops.head(BranchName.of("platinur/rollback/api/prod"));
      assertThat(synced.waiting().map(RollbackWaiting::message)).containsExactly("Rollback PR #2 of api in prod waits for its gate: CI is still"
          + " running at " + revertHead.abbreviated() + ". Another sync merges it once the gate passes.");
      assertThat(pin(PROD, API)).isEqualTo(BUILT);
      gitops.defaultCi(CiState.GREEN);
      assertThat(ok(service.sync(Actor.of("cron"))).waiting()).isEmpty();
      assertThat(pin(PROD, API)).isEqualTo(IN_PROD);
    }
  }

  @Nested
  class The_history {
    @Test
    void lists_every_change_newest_first_with_actor_time_action_and_events() {
      DigestPromotion.PrOpen open = ok(service.promote(PromoteRequest.of(API, STAGING), Actor.of("alice")));
      later(Duration.ofMinutes(5));
      ok(service.sync(Actor.of("cron")));
      ok(service.sync(Actor.of("cron"))); // nothing to record: no entry

      Seq<DigestPromotionChange> history = ok(service.history(Option.none(), 10));
      assertThat(history.map(change -> change.audit().actor().name())).containsExactly("cron", "alice");
      assertThat(history.map(change -> change.audit().at())).containsExactly(now.get(), now.get().minus(Duration.ofMinutes(5)));
      DigestPromotionChange opened = history.last();
      assertThat(opened.audit().action()).isEqualTo("Opened promotion PR #1 of api to staging: " + BUILT.abbreviated() + " from dev");
      assertThat(opened.events().map(DigestPromotionEvent::words)).containsExactly(
          "Decided to promote api to staging: " + BUILT.abbreviated() + " from dev, replacing " + IN_STAGING.abbreviated() + ".",
          "Promotion PR #1 of api to staging is open.");
      assertThat(history.head().events().map(DigestPromotionEvent::words)).containsExactly(
          "Merged promotion PR #1 of api to staging as " + gitops.head(MAIN).abbreviated() + ".",
          "The promotion of api to staging is complete.");
      assertThat(ok(service.history(Option.none(), 1))).containsExactly(history.head());
      assertThat(ok(service.history(Option.some(history.head().version()), 5))).containsExactly(opened);
      assertThat(failed(service.history(Option.none(), 0))).isEqualTo("A page of the digest promotions' history holds at least one change; asked for 0.");
      assertThat(opened.events().last()).isEqualTo(new DigestPromotionEvent.DigestPrOpened(new PromotionTarget(API, STAGING), open.pr()));
    }
  }
}
