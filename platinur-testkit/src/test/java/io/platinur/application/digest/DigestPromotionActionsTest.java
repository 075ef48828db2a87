package io.platinur.application.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.core.UseCaseFailure;
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
import io.platinur.port.memory.InMemoryDigestPromotionStore;
import io.platinur.testkit.memory.InMemoryGitOps;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link DigestPromotionService#actions()} answers, for every target, what promote, complete and
 * rollback would: at every state of a digest's way to prod and back, each refusal it gives is the
 * one the command gives when called (and the call changes nothing), and each command it accepts
 * succeeds when called.
 */
class DigestPromotionActionsTest {
  private static final ServiceName API = ServiceName.of("api");
  private static final ServiceName WEB = ServiceName.of("web");
  private static final EnvironmentName DEV = EnvironmentName.of("dev");
  private static final EnvironmentName STAGING = EnvironmentName.of("staging");
  private static final EnvironmentName PROD = EnvironmentName.of("prod");
  private static final PromotionTarget API_STAGING = new PromotionTarget(API, STAGING);
  private static final PromotionTarget API_PROD = new PromotionTarget(API, PROD);
  private static final ImageDigest BUILT = ImageDigest.of("sha256:" + "a1".repeat(32));
  private static final ImageDigest IN_STAGING = ImageDigest.of("sha256:" + "b2".repeat(32));
  private static final ImageDigest IN_PROD = ImageDigest.of("sha256:" + "c3".repeat(32));
  private static final BranchName MAIN = BranchName.of("main");
  private static final Actor CHECK = Actor.of("check");

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
  private final InMemoryGitOps gitops = new InMemoryGitOps(MAIN, PinLayout.standard(),
      Pins.none().with(DEV, API, BUILT).with(STAGING, API, IN_STAGING).with(PROD, API, IN_PROD)
          .with(DEV, WEB, IN_PROD).with(STAGING, WEB, IN_STAGING).with(PROD, WEB, IN_PROD),
      now::get);
  private final DigestPromotionService service = new DigestPromotionService(PromotionPath.standard(), PinLayout.standard(), MAIN,
      new DigestPromotionService.Ports(gitops, gitops, gitops, gitops, gitops, gitops, gitops, gitops, new InMemoryDigestPromotionStore()),
      now::get);

  DigestPromotionActionsTest() {
    for (EnvironmentName env : List.of(DEV, STAGING, PROD)) {
      gitops.pinsAt(gitops.head(MAIN)).manifest(env).services()
          .forEach((name, digest) -> gitops.deploy(env, name, digest, DeploymentState.SUCCESS, now.get().minus(Duration.ofDays(1))));
    }
  }

  @Test
  void every_answer_is_the_commands_own_at_every_state_of_a_digests_way_to_prod_and_back() {
    assertThat(agreeing().targets().keySet()).as("every service in every environment after the first")
        .containsExactly(new PromotionTarget(API, PROD), API_STAGING, new PromotionTarget(WEB, PROD), new PromotionTarget(WEB, STAGING));
    assertThat(agreeing().targets().get(API_STAGING).get().promote().get().promotion().digest()).isEqualTo(BUILT);
    ok(service.promote(PromoteRequest.of(API, STAGING), Actor.of("alice")));

    assertThat(agreeing().targets().get(API_STAGING).get().complete().isRight()).as("the automatic step merges on green CI").isTrue();
    ok(service.complete(API_STAGING, Actor.of("alice")));
    assertThat(ok(service.promotions()).latest(API_STAGING).get()).isInstanceOf(DigestPromotion.Promoted.class);
    gitops.deploy(STAGING, API, BUILT, DeploymentState.SUCCESS, now.get());

    assertThat(agreeing().targets().get(API_PROD).get().promote().isRight()).isTrue();
    DigestPromotion.PrOpen toProd = ok(service.promote(PromoteRequest.of(API, PROD), Actor.of("alice")));
    String blocked = agreeing().targets().get(API_PROD).get().complete().getLeft().message();
    assertThat(blocked).startsWith("PR " + toProd.pr() + " promoting api to prod cannot merge yet: Needs 1 approval");

    gitops.review(toProd.pr(), "bob", ReviewState.APPROVED);
    now.set(now.get().plus(Duration.ofMinutes(61)));
    assertThat(agreeing().targets().get(API_PROD).get().complete().isRight()).isTrue();
    assertThat(ok(service.complete(API_PROD, Actor.of("bob")))).isInstanceOf(DigestPromotion.Canary.class);
    assertThat(agreeing().targets().get(API_PROD).get().complete().getLeft().message())
        .isEqualTo("The canary of api in prod has no verdict yet; it rolls back if none arrives by 2026-12-01T11:31:00Z.");

    assertThat(agreeing().targets().get(API_PROD).get().rollback().isRight()).isTrue();
    assertThat(ok(service.rollback(API_PROD, Actor.of("bob")))).isInstanceOf(DigestPromotion.RollingBack.class);
    agreeing();
    gitops.canary(API_PROD, CanaryVerdict.PASSED);
    agreeing();
  }

  /**
   * The actions now, after checking that each refusal among them is what its command answers
   * when called, and that those calls recorded nothing.
   */
  private BoardActions agreeing() {
    BoardActions actions = ok(service.actions());
    int recorded = ok(service.history(Option.none(), 1000)).size();
    actions.targets().values().forEach(can -> {
      PromotionTarget target = can.target();
      can.promote().peekLeft(refusal -> assertThat(failed(service.promote(PromoteRequest.of(target.service(), target.environment()), CHECK)))
          .as("promote %s", target).isEqualTo(refusal.message()));
      can.complete().peekLeft(refusal -> assertThat(failed(service.complete(target, CHECK))).as("complete %s", target)
          .isEqualTo(refusal.message()));
      can.rollback().peekLeft(refusal -> assertThat(failed(service.rollback(target, CHECK))).as("rollback %s", target)
          .isEqualTo(refusal.message()));
    });
    assertThat(ok(service.history(Option.none(), 1000)).size()).as("refused commands record nothing").isEqualTo(recorded);
    return actions;
  }

  private static <T> T ok(Either<? extends UseCaseFailure<?>, T> result) {
    assertThat(result.isRight()).as("succeeded, but: %s", result.isLeft() ? result.getLeft().message() : "").isTrue();
    return result.get();
  }

  private static String failed(Either<? extends UseCaseFailure<?>, ?> result) {
    assertThat(result.isLeft()).as("failed, but was %s", result).isTrue();
    return result.getLeft().message();
  }
}
