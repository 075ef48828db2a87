package io.platinur.application.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.Actor;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.ReviewState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.memory.InMemoryDigestPromotionStore;
import io.platinur.testkit.memory.InMemoryGitOps;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two hosts sharing one GitOps repository and one promotion store act at the same moment, round
 * after round: promoting different services opens both PRs; completing, rolling back or syncing
 * the same promotion merges once and opens one revert PR.
 */
class DigestPromotionRaceTest {
  private static final int ROUNDS = 15;
  private static final ServiceName API = ServiceName.of("api");
  private static final ServiceName WEB = ServiceName.of("web");
  private static final EnvironmentName DEV = EnvironmentName.of("dev");
  private static final EnvironmentName STAGING = EnvironmentName.of("staging");
  private static final EnvironmentName PROD = EnvironmentName.of("prod");
  private static final ImageDigest BUILT = ImageDigest.of("sha256:" + "a1".repeat(32));
  private static final ImageDigest OLD = ImageDigest.of("sha256:" + "b2".repeat(32));
  private static final BranchName MAIN = BranchName.of("main");
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** api and web built in dev and healthy for a day; staging and prod run OLD. */
  private static final class Repo {
    final InMemoryGitOps gitops = new InMemoryGitOps(MAIN, PinLayout.standard(), Pins.none()
        .with(DEV, API, BUILT).with(STAGING, API, BUILT).with(PROD, API, OLD)
        .with(DEV, WEB, BUILT).with(STAGING, WEB, OLD).with(PROD, WEB, OLD), () -> T0);
    final InMemoryDigestPromotionStore store = new InMemoryDigestPromotionStore();

    Repo() {
      for (ServiceName service : List.of(API, WEB)) {
        gitops.deploy(DEV, service, BUILT, DeploymentState.SUCCESS, T0.minus(Duration.ofDays(1)));
      }
      gitops.deploy(STAGING, API, BUILT, DeploymentState.SUCCESS, T0.minus(Duration.ofDays(1)));
    }

    DigestPromotionService host() {
      return new DigestPromotionService(PromotionPath.standard(), PinLayout.standard(), MAIN,
          new DigestPromotionService.Ports(gitops, gitops, gitops, gitops, gitops, gitops, gitops, gitops, store), () -> T0);
    }

    int commitsOnMain() {
      int count = 0;
      for (io.vavr.control.Option<CommitId> at = io.vavr.control.Option.some(gitops.head(MAIN)); at.isDefined(); at = gitops.parentOf(at.get())) {
        count++;
      }
      return count;
    }
  }

  private <A, B> List<Object> race(Callable<A> one, Callable<B> two) throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(2);
    Future<A> a = pool.submit(() -> {
      barrier.await();
      return one.call();
    });
    Future<B> b = pool.submit(() -> {
      barrier.await();
      return two.call();
    });
    return List.of(a.get(), b.get());
  }

  @Test
  void promoting_different_services_at_once_opens_both_prs() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      Repo repo = new Repo();
      List<Object> results = race(() -> repo.host().promote(PromoteRequest.of(API, PROD), Actor.of("host-1")),
          () -> repo.host().promote(PromoteRequest.of(WEB, STAGING), Actor.of("host-2")));
      assertThat(results).allMatch(result -> ((Either<?, ?>) result).isRight());
      assertThat(repo.gitops.pullCount()).isEqualTo(2);
      assertThat(repo.store.load().get().get().on(PromotionPath.standard()).latest().values())
          .allMatch(promotion -> promotion instanceof DigestPromotion.PrOpen).hasSize(2);
    }
  }

  @Test
  void completing_the_same_promotion_at_once_merges_it_once() throws Exception {
    PromotionTarget apiProd = new PromotionTarget(API, PROD);
    for (int round = 0; round < ROUNDS; round++) {
      Repo repo = new Repo();
      DigestPromotion.PrOpen open = repo.host().promote(PromoteRequest.of(API, PROD), Actor.of("ada")).get();
      repo.gitops.review(open.pr(), "bob", ReviewState.APPROVED);
      int before = repo.commitsOnMain();
      List<Object> results = race(() -> repo.host().complete(apiProd, Actor.of("host-1")), () -> repo.host().complete(apiProd, Actor.of("host-2")));
      assertThat(results).anyMatch(result -> ((Either<?, ?>) result).isRight());
      assertThat(repo.commitsOnMain()).as("one merge").isEqualTo(before + 1);
      assertThat(repo.store.load().get().get().on(PromotionPath.standard()).latest(apiProd).get()).isInstanceOf(DigestPromotion.Canary.class);
      assertThat(repo.gitops.pinsAt(repo.gitops.head(MAIN)).pin(apiProd)).contains(BUILT);
    }
  }

  @Test
  void rolling_back_the_same_promotion_at_once_opens_one_revert_pr() throws Exception {
    PromotionTarget apiProd = new PromotionTarget(API, PROD);
    for (int round = 0; round < ROUNDS; round++) {
      Repo repo = new Repo();
      DigestPromotion.PrOpen open = repo.host().promote(PromoteRequest.of(API, PROD), Actor.of("ada")).get();
      repo.gitops.review(open.pr(), "bob", ReviewState.APPROVED);
      repo.host().complete(apiProd, Actor.of("ada")).get();
      repo.gitops.canary(apiProd, CanaryVerdict.FAILED);
      List<Object> results = race(() -> repo.host().rollback(apiProd, Actor.of("host-1")), () -> repo.host().complete(apiProd, Actor.of("host-2")));
      assertThat(results).anyMatch(result -> ((Either<?, ?>) result).isRight());
      assertThat(repo.gitops.pullCount()).as("the promotion PR and one revert PR").isEqualTo(2);
      DigestPromotion rolling = repo.store.load().get().get().on(PromotionPath.standard()).latest(apiProd).get();
      assertThat(rolling).isInstanceOf(DigestPromotion.RollingBack.class);
      assertThat(repo.gitops.findOpenPromotionPr(BranchName.of("platinur/rollback/api/prod"), MAIN).get().map(pr -> pr.number()))
          .isEqualTo(rolling.openPr());

      race(() -> repo.host().sync(Actor.of("host-1")), () -> repo.host().sync(Actor.of("host-2")));
      assertThat(repo.store.load().get().get().on(PromotionPath.standard()).latest(apiProd).get()).isInstanceOf(DigestPromotion.RolledBack.class);
      assertThat(repo.gitops.pinsAt(repo.gitops.head(MAIN)).pin(apiProd)).contains(OLD);
    }
  }

  @Test
  void syncing_at_once_merges_an_automatic_step_once() throws Exception {
    PromotionTarget webStaging = new PromotionTarget(WEB, STAGING);
    for (int round = 0; round < ROUNDS; round++) {
      Repo repo = new Repo();
      repo.host().promote(PromoteRequest.of(WEB, STAGING), Actor.of("ada")).get();
      int before = repo.commitsOnMain();
      race(() -> repo.host().sync(Actor.of("host-1")), () -> repo.host().sync(Actor.of("host-2")));
      assertThat(repo.commitsOnMain()).as("one merge").isEqualTo(before + 1);
      assertThat(repo.store.load().get().get().on(PromotionPath.standard()).latest(webStaging).get()).isInstanceOf(DigestPromotion.Promoted.class);
      assertThat(repo.gitops.pinsAt(repo.gitops.head(MAIN)).pin(webStaging)).contains(BUILT);
    }
  }
}
