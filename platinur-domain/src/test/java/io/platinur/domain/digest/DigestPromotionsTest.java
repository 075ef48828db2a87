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

import io.platinur.domain.digest.DigestPromotion.Canary;
import io.platinur.domain.digest.DigestPromotion.PrOpen;
import io.platinur.domain.digest.DigestPromotion.Promoted;
import io.platinur.domain.digest.DigestPromotion.RolledBack;
import io.platinur.domain.digest.DigestPromotion.RollingBack;
import io.platinur.domain.digest.DigestPromotion.Withdrawn;
import io.platinur.domain.digest.DigestPromotionEvent.CanaryStarted;
import io.platinur.domain.digest.DigestPromotionEvent.DigestPrClosed;
import io.platinur.domain.digest.DigestPromotionEvent.DigestPrMerged;
import io.platinur.domain.digest.DigestPromotionEvent.DigestPrOpened;
import io.platinur.domain.digest.DigestPromotionEvent.PromotionCompleted;
import io.platinur.domain.digest.DigestPromotionEvent.PromotionProposed;
import io.platinur.domain.digest.DigestPromotionEvent.RollbackOpened;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.proposal.RepoPath;
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
  private static final PinLayout LAYOUT = PinLayout.standard();
  private static final ImageDigest BUILT = digest(0xa1);
  private static final ImageDigest OLD = digest(0xb2);
  private static final ImageDigest ELSEWHERE = digest(0xc3);
  /** dev and staging run BUILT, prod runs OLD; web only in dev. */
  private static final Pins PINS = Pins.none()
      .with(DEV, API, BUILT).with(STAGING, API, BUILT).with(PROD, API, OLD).with(DEV, WEB, digest(0xd4));
  private static final PinReading READING = PinReading.of(LAYOUT, PINS);
  private static final Seq<DigestDeployment> HEALTHY = allHealthy(PINS, T0.minus(Duration.ofHours(2)));
  private static final PromotionTarget API_PROD = target(API, PROD);
  private static final PromotionTarget API_STAGING = target(API, STAGING);
  private static final PullRequestNumber PR = PullRequestNumber.of(12);
  private static final PullRequestNumber REVERT_PR = PullRequestNumber.of(13);
  private static final CommitId HEAD = commit(0x400);
  private static final CommitId MERGE = commit(0x500);
  private static final CommitId REVERT = commit(0x501);
  private static final Promotion TO_PROD = new Promotion(API_PROD, STAGING, BUILT, Option.some(OLD));

  private static <L, R> R accepted(Either<L, R> decision) {
    assertThat(decision.isRight()).as("accepted, but was %s", decision).isTrue();
    return decision.get();
  }

  private static String rejected(Either<? extends DigestPromotionRejection, ?> decision) {
    assertThat(decision.isLeft()).as("rejected, but was %s", decision).isTrue();
    return decision.getLeft().message();
  }

  private static DigestPromotions none() {
    return DigestPromotions.none(PATH);
  }

  private static Either<PromoteRejection, PromoteAccepted> promote(DigestPromotions promotions, PromoteRequest request) {
    return promotions.promote(READING, HEALTHY, request);
  }

  private static DigestPromotions after(DigestPromotions promotions, Seq<DigestPromotionEvent> events) {
    return accepted(promotions.after(events));
  }

  private static DigestPromotions prOpen() {
    return after(none(), accepted(promote(none(), PromoteRequest.of(API, PROD))).events(PR));
  }

  private static DigestPromotions inCanary() {
    DigestPromotions open = prOpen();
    return after(open, open.observe(API_PROD, PR, new PullRequestState.Merged(MERGE), T0));
  }

  private static DigestPromotions rollingBack(RollbackReason reason) {
    return after(inCanary(), List.of(new RollbackOpened(API_PROD, REVERT_PR, reason)));
  }

  private static GateObservation gated(StepDecision decision) {
    return new GateObservation.Gated(HEAD, decision);
  }

  @Nested
  class Promote {
    @Test
    void moves_the_digest_pinned_and_healthy_in_the_environment_before_and_says_what_to_write() {
      PromoteAccepted accepted = accepted(promote(none(), PromoteRequest.of(API, PROD)));
      assertThat(accepted.promotion()).isEqualTo(TO_PROD);
      assertThat(accepted.pinFile()).isEqualTo(RepoPath.of("environments/prod/api/values.yaml"));
      assertThat(accepted.branch().name().name()).isEqualTo("platinur/promote/api/prod");
      assertThat(accepted.events(PR)).containsExactly(new PromotionProposed(TO_PROD), new DigestPrOpened(API_PROD, PR));
      assertThat(accepted.opened(PR)).isEqualTo(new PrOpen(TO_PROD, PR));
      assertThat(after(none(), accepted.events(PR)).latest(API_PROD)).contains(accepted.opened(PR));
      assertThat(accepted.prTitle()).isEqualTo("Promote api to prod: " + BUILT.abbreviated());
      assertThat(accepted.prBody()).isEqualTo("Moves the pin of api in prod (environments/prod/api/values.yaml, image.digest) from "
          + OLD + " to " + BUILT + ", the digest pinned and deployed healthy in staging. Nothing else changes.\n");
    }

    @Test
    void refuses_an_environment_off_the_path_and_the_first_one() {
      assertThat(rejected(promote(none(), PromoteRequest.of(API, EnvironmentName.of("qa")))))
          .isEqualTo("Unknown environment ‘qa’: the promotion path is dev → staging → prod.");
      assertThat(rejected(promote(none(), PromoteRequest.of(API, DEV))))
          .isEqualTo("Nothing promotes into dev: it is the first environment on the path, where digests are built.");
    }

    @Test
    void refuses_an_unknown_service() {
      assertThat(rejected(promote(none(), PromoteRequest.of(ServiceName.of("billing"), PROD))))
          .isEqualTo("Unknown service ‘billing’: no environment pins it.");
    }

    @Test
    void refuses_a_skip_from_a_named_source() {
      assertThat(rejected(promote(none(), new PromoteRequest(API, PROD, Option.some(DEV), Option.none()))))
          .isEqualTo("No skipping: prod is entered only from staging, not from dev. Promote api to staging first.");
    }

    @Test
    void refuses_an_environment_named_as_its_own_source() {
      Either<PromoteRejection, PromoteAccepted> itself = promote(none(), new PromoteRequest(API, STAGING, Option.some(STAGING), Option.none()));
      assertThat(itself.getLeft()).isInstanceOf(PromoteRejection.IntoItself.class);
      assertThat(rejected(itself)).isEqualTo("An environment never promotes into itself: staging is entered only from dev.");
    }

    @Test
    void refuses_a_digest_that_skipped_an_environment() {
      Pins ahead = PINS.with(DEV, API, ELSEWHERE);
      assertThat(rejected(none().promote(PinReading.of(LAYOUT, ahead), allHealthy(ahead, T0),
              new PromoteRequest(API, PROD, Option.none(), Option.some(ELSEWHERE)))))
          .isEqualTo("No skipping: " + ELSEWHERE.abbreviated() + " is pinned in dev but not in staging, and prod is entered only "
              + "from staging. Promote it to staging first.");
    }

    @Test
    void refuses_a_digest_from_elsewhere_build_once() {
      assertThat(rejected(promote(none(), new PromoteRequest(API, PROD, Option.none(), Option.some(ELSEWHERE)))))
          .isEqualTo(ELSEWHERE.abbreviated() + " is not the digest pinned in staging (that is " + BUILT.abbreviated()
              + "). Only the digest pinned and deployed healthy in staging may enter prod: build once, never rebuild or bring a digest from elsewhere.");
    }

    @Test
    void refuses_when_the_source_pins_nothing() {
      assertThat(rejected(promote(none(), PromoteRequest.of(WEB, PROD))))
          .isEqualTo("web has no digest pinned in staging, so there is nothing to promote to prod.");
    }

    @Test
    void names_what_is_wrong_with_a_source_values_file_that_does_not_read() {
      RepoPath stagingFile = LAYOUT.pinPath(STAGING, WEB);
      for (PinFileProblem problem : List.<PinFileProblem>of(
          new PinFileProblem.NotADigest(stagingFile, LAYOUT.key(), "‘latest’ is not an image digest."),
          new PinFileProblem.NotAScalar(stagingFile, LAYOUT.key(), "a mapping"),
          new PinFileProblem.SeveralDocuments(stagingFile, 2),
          new PinFileProblem.DuplicateKey(stagingFile, LAYOUT.key()),
          new PinFileProblem.Unparseable(stagingFile, 1, 3, "mapping values are not allowed here"))) {
        Either<PromoteRejection, PromoteAccepted> refused =
            none().promote(new PinReading(LAYOUT, PINS, List.of(problem)), HEALTHY, PromoteRequest.of(WEB, PROD));
        assertThat(refused.getLeft()).isEqualTo(new PromoteRejection.BadPinFile(problem));
        assertThat(rejected(refused)).isEqualTo(problem.message()).contains(stagingFile.toString());
      }
    }

    @Test
    void knows_a_service_whose_only_values_file_does_not_read() {
      ServiceName billing = ServiceName.of("billing");
      PinFileProblem broken = new PinFileProblem.NotAScalar(LAYOUT.pinPath(DEV, billing), LAYOUT.key(), "a list");
      assertThat(rejected(none().promote(new PinReading(LAYOUT, PINS, List.of(broken)), HEALTHY, PromoteRequest.of(billing, STAGING))))
          .isEqualTo(broken.message());
    }

    @Test
    void names_what_is_wrong_with_the_targets_values_file_once_everything_else_holds() {
      PinFileProblem broken = new PinFileProblem.DuplicateKey(LAYOUT.pinPath(PROD, API), LAYOUT.key());
      Pins unreadableProd = Pins.none().with(DEV, API, BUILT).with(STAGING, API, BUILT);
      assertThat(rejected(none().promote(new PinReading(LAYOUT, unreadableProd, List.of(broken)), HEALTHY, PromoteRequest.of(API, PROD))))
          .isEqualTo("image.digest appears more than once in environments/prod/api/values.yaml.");
      assertThat(rejected(none().promote(new PinReading(LAYOUT, unreadableProd, List.of(broken)), List.empty(), PromoteRequest.of(API, PROD))))
          .startsWith(BUILT.abbreviated() + " is pinned in staging but not deployed healthy there");
    }

    @Test
    void has_nothing_to_do_when_the_target_already_pins_the_digest() {
      assertThat(rejected(promote(none(), PromoteRequest.of(API, STAGING))))
          .isEqualTo("api already pins " + BUILT.abbreviated() + " in staging; nothing to promote.");
    }

    @Test
    void refuses_a_digest_not_deployed_healthy_in_the_source() {
      Seq<DigestDeployment> failed = HEALTHY.append(new DigestDeployment(STAGING, API, BUILT, DeploymentState.FAILURE, T0));
      assertThat(rejected(none().promote(READING, failed, PromoteRequest.of(API, PROD))))
          .isEqualTo(BUILT.abbreviated() + " is pinned in staging but not deployed healthy there (its latest deployment status is failure). "
              + "Only a digest deployed healthy in staging may enter prod.");
      assertThat(rejected(none().promote(READING, List.empty(), PromoteRequest.of(API, PROD))))
          .isEqualTo(BUILT.abbreviated() + " is pinned in staging but not deployed healthy there (no deployment status is recorded). "
              + "Only a digest deployed healthy in staging may enter prod.");
      Seq<DigestDeployment> superseded = HEALTHY.append(PromotionExamples.healthy(STAGING, API, ELSEWHERE, T0));
      assertThat(rejected(none().promote(READING, superseded, PromoteRequest.of(API, PROD))))
          .contains("(the latest deployment there is of " + ELSEWHERE.abbreviated() + ")");
    }

    @Test
    void allows_one_open_promotion_per_target_and_services_independently() {
      DigestPromotions open = prOpen();
      assertThat(rejected(promote(open, PromoteRequest.of(API, PROD))))
          .isEqualTo("A promotion of api to prod is already open: PR #12. Merge or close it before promoting again.");
      Pins webInStaging = PINS.with(STAGING, WEB, digest(0xd4));
      assertThat(open.promote(PinReading.of(LAYOUT, webInStaging), allHealthy(webInStaging, T0), PromoteRequest.of(WEB, PROD)).isRight()).isTrue();
      assertThat(rejected(promote(inCanary(), PromoteRequest.of(API, PROD))))
          .isEqualTo("The last promotion of api to prod is still in canary. Complete or roll it back before promoting again.");
    }
  }

  @Nested
  class The_board {
    @Test
    void says_for_every_next_step_what_it_waits_for() {
      assertThat(prOpen().nextSteps(READING, HEALTHY).toJavaMap()).containsExactly(
          java.util.Map.entry(API_PROD, "PR #12 open"),
          java.util.Map.entry(API_STAGING, "api already pins " + BUILT.abbreviated() + " in staging; nothing to promote."),
          java.util.Map.entry(target(WEB, PROD), "web has no digest pinned in staging, so there is nothing to promote to prod."),
          java.util.Map.entry(target(WEB, STAGING), "ready: " + digest(0xd4).abbreviated() + " from dev"));
    }
  }

  @Nested
  class Observe {
    @Test
    void a_merged_promotion_pr_starts_the_canary_of_a_canary_step() {
      assertThat(inCanary().latest(API_PROD).get()).isEqualTo(new Canary(TO_PROD, PR, MERGE, T0));
    }

    @Test
    void a_merged_promotion_pr_completes_a_step_without_canary() {
      Pins devAhead = PINS.with(DEV, API, ELSEWHERE);
      PromoteAccepted toStaging = accepted(none().promote(PinReading.of(LAYOUT, devAhead), allHealthy(devAhead, T0), PromoteRequest.of(API, STAGING)));
      DigestPromotions open = after(none(), toStaging.events(PR));
      DigestPromotions merged = after(open, open.observe(API_STAGING, PR, new PullRequestState.Merged(MERGE), T0));
      assertThat(merged.latest(API_STAGING).get()).isInstanceOf(Promoted.class);
    }

    @Test
    void a_closed_promotion_pr_withdraws_it_and_the_target_is_free_again() {
      DigestPromotions open = prOpen();
      DigestPromotions closed = after(open, open.observe(API_PROD, PR, new PullRequestState.ClosedUnmerged(), T0));
      assertThat(closed.latest(API_PROD).get()).isInstanceOf(Withdrawn.class);
      assertThat(promote(closed, PromoteRequest.of(API, PROD)).isRight()).isTrue();
    }

    @Test
    void ignores_other_pull_requests_and_repeats() {
      DigestPromotions open = prOpen();
      assertThat(open.observe(API_PROD, PullRequestNumber.of(99), new PullRequestState.Merged(MERGE), T0)).isEmpty();
      assertThat(open.observe(API_PROD, PR, new PullRequestState.Open(commit(1)), T0)).isEmpty();
      assertThat(inCanary().observe(API_PROD, PR, new PullRequestState.Merged(MERGE), T0)).isEmpty();
    }

    @Test
    void an_event_illegal_in_the_current_state_is_a_value_naming_it_and_changes_nothing() {
      Either<IllegalPromotionEvent, DigestPromotions> completed = none().after(List.of(new PromotionCompleted(API_PROD)));
      assertThat(completed.getLeft().message())
          .isEqualTo("PromotionCompleted cannot happen to the promotion of api to prod in its state (no promotion).");
      Either<IllegalPromotionEvent, DigestPromotions> rollback = prOpen().after(List.of(new RollbackOpened(API_PROD, REVERT_PR, RollbackReason.REQUESTED)));
      assertThat(rollback.getLeft().message()).isEqualTo("RollbackOpened cannot happen to the promotion of api to prod in its state (PR #12 open).");
      assertThat(prOpen().after(List.of(new DigestPrMerged(API_PROD, PullRequestNumber.of(99), MERGE))).getLeft().event())
          .isEqualTo(new DigestPrMerged(API_PROD, PullRequestNumber.of(99), MERGE));
      assertThat(prOpen().after(List.of(new DigestPrClosed(API_PROD, PR), new DigestPrMerged(API_PROD, PR, MERGE))).isLeft()).isTrue();
      assertThat(inCanary().after(List.of(new PromotionProposed(TO_PROD))).isLeft()).isTrue();
    }
  }

  @Nested
  class Complete {
    private final StepDecision passed = new StepDecision.Passed(API_PROD);

    private CompletionNeed.Gate gateNeed() {
      CompletionNeed need = accepted(prOpen().complete(API_PROD, T0));
      assertThat(need.evidence()).isEqualTo(CompletionNeed.Evidence.GATE);
      return need.fold(nothing -> null, state -> null, gate -> gate, verdict -> null);
    }

    @Test
    void an_open_pr_needs_its_gate_and_merges_at_the_head_it_passed_at() {
      CompletionNeed.Gate need = gateNeed();
      assertThat(need.question()).isEqualTo(new GateQuestion(TO_PROD, PR, PromotionBranch.Kind.PROMOTION,
          PATH.policyFor(PROD).get(), Option.some(BUILT)));
      CompletionStep step = accepted(need.decide(gated(passed), T0));
      assertThat(step).isEqualTo(new CompletionStep.Merge(API_PROD, PR, HEAD, PromotionBranch.Kind.PROMOTION, List.of(new CanaryStarted(API_PROD, T0))));
      CompletionStep.Merge merge = step.fold(m -> m, r -> null, b -> null, d -> null);
      assertThat(merge.merged(MERGE)).containsExactly(new DigestPrMerged(API_PROD, PR, MERGE), new CanaryStarted(API_PROD, T0));
    }

    @Test
    void lists_every_unmet_condition_of_a_blocked_gate() {
      StepDecision blocked = new StepDecision.Blocked(API_PROD, List.of(
          new StepFailure(StepCondition.CI, "CI is red at abc1234."), new StepFailure(StepCondition.APPROVALS, "Needs 1 approval of head abc1234; has 0.")));
      assertThat(rejected(gateNeed().decide(gated(blocked), T0)))
          .isEqualTo("PR #12 promoting api to prod cannot merge yet: CI is red at abc1234. Needs 1 approval of head abc1234; has 0.");
    }

    @Test
    void a_pr_found_merged_or_closed_is_recorded_as_what_it_is_never_refused() {
      CompletionStep merged = accepted(gateNeed().decide(new GateObservation.Merged(MERGE), T0));
      assertThat(merged).isEqualTo(new CompletionStep.Record(List.of(new DigestPrMerged(API_PROD, PR, MERGE), new CanaryStarted(API_PROD, T0))));
      CompletionStep closed = accepted(gateNeed().decide(new GateObservation.Closed(), T0));
      assertThat(closed).isEqualTo(new CompletionStep.Record(List.of(new DigestPrClosed(API_PROD, PR))));
    }

    @Test
    void a_merged_promotion_needs_nothing_and_starts_its_canary_now() {
      DigestPromotions merged = rollingBack(RollbackReason.REQUESTED);
      merged = after(merged, merged.observe(API_PROD, REVERT_PR, new PullRequestState.ClosedUnmerged(), T0));
      CompletionNeed need = accepted(merged.complete(API_PROD, T0.plusSeconds(5)));
      assertThat(need).isEqualTo(new CompletionNeed.Nothing(API_PROD, new CompletionStep.Record(List.of(new CanaryStarted(API_PROD, T0.plusSeconds(5))))));
      assertThat(need.evidence()).isEqualTo(CompletionNeed.Evidence.NONE);
    }

    @Test
    void a_canary_needs_its_verdict_completes_when_it_passed_and_rolls_back_when_it_failed() {
      CompletionNeed need = accepted(inCanary().complete(API_PROD, T0));
      assertThat(need.evidence()).isEqualTo(CompletionNeed.Evidence.CANARY_VERDICT);
      CompletionNeed.Verdict verdict = need.fold(n -> null, s -> null, g -> null, v -> v);
      assertThat(verdict.digest()).isEqualTo(BUILT);
      assertThat(accepted(verdict.decide(CanaryVerdict.PASSED, T0.plusSeconds(60))))
          .isEqualTo(new CompletionStep.Record(List.of(new PromotionCompleted(API_PROD))));
      Canary canary = new Canary(TO_PROD, PR, MERGE, T0);
      assertThat(accepted(verdict.decide(CanaryVerdict.FAILED, T0.plusSeconds(60))))
          .isEqualTo(new CompletionStep.RollBack(new RollbackAccepted(canary, RollbackReason.CANARY_FAILED)));
    }

    @Test
    void waits_for_a_running_canary_until_its_timeout_then_rolls_back() {
      CompletionNeed.Verdict verdict = accepted(inCanary().complete(API_PROD, T0)).fold(n -> null, s -> null, g -> null, v -> v);
      assertThat(rejected(verdict.decide(CanaryVerdict.RUNNING, T0.plus(Duration.ofMinutes(10)))))
          .isEqualTo("The canary of api in prod has no verdict yet; it rolls back if none arrives by 2026-12-01T10:30:00Z.");
      assertThat(accepted(verdict.decide(CanaryVerdict.INCONCLUSIVE, T0.plus(Duration.ofMinutes(30)))))
          .isEqualTo(new CompletionStep.RollBack(new RollbackAccepted(new Canary(TO_PROD, PR, MERGE, T0), RollbackReason.CANARY_TIMED_OUT)));
    }

    @Test
    void refuses_when_nothing_is_in_progress_or_it_is_done() {
      assertThat(rejected(none().complete(API_PROD, T0))).isEqualTo("No promotion of api to prod is in progress.");
      DigestPromotions done = after(inCanary(), List.of(new PromotionCompleted(API_PROD)));
      assertThat(rejected(done.complete(API_PROD, T0))).isEqualTo("The promotion of api to prod is already complete.");
      DigestPromotions proposed = after(none(), List.of(new PromotionProposed(TO_PROD)));
      assertThat(rejected(proposed.complete(API_PROD, T0))).isEqualTo("The promotion of api to prod has no PR yet. Sync Promotions to open it.");
      assertThat(rejected(rollingBack(RollbackReason.CANARY_FAILED).complete(API_PROD, T0)))
          .isEqualTo("The promotion of api to prod is being rolled back: PR #13. Merge or close it first.");
      assertThat(rejected(none().complete(target(API, EnvironmentName.of("qa")), T0)))
          .isEqualTo("Unknown environment ‘qa’: the promotion path is dev → staging → prod.");
    }

    @Test
    void after_a_lost_race_a_step_another_writer_recorded_is_already_done() {
      DigestPromotion earlier = prOpen().latest(API_PROD).get();
      CompletionNeed again = accepted(inCanary().completeAgain(API_PROD, earlier, T0));
      assertThat(again).isEqualTo(new CompletionNeed.Nothing(API_PROD, new CompletionStep.AlreadyDone(inCanary().latest(API_PROD).get())));
      assertThat(accepted(prOpen().completeAgain(API_PROD, earlier, T0)).evidence()).as("nothing moved: decided anew")
          .isEqualTo(CompletionNeed.Evidence.GATE);
      DigestPromotion canary = inCanary().latest(API_PROD).get();
      assertThat(accepted(rollingBack(RollbackReason.CANARY_FAILED).completeAgain(API_PROD, canary, T0)))
          .isEqualTo(new CompletionNeed.Nothing(API_PROD, new CompletionStep.AlreadyDone(rollingBack(RollbackReason.CANARY_FAILED).latest(API_PROD).get())));
    }
  }

  @Nested
  class Sync {
    @Test
    void asks_for_the_gate_of_an_automatic_step_and_only_the_state_of_a_manual_one() {
      Pins devAhead = PINS.with(DEV, API, ELSEWHERE);
      DigestPromotions staging = after(prOpen(),
          accepted(prOpen().promote(PinReading.of(LAYOUT, devAhead), allHealthy(devAhead, T0), PromoteRequest.of(API, STAGING))).events(REVERT_PR));
      assertThat(staging.sync(API_STAGING).map(CompletionNeed::evidence)).contains(CompletionNeed.Evidence.GATE);
      assertThat(staging.sync(API_PROD).map(CompletionNeed::evidence)).contains(CompletionNeed.Evidence.PR_STATE);
      assertThat(inCanary().sync(API_PROD).map(CompletionNeed::evidence)).contains(CompletionNeed.Evidence.CANARY_VERDICT);
      assertThat(rollingBack(RollbackReason.REQUESTED).sync(API_PROD).map(CompletionNeed::evidence)).contains(CompletionNeed.Evidence.GATE);
      assertThat(none().sync(API_PROD)).isEmpty();
      assertThat(after(inCanary(), List.of(new PromotionCompleted(API_PROD))).sync(API_PROD)).isEmpty();
    }

    @Test
    void a_manual_step_records_its_pr_closed_or_merged_and_nothing_while_it_is_open() {
      CompletionNeed.PrState need = prOpen().sync(API_PROD).get().fold(n -> null, s -> s, g -> null, v -> null);
      assertThat(need.decide(new PullRequestState.Open(HEAD), T0)).isEqualTo(new CompletionStep.Record(List.empty()));
      assertThat(need.decide(new PullRequestState.ClosedUnmerged(), T0)).isEqualTo(new CompletionStep.Record(List.of(new DigestPrClosed(API_PROD, PR))));
    }

    @Test
    void a_rollback_whose_gate_is_blocked_waits_for_the_next_sync_and_says_so() {
      CompletionNeed.Gate need = rollingBack(RollbackReason.CANARY_TIMED_OUT).sync(API_PROD).get().fold(n -> null, s -> null, g -> g, v -> null);
      assertThat(need.question().expectedPin()).contains(OLD);
      StepDecision blocked = new StepDecision.Blocked(API_PROD, List.of(new StepFailure(StepCondition.CI, "CI is still running at abc1234.")));
      CompleteRejection.GateBlocked waits = need.decide(gated(blocked), T0).getLeft();
      assertThat(need.waiting(waits).map(RollbackWaiting::message)).contains(
          "Rollback PR #13 of api in prod waits for its gate: CI is still running at abc1234. Another sync merges it once the gate passes.");
      assertThat(accepted(need.decide(gated(new StepDecision.Passed(API_PROD)), T0)))
          .isEqualTo(new CompletionStep.Merge(API_PROD, REVERT_PR, HEAD, PromotionBranch.Kind.ROLLBACK, List.empty()));
    }
  }

  @Nested
  class The_gate {
    @Test
    void of_an_open_pr_is_asked_under_its_steps_policy_and_of_a_rollback_under_the_rollback_policy() {
      assertThat(accepted(prOpen().gate(API_PROD)).policy()).isEqualTo(PATH.policyFor(PROD).get());
      GateQuestion rollback = accepted(rollingBack(RollbackReason.REQUESTED).gate(API_PROD));
      assertThat(rollback.pr()).isEqualTo(REVERT_PR);
      assertThat(rollback.policy()).isEqualTo(PATH.rollbackPolicy());
      assertThat(rollback.expectedPin()).contains(OLD);
    }

    @Test
    void during_a_canary_reports_the_canary_and_its_deadline() {
      Either<EvaluateRejection, GateQuestion> canary = inCanary().gate(API_PROD);
      assertThat(canary.getLeft()).isEqualTo(new EvaluateRejection.InCanary(API_PROD, PR, T0, T0.plus(Duration.ofMinutes(30))));
      assertThat(rejected(canary)).isEqualTo(
          "PR #12 promoting api to prod merged; its canary runs since 2026-12-01T10:00:00Z and rolls back if no verdict arrives by 2026-12-01T10:30:00Z.");
    }

    @Test
    void of_a_pr_closed_or_merged_since_it_was_recorded_says_so() {
      GateQuestion question = accepted(prOpen().gate(API_PROD));
      assertThat(rejected(question.answer(new GateObservation.Closed()))).isEqualTo("PR #12 is closed. Sync Promotions to record it.");
      assertThat(rejected(question.answer(new GateObservation.Merged(MERGE)))).isEqualTo("PR #12 is already merged. Sync Promotions to record it.");
      StepDecision passed = new StepDecision.Passed(API_PROD);
      assertThat(accepted(question.answer(gated(passed)))).isEqualTo(passed);
    }

    @Test
    void has_nothing_to_evaluate_without_an_open_pr() {
      assertThat(rejected(none().gate(API_PROD))).isEqualTo("No promotion of api to prod is in progress.");
      assertThat(rejected(after(inCanary(), List.of(new PromotionCompleted(API_PROD))).gate(API_PROD)))
          .isEqualTo("No promotion of api to prod is in progress.");
    }
  }

  @Nested
  class Rollback {
    @Test
    void plans_the_revert_of_the_latest_merged_promotion() {
      RollbackAccepted accepted = accepted(inCanary().rollback(PINS, API_PROD, RollbackReason.REQUESTED));
      assertThat(accepted.plan()).isEqualTo(new RollbackPlan(TO_PROD, PR, MERGE, RollbackReason.REQUESTED));
      assertThat(accepted.branch().name().name()).isEqualTo("platinur/rollback/api/prod");
      assertThat(accepted.events(REVERT_PR)).containsExactly(new RollbackOpened(API_PROD, REVERT_PR, RollbackReason.REQUESTED));
      assertThat(accepted.opened(REVERT_PR)).isEqualTo(new RollingBack(TO_PROD, PR, MERGE, REVERT_PR, RollbackReason.REQUESTED));
      assertThat(after(inCanary(), accepted.events(REVERT_PR)).latest(API_PROD)).contains(accepted.opened(REVERT_PR));
      assertThat(accepted.prTitle()).isEqualTo("Roll back api in prod to " + OLD.abbreviated());
      assertThat(accepted.prBody()).isEqualTo("Reverts " + MERGE + " (PR #12) because requested.\n");
    }

    @Test
    void a_merged_revert_rolls_back_and_frees_the_target() {
      DigestPromotions rolling = rollingBack(RollbackReason.CANARY_FAILED);
      assertThat(rejected(rolling.rollback(PINS, API_PROD, RollbackReason.REQUESTED))).isEqualTo("A rollback of api in prod is already open: PR #13.");
      assertThat(rejected(promote(rolling, PromoteRequest.of(API, PROD))))
          .isEqualTo("A rollback of api in prod is open: PR #13. Merge or close it before promoting again.");
      DigestPromotions rolled = after(rolling, rolling.observe(API_PROD, REVERT_PR, new PullRequestState.Merged(REVERT), T0));
      assertThat(rolled.latest(API_PROD).get()).isInstanceOf(RolledBack.class);
      assertThat(rejected(rolled.rollback(PINS, API_PROD, RollbackReason.REQUESTED)))
          .isEqualTo("Nothing to roll back: the latest promotion of api to prod is already rolled back (PR #13).");
    }

    @Test
    void a_closed_revert_leaves_the_promotion_merged_and_unverified() {
      DigestPromotions rolling = rollingBack(RollbackReason.REQUESTED);
      DigestPromotions kept = after(rolling, rolling.observe(API_PROD, REVERT_PR, new PullRequestState.ClosedUnmerged(), T0));
      assertThat(kept.latest(API_PROD).get().describe()).isEqualTo("merged as " + MERGE.abbreviated() + ", not yet verified");
      assertThat(rolling.latest(API_PROD).get()).isInstanceOf(RollingBack.class);
    }

    @Test
    void refuses_when_no_promotion_was_merged() {
      assertThat(rejected(none().rollback(PINS, API_PROD, RollbackReason.REQUESTED)))
          .isEqualTo("Nothing to roll back: no promotion of api to prod was merged.");
      assertThat(rejected(prOpen().rollback(PINS, API_PROD, RollbackReason.REQUESTED)))
          .isEqualTo("The promotion of api to prod has not merged (PR #12 is open), so the pin never moved. Close it instead of rolling back.");
      DigestPromotions open = prOpen();
      DigestPromotions withdrawn = after(open, open.observe(API_PROD, PR, new PullRequestState.ClosedUnmerged(), T0));
      assertThat(rejected(withdrawn.rollback(PINS, API_PROD, RollbackReason.REQUESTED)))
          .isEqualTo("Nothing to roll back: the latest promotion of api to prod (PR #12) was closed unmerged.");
      assertThat(rejected(none().rollback(PINS, target(ServiceName.of("billing"), PROD), RollbackReason.REQUESTED)))
          .isEqualTo("Unknown service ‘billing’: no environment pins it.");
    }
  }

  @Nested
  class The_states {
    @Test
    void say_which_pr_they_wait_on_which_merged_and_whether_a_rollback_may_start() {
      DigestPromotion open = prOpen().latest(API_PROD).get();
      DigestPromotion canary = inCanary().latest(API_PROD).get();
      DigestPromotion rolling = rollingBack(RollbackReason.REQUESTED).latest(API_PROD).get();
      assertThat(open.openPr()).contains(PR);
      assertThat(rolling.openPr()).contains(REVERT_PR);
      assertThat(canary.openPr()).isEmpty();
      assertThat(open.mergedPr()).isEmpty();
      assertThat(canary.mergedPr()).contains(PR);
      assertThat(rolling.mergedPr()).contains(PR);
      assertThat(canary.revertible()).contains((DigestPromotion.Revertible) canary);
      assertThat(open.revertible()).isEmpty();
      assertThat(rolling.revertible()).isEmpty();
    }

    @Test
    void know_when_one_has_moved_on_from_another_along_the_same_pr() {
      DigestPromotion open = prOpen().latest(API_PROD).get();
      DigestPromotion canary = inCanary().latest(API_PROD).get();
      DigestPromotion promoted = after(inCanary(), List.of(new PromotionCompleted(API_PROD))).latest(API_PROD).get();
      assertThat(canary.movedOnFrom(open)).isTrue();
      assertThat(promoted.movedOnFrom(canary)).isTrue();
      assertThat(open.movedOnFrom(canary)).isFalse();
      assertThat(canary.movedOnFrom(canary)).isFalse();
      assertThat(new PrOpen(TO_PROD, PullRequestNumber.of(99)).movedOnFrom(new DigestPromotion.Proposed(TO_PROD))).as("another PR").isFalse();
      assertThat(new Canary(new Promotion(API_PROD, STAGING, ELSEWHERE, Option.some(OLD)), PR, MERGE, T0).movedOnFrom(open))
          .as("another promotion").isFalse();
      Instant later = T0.plusSeconds(1);
      assertThat(inCanary().movedOn(API_PROD, open)).contains(new Canary(TO_PROD, PR, MERGE, T0));
      assertThat(inCanary().movedOn(API_PROD, new Canary(TO_PROD, PR, MERGE, later))).isEmpty();
    }
  }
}
