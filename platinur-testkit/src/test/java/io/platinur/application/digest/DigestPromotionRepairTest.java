package io.platinur.application.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Actor;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.DigestPromotionEvent;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackReason;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.forge.ReviewState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.BranchName;
import io.platinur.port.memory.InMemoryDigestPromotionStore;
import io.platinur.testkit.memory.InMemoryGitOps;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A host crashes (or loses the answer) between a step's I/O and the save that records it; the next
 * sync finds what it left half done and repairs it: it adopts the PR it opened, records the merge it
 * made, re-judges the canary whose rollback it opened, and closes an unrecorded PR that is no longer
 * what Platinur would open, saying why.
 */
class DigestPromotionRepairTest {
  static final ServiceName API = ServiceName.of("api");
  static final ServiceName WEB = ServiceName.of("web");
  static final EnvironmentName DEV = EnvironmentName.of("dev");
  static final EnvironmentName STAGING = EnvironmentName.of("staging");
  static final EnvironmentName PROD = EnvironmentName.of("prod");
  static final ImageDigest BUILT = ImageDigest.of("sha256:" + "a1".repeat(32));
  static final ImageDigest IN_STAGING = ImageDigest.of("sha256:" + "b2".repeat(32));
  static final ImageDigest IN_PROD = ImageDigest.of("sha256:" + "c3".repeat(32));
  static final ImageDigest REBUILT = ImageDigest.of("sha256:" + "d4".repeat(32));
  static final BranchName MAIN = BranchName.of("main");
  static final PromotionTarget API_STAGING = new PromotionTarget(API, STAGING);
  static final PromotionTarget API_PROD = new PromotionTarget(API, PROD);

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
  final InMemoryGitOps gitops = new InMemoryGitOps(MAIN, PinLayout.standard(),
      Pins.none().with(DEV, API, BUILT).with(STAGING, API, IN_STAGING).with(PROD, API, IN_PROD)
          .with(DEV, WEB, IN_PROD).with(STAGING, WEB, IN_STAGING).with(PROD, WEB, IN_PROD),
      now::get);
  final InMemoryDigestPromotionStore store = new InMemoryDigestPromotionStore();
  final CrashingPorts crashes = new CrashingPorts();
  final DigestPromotionService service =
      new DigestPromotionService(PromotionPath.standard(), PinLayout.standard(), MAIN, crashes.ports(gitops, store), now::get);

  DigestPromotionRepairTest() {
    for (EnvironmentName env : List.of(DEV, STAGING, PROD)) {
      gitops.pinsAt(gitops.head(MAIN)).manifest(env).services()
          .forEach((service, digest) -> gitops.deploy(env, service, digest, DeploymentState.SUCCESS, now.get().minus(Duration.ofDays(1))));
    }
  }

  static <T> T ok(Either<? extends UseCaseFailure<?>, T> result) {
    assertThat(result.isRight()).as("succeeded, but: %s", result.isLeft() ? result.getLeft().message() : "").isTrue();
    return result.get();
  }

  DigestPromotion latest(PromotionTarget target) {
    return ok(service.promotions()).latest(target).get();
  }

  ImageDigest pin(EnvironmentName env, ServiceName service) {
    return gitops.pinsAt(gitops.head(MAIN)).pin(env, service).get();
  }

  void crashing(String call, boolean after, Runnable step) {
    crashes.crashAt(call, after);
    assertThatThrownBy(step::run).isInstanceOf(CrashingPorts.Crash.class);
    crashes.noCrash();
  }

  PullRequestState state(PullRequestNumber pr) {
    return gitops.state(pr).get();
  }

  /** api's staging pin is BUILT, then api → prod is merged and in canary. */
  DigestPromotion.Canary inProdCanary() {
    gitops.pinDirectly(STAGING, API, BUILT);
    now.set(now.get().plus(Duration.ofHours(2)));
    DigestPromotion.PrOpen open = ok(service.promote(PromoteRequest.of(API, PROD), Actor.of("alice")));
    gitops.review(open.pr(), "bob", ReviewState.APPROVED);
    return (DigestPromotion.Canary) ok(service.complete(API_PROD, Actor.of("bob")));
  }

  @Nested
  class A_promotion_pr_opened_but_not_recorded {
    @Test
    void is_adopted_by_sync_as_the_promotion_it_is_then_merged_by_the_next() {
      crashing("PullRequestHost.openPromotionPr", true, () -> service.promote(PromoteRequest.of(API, STAGING), Actor.of("alice")));
      assertThat(store.load().get()).isEmpty();
      assertThat(gitops.pullCount()).isEqualTo(1);

      PromotionSync repaired = ok(service.sync(Actor.of("cron")));
      assertThat(repaired.closed()).isEmpty();
      assertThat(repaired.events()).hasSize(2).last().isEqualTo(new DigestPromotionEvent.DigestPrOpened(API_STAGING, PullRequestNumber.of(1)));
      DigestPromotion.PrOpen adopted = (DigestPromotion.PrOpen) latest(API_STAGING);
      assertThat(adopted.pr()).isEqualTo(PullRequestNumber.of(1));
      assertThat(adopted.promotion().digest()).isEqualTo(BUILT);
      assertThat(adopted.promotion().previous()).contains(IN_STAGING);

      assertThat(ok(service.sync(Actor.of("cron"))).events()).isNotEmpty(); // dev → staging merges on green CI
      assertThat(latest(API_STAGING)).isInstanceOf(DigestPromotion.Promoted.class);
      assertThat(pin(STAGING, API)).isEqualTo(BUILT);
      assertThat(gitops.pullCount()).isEqualTo(1);
      assertThat(ok(service.sync(Actor.of("cron"))).isEmpty()).as("a repeated sync changes nothing").isTrue();
    }

    @Test
    void when_the_store_write_is_lost_after_it_took_effect_sync_changes_nothing() {
      crashing("DigestPromotionStore.save", true, () -> service.promote(PromoteRequest.of(API, STAGING), Actor.of("alice")));
      assertThat(latest(API_STAGING)).isInstanceOf(DigestPromotion.PrOpen.class);
      PromotionSync synced = ok(service.sync(Actor.of("cron")));
      assertThat(synced.closed()).isEmpty();
      assertThat(gitops.pullCount()).isEqualTo(1);
    }

    @Test
    void is_closed_when_the_source_pins_another_digest_by_now_and_promote_opens_the_right_one() {
      crashing("PullRequestHost.openPromotionPr", true, () -> service.promote(PromoteRequest.of(API, STAGING), Actor.of("alice")));
      gitops.pinDirectly(DEV, API, REBUILT);

      PromotionSync repaired = ok(service.sync(Actor.of("cron")));
      assertThat(repaired.events()).isEmpty();
      assertThat(repaired.closed().map(note -> note.message())).containsExactly(
          "PR #1 from platinur/promote/api/staging was not recorded; closed it: it must change only environments/staging/api/values.yaml, to "
              + REBUILT.abbreviated() + ".");
      assertThat(state(PullRequestNumber.of(1))).isInstanceOf(PullRequestState.ClosedUnmerged.class);
      assertThat(pin(STAGING, API)).isEqualTo(IN_STAGING);
      assertThat(ok(service.promote(PromoteRequest.of(API, STAGING), Actor.of("alice"))).promotion().digest()).isEqualTo(REBUILT);
    }

    @Test
    void is_closed_when_someone_added_a_file_to_it() {
      crashing("PullRequestHost.openPromotionPr", true, () -> service.promote(PromoteRequest.of(API, STAGING), Actor.of("alice")));
      gitops.addFile(BranchName.of("platinur/promote/api/staging"), "environments/staging/api/deployment.yaml", "replicas: 9");

      assertThat(ok(service.sync(Actor.of("cron"))).closed().map(note -> note.message())).containsExactly(
          "PR #1 from platinur/promote/api/staging was not recorded; closed it: it must change only environments/staging/api/values.yaml, to "
              + BUILT.abbreviated() + ".");
      assertThat(ok(service.promotions()).latest(API_STAGING)).as("nothing recorded").isEmpty();
    }

    @Test
    void is_closed_with_the_refusal_when_promote_would_be_refused_now() {
      crashing("PullRequestHost.openPromotionPr", true, () -> service.promote(PromoteRequest.of(API, STAGING), Actor.of("alice")));
      now.set(now.get().plus(Duration.ofMinutes(5)));
      gitops.deploy(DEV, API, BUILT, DeploymentState.FAILURE, now.get());

      PromotionSync repaired = ok(service.sync(Actor.of("cron")));
      assertThat(repaired.closed().map(note -> note.message())).containsExactly(
          "PR #1 from platinur/promote/api/staging was not recorded; closed it: sha256:a1a1a1a1a1a1 is pinned in dev but not deployed healthy"
              + " there (its latest deployment status is failure). Only a digest deployed healthy in dev may enter staging.");
      assertThat(gitops.listOpen().get()).isEmpty();
    }
  }

  @Nested
  class A_rollback_pr_opened_but_not_recorded {
    @Test
    void is_adopted_as_a_requested_rollback_then_merged_by_the_next_sync() {
      inProdCanary();
      gitops.canary(API_PROD, CanaryVerdict.PASSED);
      ok(service.complete(API_PROD, Actor.of("bob")));
      crashing("PullRequestHost.openPromotionPr", true, () -> service.rollback(API_PROD, Actor.of("alice")));
      assertThat(latest(API_PROD)).isInstanceOf(DigestPromotion.Promoted.class);

      PromotionSync repaired = ok(service.sync(Actor.of("cron")));
      assertThat(repaired.events()).containsExactly(new DigestPromotionEvent.RollbackOpened(API_PROD, PullRequestNumber.of(2), RollbackReason.REQUESTED));
      ok(service.sync(Actor.of("cron"))); // the rollback policy merges on green CI
      assertThat(latest(API_PROD)).isInstanceOf(DigestPromotion.RolledBack.class);
      assertThat(pin(PROD, API)).isEqualTo(IN_PROD);
      assertThat(gitops.pullCount()).isEqualTo(2);
    }

    @Test
    void opened_by_a_failed_canary_is_recorded_with_its_reason_without_a_second_pr() {
      inProdCanary();
      gitops.canary(API_PROD, CanaryVerdict.FAILED);
      crashing("PullRequestHost.openPromotionPr", true, () -> service.complete(API_PROD, Actor.of("cron")));
      assertThat(latest(API_PROD)).isInstanceOf(DigestPromotion.Canary.class);

      PromotionSync repaired = ok(service.sync(Actor.of("cron")));
      assertThat(repaired.events()).first().isEqualTo(
          new DigestPromotionEvent.RollbackOpened(API_PROD, PullRequestNumber.of(2), RollbackReason.CANARY_FAILED));
      assertThat(repaired.events()).as("its revert merges in the same sync on green CI").last()
          .isInstanceOf(DigestPromotionEvent.PromotionRolledBack.class);
      assertThat(gitops.pullCount()).isEqualTo(2);
      assertThat(pin(PROD, API)).isEqualTo(IN_PROD);
    }

    @Test
    void is_closed_when_a_new_promotion_of_the_target_is_open() {
      inProdCanary();
      gitops.canary(API_PROD, CanaryVerdict.PASSED);
      ok(service.complete(API_PROD, Actor.of("bob")));
      crashing("PullRequestHost.openPromotionPr", true, () -> service.rollback(API_PROD, Actor.of("alice")));
      gitops.pinDirectly(STAGING, API, REBUILT);
      now.set(now.get().plus(Duration.ofHours(2)));
      DigestPromotion.PrOpen next = ok(service.promote(PromoteRequest.of(API, PROD), Actor.of("alice")));

      assertThat(ok(service.sync(Actor.of("cron"))).closed().map(note -> note.message())).containsExactly(
          "PR #2 from platinur/rollback/api/prod was not recorded; closed it: The promotion of api to prod has not merged (PR #3 is open),"
              + " so the pin never moved. Close it instead of rolling back.");
      assertThat(gitops.listOpen().get().map(pr -> pr.number())).containsExactly(next.pr());
    }
  }

  @Nested
  class A_merge_done_but_not_recorded {
    @Test
    void is_recorded_by_sync_and_its_canary_starts() {
      gitops.pinDirectly(STAGING, API, BUILT);
      now.set(now.get().plus(Duration.ofHours(2)));
      DigestPromotion.PrOpen open = ok(service.promote(PromoteRequest.of(API, PROD), Actor.of("alice")));
      gitops.review(open.pr(), "bob", ReviewState.APPROVED);
      crashing("PullRequestHost.merge", true, () -> service.complete(API_PROD, Actor.of("bob")));
      assertThat(latest(API_PROD)).isInstanceOf(DigestPromotion.PrOpen.class);
      assertThat(pin(PROD, API)).isEqualTo(BUILT);

      now.set(now.get().plus(Duration.ofMinutes(3)));
      ok(service.sync(Actor.of("cron")));
      DigestPromotion.Canary canary = (DigestPromotion.Canary) latest(API_PROD);
      assertThat(canary.startedAt()).isEqualTo(now.get());
      assertThat(canary.mergeCommit()).isEqualTo(((PullRequestState.Merged) state(open.pr())).mergeCommit());
    }

    @Test
    void by_an_automatic_step_is_recorded_by_the_next_sync() {
      ok(service.promote(PromoteRequest.of(API, STAGING), Actor.of("alice")));
      crashing("PullRequestHost.merge", true, () -> service.sync(Actor.of("cron")));
      assertThat(latest(API_STAGING)).isInstanceOf(DigestPromotion.PrOpen.class);
      ok(service.sync(Actor.of("cron")));
      assertThat(latest(API_STAGING)).isInstanceOf(DigestPromotion.Promoted.class);
      assertThat(pin(STAGING, API)).isEqualTo(BUILT);
    }
  }

  @Test
  void pull_requests_into_another_branch_are_left_alone() {
    gitops.defaultCi(io.platinur.domain.gate.CiState.RED);
    ok(service.promote(PromoteRequest.of(API, STAGING), Actor.of("alice")));
    gitops.openPromotionPr(BranchName.of("platinur/promote/api/staging"), BranchName.of("release"), "t", "b");
    gitops.openPromotionPr(MAIN, BranchName.of("release"), "t", "b");
    assertThat(ok(service.sync(Actor.of("cron"))).isEmpty()).isTrue();
    assertThat(gitops.listOpen().get()).hasSize(3);
  }
}
