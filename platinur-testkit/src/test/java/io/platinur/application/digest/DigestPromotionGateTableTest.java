package io.platinur.application.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Actor;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.CompleteRejection;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackReason;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.digest.StepCondition;
import io.platinur.domain.digest.StepFailure;
import io.platinur.domain.digest.StepPolicy;
import io.platinur.domain.digest.SyncWindows;
import io.platinur.domain.digest.WeeklyWindow;
import io.platinur.domain.forge.ReviewState;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.BranchName;
import io.platinur.port.memory.InMemoryDigestPromotionStore;
import io.platinur.testkit.memory.InMemoryGitOps;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The staging → prod step through the service, over every combination of CI, approvals (among them
 * the author's own and one of an older head), soak, sync window and canary outcome: the PR merges
 * exactly when CI, approvals, soak and window all hold, the refusal names exactly the conditions
 * that do not, and once merged the canary's outcome completes the promotion, waits, or rolls it
 * back by a revert PR that restores the previous pin.
 */
class DigestPromotionGateTableTest {
  private static final ServiceName API = ServiceName.of("api");
  private static final EnvironmentName DEV = EnvironmentName.of("dev");
  private static final EnvironmentName STAGING = EnvironmentName.of("staging");
  private static final EnvironmentName PROD = EnvironmentName.of("prod");
  private static final PromotionTarget API_PROD = new PromotionTarget(API, PROD);
  private static final ImageDigest BUILT = ImageDigest.of("sha256:" + "a1".repeat(32));
  private static final ImageDigest OLD = ImageDigest.of("sha256:" + "b2".repeat(32));
  private static final ImageDigest NEXT_BUILD = ImageDigest.of("sha256:" + "c3".repeat(32));
  private static final BranchName MAIN = BranchName.of("main");
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z"); // a Tuesday
  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  enum Approval { VALID, NONE, BY_AUTHOR, OLDER_HEAD, NOT_ALLOWED }

  enum Soak { LONG_ENOUGH, TOO_SHORT }

  enum Window { OPEN, FROZEN }

  enum Canary {
    PASSED(CanaryVerdict.PASSED, 5), FAILED(CanaryVerdict.FAILED, 5), RUNNING_IN_TIME(CanaryVerdict.RUNNING, 29),
    RUNNING_TOO_LONG(CanaryVerdict.RUNNING, 30), INCONCLUSIVE_IN_TIME(CanaryVerdict.INCONCLUSIVE, 10),
    INCONCLUSIVE_TOO_LONG(CanaryVerdict.INCONCLUSIVE, 45);

    final CanaryVerdict verdict;
    final int minutes;

    Canary(CanaryVerdict verdict, int minutes) {
      this.verdict = verdict;
      this.minutes = minutes;
    }
  }

  private static PromotionPath path(Window window) {
    SyncWindows windows = window == Window.OPEN ? SyncWindows.always()
        : SyncWindows.always().denying(new WeeklyWindow(EnumSet.allOf(DayOfWeek.class), LocalTime.of(0, 0), LocalTime.of(23, 59), ZoneOffset.UTC));
    return PromotionPath.start(DEV)
        .then(STAGING, StepPolicy.automatic())
        .then(PROD, StepPolicy.builder().requiredApprovals(1).addAllowedReviewers("alice", "bob").minimumSoak(Duration.ofHours(1))
            .syncWindows(windows).canaryTimeout(Option.some(TIMEOUT)).build())
        .buildOrThrow();
  }

  @Test
  void merges_exactly_when_every_condition_holds_and_the_canary_decides_what_follows() {
    int cases = 0;
    int merged = 0;
    for (CiState ci : CiState.values()) {
      for (Approval approval : Approval.values()) {
        for (Soak soak : Soak.values()) {
          for (Window window : Window.values()) {
            for (Canary canary : Canary.values()) {
              cases++;
              merged += run(ci, approval, soak, window, canary) ? 1 : 0;
            }
          }
        }
      }
    }
    assertThat(cases).isEqualTo(CiState.values().length * 5 * 2 * 2 * 6);
    assertThat(merged).isEqualTo(Canary.values().length);
  }

  /** One case; whether the promotion PR merged. */
  private boolean run(CiState ci, Approval approval, Soak soak, Window window, Canary canary) {
    String name = ci + " " + approval + " " + soak + " " + window + " " + canary;
    AtomicReference<Instant> now = new AtomicReference<>(T0);
    InMemoryGitOps gitops = new InMemoryGitOps(MAIN, PinLayout.standard(),
        Pins.none().with(DEV, API, BUILT).with(STAGING, API, BUILT).with(PROD, API, OLD), now::get);
    gitops.deploy(DEV, API, BUILT, DeploymentState.SUCCESS, T0.minus(Duration.ofDays(1)));
    gitops.deploy(STAGING, API, BUILT, DeploymentState.SUCCESS, soak == Soak.LONG_ENOUGH ? T0.minus(Duration.ofHours(2)) : T0.minus(Duration.ofMinutes(30)));
    gitops.deploy(PROD, API, OLD, DeploymentState.SUCCESS, T0.minus(Duration.ofDays(1)));
    InMemoryDigestPromotionStore store = new InMemoryDigestPromotionStore();
    DigestPromotionService service = new DigestPromotionService(path(window), PinLayout.standard(), MAIN,
        new DigestPromotionService.Ports(gitops, gitops, gitops, gitops, gitops, gitops, gitops, gitops, store), now::get);

    DigestPromotion.PrOpen open = service.promote(PromoteRequest.of(API, PROD), Actor.of("ada")).get();
    gitops.defaultCi(ci);
    switch (approval) {
      case VALID -> gitops.review(open.pr(), "alice", ReviewState.APPROVED);
      case BY_AUTHOR -> gitops.review(open.pr(), "platinur-bot", ReviewState.APPROVED);
      case NOT_ALLOWED -> gitops.review(open.pr(), "mallory", ReviewState.APPROVED);
      case OLDER_HEAD -> {
        gitops.review(open.pr(), "alice", ReviewState.APPROVED);
        // the GitOps branch moves on and the promotion branch is written again on it: a new head, the same change
        gitops.pinDirectly(DEV, API, NEXT_BUILD);
        gitops.writePromotion(open.promotion(), gitops.head(MAIN)).get();
      }
      case NONE -> { }
    }
    now.set(T0.plus(Duration.ofMinutes(15)));

    Set<StepCondition> expected = EnumSet.noneOf(StepCondition.class);
    if (ci != CiState.GREEN) {
      expected.add(StepCondition.CI);
    }
    if (approval != Approval.VALID) {
      expected.add(StepCondition.APPROVALS);
    }
    if (soak != Soak.LONG_ENOUGH) {
      expected.add(StepCondition.SOAK);
    }
    if (window != Window.OPEN) {
      expected.add(StepCondition.SYNC_WINDOW);
    }
    Set<StepCondition> failing = service.evaluate(API_PROD).get().fold(
        passed -> EnumSet.noneOf(StepCondition.class),
        blocked -> EnumSet.copyOf(blocked.failures().map(StepFailure::condition).toJavaList()));
    assertThat(failing).as(name).isEqualTo(expected);

    String versionBefore = store.load().get().get().version();
    Either<UseCaseFailure<CompleteRejection>, DigestPromotion> completed = service.complete(API_PROD, Actor.of("ada"));
    if (!expected.isEmpty()) {
      Object rejection = completed.getLeft().fold(refused -> refused, port -> port);
      assertThat(rejection).as(name).isInstanceOf(CompleteRejection.GateBlocked.class);
      assertThat(gitops.pinsAt(gitops.head(MAIN)).pin(API_PROD)).as(name).contains(OLD);
      assertThat(store.load().get().get().version()).as("a blocked gate changes nothing: " + name).isEqualTo(versionBefore);
      return false;
    }
    assertThat(completed.get()).as(name).isInstanceOf(DigestPromotion.Canary.class);
    assertThat(gitops.pinsAt(gitops.head(MAIN)).pin(API_PROD)).as(name).contains(BUILT);

    gitops.canary(API_PROD, canary.verdict);
    now.set(now.get().plus(Duration.ofMinutes(canary.minutes)));
    Either<UseCaseFailure<CompleteRejection>, DigestPromotion> judged = service.complete(API_PROD, Actor.of("cron"));
    switch (canary) {
      case PASSED -> assertThat(judged.get()).as(name).isInstanceOf(DigestPromotion.Promoted.class);
      case RUNNING_IN_TIME, INCONCLUSIVE_IN_TIME -> {
        Object failure = judged.getLeft().fold(refused -> refused, port -> port);
        assertThat(failure).as(name).isInstanceOf(CompleteRejection.CanaryRunning.class);
        assertThat(service.promotions().get().latest(API_PROD).get()).as(name).isInstanceOf(DigestPromotion.Canary.class);
      }
      case FAILED, RUNNING_TOO_LONG, INCONCLUSIVE_TOO_LONG -> {
        assertThat(judged.get()).as(name).isInstanceOf(DigestPromotion.RollingBack.class);
        assertThat(judged.get().describe()).as(name).startsWith("rolling back ("
            + (canary == Canary.FAILED ? RollbackReason.CANARY_FAILED : RollbackReason.CANARY_TIMED_OUT).words() + ")");
        assertThat(gitops.findOpenPromotionPr(BranchName.of("platinur/rollback/api/prod"), MAIN).get().map(pr -> pr.number()))
            .as(name).isEqualTo(judged.get().openPr());
        service.sync(Actor.of("cron")).get(); // rollbacks merge on green CI
        assertThat(service.promotions().get().latest(API_PROD).get()).as(name).isInstanceOf(DigestPromotion.RolledBack.class);
        assertThat(gitops.pinsAt(gitops.head(MAIN)).pin(API_PROD)).as("the previous pin is back: " + name).contains(OLD);
      }
    }
    return true;
  }
}
