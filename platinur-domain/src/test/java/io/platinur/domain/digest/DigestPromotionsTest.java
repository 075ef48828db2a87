package io.platinur.domain.digest;

import static io.platinur.domain.digest.PromotionExamples.API;
import static io.platinur.domain.digest.PromotionExamples.DEV;
import static io.platinur.domain.digest.PromotionExamples.PROD;
import static io.platinur.domain.digest.PromotionExamples.STAGING;
import static io.platinur.domain.digest.PromotionExamples.T0;
import static io.platinur.domain.digest.PromotionExamples.WEB;
import static io.platinur.domain.digest.PromotionExamples.allHealthy;
import static io.platinur.domain.digest.PromotionExamples.commit;
import static io.platinur.domain.digest.PromotionExamples.digest;
import static io.platinur.domain.digest.PromotionExamples.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.domain.digest.DigestPromotion.Canary;
import io.platinur.domain.digest.DigestPromotion.PrOpen;
import io.platinur.domain.digest.DigestPromotion.Promoted;
import io.platinur.domain.digest.DigestPromotion.RolledBack;
import io.platinur.domain.digest.DigestPromotion.RollingBack;
import io.platinur.domain.digest.DigestPromotion.Withdrawn;
import io.platinur.domain.digest.PromotionEvent.PromotionCompleted;
import io.platinur.domain.digest.PromotionEvent.PromotionPrOpened;
import io.platinur.domain.digest.PromotionEvent.PromotionProposed;
import io.platinur.domain.digest.PromotionEvent.RollbackOpened;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DigestPromotionsTest {
  private static final PromotionPath PATH = PromotionPath.standard();
  private static final ImageDigest BUILT = digest(0xa1);
  private static final ImageDigest OLD = digest(0xb2);
  private static final ImageDigest ELSEWHERE = digest(0xc3);
  /** dev and staging run BUILT, prod runs OLD; web only in dev. */
  private static final Pins PINS = Pins.none()
      .with(DEV, API, BUILT).with(STAGING, API, BUILT).with(PROD, API, OLD).with(DEV, WEB, digest(0xd4));
  private static final Seq<DigestDeployment> HEALTHY = allHealthy(PINS, T0.minus(Duration.ofHours(2)));
  private static final PromotionTarget API_PROD = target(API, PROD);
  private static final PullRequestNumber PR = PullRequestNumber.of(12);
  private static final PullRequestNumber REVERT_PR = PullRequestNumber.of(13);
  private static final CommitId MERGE = commit(0x500);
  private static final CommitId REVERT = commit(0x501);

  private static <L, R> R accepted(Either<L, R> decision) {
    assertThat(decision.isRight()).as("accepted, but was %s", decision).isTrue();
    return decision.get();
  }

  private static String rejected(Either<? extends PromotionRejection, ?> decision) {
    assertThat(decision.isLeft()).as("rejected, but was %s", decision).isTrue();
    return decision.getLeft().message();
  }

  private static Either<PromoteRejection, Seq<PromotionEvent>> promote(DigestPromotions promotions, PromoteRequest request) {
    return promotions.promote(PATH, PINS, HEALTHY, request);
  }

  private static DigestPromotions prOpen() {
    DigestPromotions none = DigestPromotions.none();
    return none.after(accepted(promote(none, PromoteRequest.of(API, PROD)))).after(List.of(new PromotionPrOpened(API_PROD, PR)));
  }

  private static DigestPromotions inCanary() {
    DigestPromotions open = prOpen();
    return open.after(open.observe(PATH, API_PROD, PR, new PullRequestState.Merged(MERGE), T0));
  }

  @Nested
  class Promote {
    @Test
    void moves_the_digest_pinned_and_healthy_in_the_environment_before() {
      Seq<PromotionEvent> events = accepted(promote(DigestPromotions.none(), PromoteRequest.of(API, PROD)));
      assertThat(events).containsExactly(new PromotionProposed(new Promotion(API_PROD, STAGING, BUILT, Option.some(OLD))));
    }

    @Test
    void refuses_an_environment_off_the_path_and_the_first_one() {
      assertThat(rejected(promote(DigestPromotions.none(), PromoteRequest.of(API, EnvironmentName.of("qa")))))
          .isEqualTo("Unknown environment ‘qa’: the promotion path is dev → staging → prod.");
      assertThat(rejected(promote(DigestPromotions.none(), PromoteRequest.of(API, DEV))))
          .isEqualTo("Nothing promotes into dev: it is the first environment on the path, where digests are built.");
    }

    @Test
    void refuses_an_unknown_service() {
      assertThat(rejected(promote(DigestPromotions.none(), PromoteRequest.of(ServiceName.of("billing"), PROD))))
          .isEqualTo("Unknown service ‘billing’: no environment pins it.");
    }

    @Test
    void refuses_a_skip_from_a_named_source() {
      assertThat(rejected(promote(DigestPromotions.none(), new PromoteRequest(API, PROD, Option.some(DEV), Option.none()))))
          .isEqualTo("No skipping: prod is entered only from staging, not from dev. Promote api to staging first.");
    }

    @Test
    void refuses_a_digest_that_skipped_an_environment() {
      Pins ahead = PINS.with(DEV, API, ELSEWHERE);
      assertThat(rejected(DigestPromotions.none().promote(PATH, ahead, allHealthy(ahead, T0),
              new PromoteRequest(API, PROD, Option.none(), Option.some(ELSEWHERE)))))
          .isEqualTo("No skipping: " + ELSEWHERE.abbreviated() + " is pinned in dev but not in staging, and prod is entered only "
              + "from staging. Promote it to staging first.");
    }

    @Test
    void refuses_a_digest_from_elsewhere_build_once() {
      assertThat(rejected(promote(DigestPromotions.none(), new PromoteRequest(API, PROD, Option.none(), Option.some(ELSEWHERE)))))
          .isEqualTo(ELSEWHERE.abbreviated() + " is not the digest pinned in staging (that is " + BUILT.abbreviated()
              + "). Only the digest pinned and deployed healthy in staging may enter prod: build once, never rebuild or bring a digest from elsewhere.");
    }

    @Test
    void refuses_when_the_source_pins_nothing() {
      assertThat(rejected(promote(DigestPromotions.none(), PromoteRequest.of(WEB, PROD))))
          .isEqualTo("web has no digest pinned in staging, so there is nothing to promote to prod.");
    }

    @Test
    void has_nothing_to_do_when_the_target_already_pins_the_digest() {
      assertThat(rejected(promote(DigestPromotions.none(), PromoteRequest.of(API, STAGING))))
          .isEqualTo("api already pins " + BUILT.abbreviated() + " in staging; nothing to promote.");
    }

    @Test
    void refuses_a_digest_not_deployed_healthy_in_the_source() {
      Seq<DigestDeployment> failed = HEALTHY.append(new DigestDeployment(STAGING, API, BUILT, DeploymentState.FAILURE, T0));
      assertThat(rejected(DigestPromotions.none().promote(PATH, PINS, failed, PromoteRequest.of(API, PROD))))
          .isEqualTo(BUILT.abbreviated() + " is pinned in staging but not deployed healthy there (its latest deployment status is failure). "
              + "Only a digest deployed healthy in staging may enter prod.");
      assertThat(rejected(DigestPromotions.none().promote(PATH, PINS, List.empty(), PromoteRequest.of(API, PROD))))
          .isEqualTo(BUILT.abbreviated() + " is pinned in staging but not deployed healthy there (no deployment status is recorded). "
              + "Only a digest deployed healthy in staging may enter prod.");
      Seq<DigestDeployment> superseded = HEALTHY.append(PromotionExamples.healthy(STAGING, API, ELSEWHERE, T0));
      assertThat(rejected(DigestPromotions.none().promote(PATH, PINS, superseded, PromoteRequest.of(API, PROD))))
          .contains("(the latest deployment there is of " + ELSEWHERE.abbreviated() + ")");
    }

    @Test
    void allows_one_open_promotion_per_target_and_services_independently() {
      DigestPromotions open = prOpen();
      assertThat(rejected(promote(open, PromoteRequest.of(API, PROD))))
          .isEqualTo("A promotion of api to prod is already open: PR #12. Merge or close it before promoting again.");
      Pins webInStaging = PINS.with(STAGING, WEB, digest(0xd4));
      assertThat(open.promote(PATH, webInStaging, allHealthy(webInStaging, T0), PromoteRequest.of(WEB, PROD)).isRight()).isTrue();
      assertThat(rejected(promote(inCanary(), PromoteRequest.of(API, PROD))))
          .isEqualTo("The last promotion of api to prod is still in canary. Complete or roll it back before promoting again.");
    }
  }

  @Nested
  class Observe {
    @Test
    void a_merged_promotion_pr_starts_the_canary_of_a_canary_step() {
      assertThat(inCanary().latest(API_PROD).get()).isEqualTo(new Canary(new Promotion(API_PROD, STAGING, BUILT, Option.some(OLD)), PR, MERGE, T0));
    }

    @Test
    void a_merged_promotion_pr_completes_a_step_without_canary() {
      Pins devAhead = PINS.with(DEV, API, ELSEWHERE);
      DigestPromotions none = DigestPromotions.none();
      PromotionTarget apiStaging = target(API, STAGING);
      DigestPromotions open = none.after(accepted(none.promote(PATH, devAhead, allHealthy(devAhead, T0), PromoteRequest.of(API, STAGING))))
          .after(List.of(new PromotionPrOpened(apiStaging, PR)));
      DigestPromotions merged = open.after(open.observe(PATH, apiStaging, PR, new PullRequestState.Merged(MERGE), T0));
      assertThat(merged.latest(apiStaging).get()).isInstanceOf(Promoted.class);
    }

    @Test
    void a_closed_promotion_pr_withdraws_it_and_the_target_is_free_again() {
      DigestPromotions open = prOpen();
      DigestPromotions closed = open.after(open.observe(PATH, API_PROD, PR, new PullRequestState.ClosedUnmerged(), T0));
      assertThat(closed.latest(API_PROD).get()).isInstanceOf(Withdrawn.class);
      assertThat(promote(closed, PromoteRequest.of(API, PROD)).isRight()).isTrue();
    }

    @Test
    void ignores_other_pull_requests_and_repeats() {
      DigestPromotions open = prOpen();
      assertThat(open.observe(PATH, API_PROD, PullRequestNumber.of(99), new PullRequestState.Merged(MERGE), T0)).isEmpty();
      assertThat(open.observe(PATH, API_PROD, PR, new PullRequestState.Open(commit(1)), T0)).isEmpty();
      assertThat(inCanary().observe(PATH, API_PROD, PR, new PullRequestState.Merged(MERGE), T0)).isEmpty();
    }

    @Test
    void an_event_illegal_in_the_current_state_is_an_error() {
      assertThatThrownBy(() -> DigestPromotions.none().after(List.of(new PromotionCompleted(API_PROD))))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> prOpen().after(List.of(new RollbackOpened(API_PROD, REVERT_PR, RollbackReason.REQUESTED))))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Nested
  class Complete {
    private final StepDecision passed = new StepDecision.Passed(API_PROD);

    @Test
    void merges_an_open_pr_whose_gate_passed() {
      CompletionStep step = accepted(prOpen().complete(PATH, API_PROD, CompletionEvidence.gate(passed), T0));
      assertThat(step).isEqualTo(new CompletionStep.Merge((PrOpen) prOpen().latest(API_PROD).get()));
    }

    @Test
    void lists_every_unmet_condition_of_a_blocked_gate() {
      StepDecision blocked = new StepDecision.Blocked(API_PROD, List.of(
          new StepFailure(StepCondition.CI, "CI is red at abc1234."), new StepFailure(StepCondition.APPROVALS, "Needs 1 approval of head abc1234; has 0.")));
      assertThat(rejected(prOpen().complete(PATH, API_PROD, CompletionEvidence.gate(blocked), T0)))
          .isEqualTo("PR #12 promoting api to prod cannot merge yet: CI is red at abc1234. Needs 1 approval of head abc1234; has 0.");
    }

    @Test
    void completes_a_passed_canary_and_rolls_back_a_failed_one() {
      assertThat(accepted(inCanary().complete(PATH, API_PROD, CompletionEvidence.canary(CanaryVerdict.PASSED), T0.plusSeconds(60))))
          .isEqualTo(new CompletionStep.Record(List.of(new PromotionCompleted(API_PROD))));
      CompletionStep failed = accepted(inCanary().complete(PATH, API_PROD, CompletionEvidence.canary(CanaryVerdict.FAILED), T0.plusSeconds(60)));
      assertThat(failed).isEqualTo(new CompletionStep.RollBack(
          new RollbackPlan(new Promotion(API_PROD, STAGING, BUILT, Option.some(OLD)), PR, MERGE, RollbackReason.CANARY_FAILED)));
    }

    @Test
    void waits_for_a_running_canary_until_its_timeout_then_rolls_back() {
      Instant soon = T0.plus(Duration.ofMinutes(10));
      assertThat(rejected(inCanary().complete(PATH, API_PROD, CompletionEvidence.canary(CanaryVerdict.RUNNING), soon)))
          .isEqualTo("The canary of api in prod has no verdict yet; it rolls back if none arrives by 2026-12-01T10:30:00Z.");
      assertThat(accepted(inCanary().complete(PATH, API_PROD, CompletionEvidence.canary(CanaryVerdict.INCONCLUSIVE), T0.plus(Duration.ofMinutes(30)))))
          .isInstanceOf(CompletionStep.RollBack.class);
    }

    @Test
    void refuses_when_nothing_is_in_progress_or_it_is_done() {
      assertThat(rejected(DigestPromotions.none().complete(PATH, API_PROD, CompletionEvidence.none(), T0)))
          .isEqualTo("No promotion of api to prod is in progress.");
      DigestPromotions done = inCanary().after(List.of(new PromotionCompleted(API_PROD)));
      assertThat(rejected(done.complete(PATH, API_PROD, CompletionEvidence.none(), T0)))
          .isEqualTo("The promotion of api to prod is already complete.");
      DigestPromotions none = DigestPromotions.none();
      DigestPromotions proposed = none.after(accepted(promote(none, PromoteRequest.of(API, PROD))));
      assertThat(rejected(proposed.complete(PATH, API_PROD, CompletionEvidence.none(), T0)))
          .isEqualTo("The promotion of api to prod has no PR yet. Sync Promotions to open it.");
    }
  }

  @Nested
  class Rollback {
    @Test
    void plans_the_revert_of_the_latest_merged_promotion() {
      RollbackPlan plan = accepted(inCanary().rollback(PATH, PINS, API_PROD, RollbackReason.REQUESTED));
      assertThat(plan.mergeCommit()).isEqualTo(MERGE);
      assertThat(plan.promotion().previous()).contains(OLD);
    }

    @Test
    void a_merged_revert_rolls_back_and_frees_the_target() {
      DigestPromotions rolling = inCanary().after(List.of(new RollbackOpened(API_PROD, REVERT_PR, RollbackReason.CANARY_FAILED)));
      assertThat(rejected(rolling.rollback(PATH, PINS, API_PROD, RollbackReason.REQUESTED)))
          .isEqualTo("A rollback of api in prod is already open: PR #13.");
      assertThat(rejected(promote(rolling, PromoteRequest.of(API, PROD))))
          .isEqualTo("A rollback of api in prod is open: PR #13. Merge or close it before promoting again.");
      DigestPromotions rolled = rolling.after(rolling.observe(PATH, API_PROD, REVERT_PR, new PullRequestState.Merged(REVERT), T0));
      assertThat(rolled.latest(API_PROD).get()).isInstanceOf(RolledBack.class);
      assertThat(rejected(rolled.rollback(PATH, PINS, API_PROD, RollbackReason.REQUESTED)))
          .isEqualTo("Nothing to roll back: the latest promotion of api to prod is already rolled back (PR #13).");
    }

    @Test
    void a_closed_revert_leaves_the_promotion_merged_and_unverified() {
      DigestPromotions rolling = inCanary().after(List.of(new RollbackOpened(API_PROD, REVERT_PR, RollbackReason.REQUESTED)));
      DigestPromotions kept = rolling.after(rolling.observe(PATH, API_PROD, REVERT_PR, new PullRequestState.ClosedUnmerged(), T0));
      assertThat(kept.latest(API_PROD).get().describe()).isEqualTo("merged as " + MERGE.abbreviated() + ", not yet verified");
      assertThat(rolling.latest(API_PROD).get()).isInstanceOf(RollingBack.class);
    }

    @Test
    void refuses_when_no_promotion_was_merged() {
      assertThat(rejected(DigestPromotions.none().rollback(PATH, PINS, API_PROD, RollbackReason.REQUESTED)))
          .isEqualTo("Nothing to roll back: no promotion of api to prod was merged.");
      assertThat(rejected(prOpen().rollback(PATH, PINS, API_PROD, RollbackReason.REQUESTED)))
          .isEqualTo("The promotion of api to prod has not merged (PR #12 is open), so the pin never moved. Close it instead of rolling back.");
      DigestPromotions open = prOpen();
      DigestPromotions withdrawn = open.after(open.observe(PATH, API_PROD, PR, new PullRequestState.ClosedUnmerged(), T0));
      assertThat(rejected(withdrawn.rollback(PATH, PINS, API_PROD, RollbackReason.REQUESTED)))
          .isEqualTo("Nothing to roll back: the latest promotion of api to prod (PR #12) was closed unmerged.");
      assertThat(rejected(DigestPromotions.none().rollback(PATH, PINS, target(ServiceName.of("billing"), PROD), RollbackReason.REQUESTED)))
          .isEqualTo("Unknown service ‘billing’: no environment pins it.");
    }
  }
}
