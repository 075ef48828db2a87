package io.platinur.domain.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.Actor;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PromotionGateTest {
  private static final CommitId HEAD = CommitId.of("a".repeat(40));
  private static final CommitId OTHER = CommitId.of("b".repeat(40));
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z"); // a Tuesday

  private static StagingDeploy deploy(Option<Integer> exit, DeploymentState status) {
    return new StagingDeploy(HEAD, exit, status);
  }

  /** Every combination of deploy exit, deployment status, smoke outcome and CI state. */
  static Stream<Arguments> every_combination() {
    List<Arguments> all = new ArrayList<>();
    for (Option<Integer> exit : List.of(Option.some(0), Option.some(1), Option.<Integer>none())) {
      for (DeploymentState status : DeploymentState.values()) {
        for (SmokeOutcome smoke : SmokeOutcome.values()) {
          for (CiState ci : CiState.values()) {
            all.add(Arguments.of(exit, status, smoke, ci));
          }
        }
      }
    }
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("every_combination")
  void authorizes_exactly_when_deploy_smoke_and_ci_all_pass(
      Option<Integer> exit, DeploymentState status, SmokeOutcome smoke, CiState ci) {
    GateDecision decision = PromotionGate.evaluate(GatePolicy.automated(),
        GateEvidence.of(HEAD, deploy(exit, status), new SmokeCheck(HEAD, smoke, ""), new CiResult(HEAD, ci), NOW));

    boolean expected = exit.contains(0) && status == DeploymentState.SUCCESS && smoke == SmokeOutcome.PASSED && ci == CiState.GREEN;
    assertThat(decision.isAuthorized()).isEqualTo(expected);
    assertThat(decision.candidate()).isEqualTo(HEAD);
    int expectedFailures = (exit.contains(0) ? 0 : 1) + (status == DeploymentState.SUCCESS ? 0 : 1)
        + (smoke == SmokeOutcome.PASSED ? 0 : 1) + (ci == CiState.GREEN ? 0 : 1);
    assertThat(failures(decision)).hasSize(expectedFailures);
  }

  @Test
  void lists_every_failing_condition_with_its_message() {
    GateDecision decision = PromotionGate.evaluate(GatePolicy.automated(), GateEvidence.of(HEAD,
        deploy(Option.some(2), DeploymentState.FAILURE),
        new SmokeCheck(HEAD, SmokeOutcome.UNREACHABLE, "connection refused."),
        new CiResult(HEAD, CiState.RED), NOW));
    assertThat(failures(decision).map(GateFailure::message)).containsExactly(
        "The staging deploy exited with code 2.",
        "The staging deployment status is failure, not success.",
        "Staging is unreachable, so smoke and E2E checks could not run: connection refused.",
        "CI is red at aaaaaaa.");
    assertThat(failures(decision).map(GateFailure::condition)).containsExactly(
        GateCondition.STAGING_DEPLOY, GateCondition.DEPLOYMENT_STATUS, GateCondition.SMOKE_AND_E2E, GateCondition.CI);
  }

  @Test
  void evidence_about_another_commit_never_counts() {
    GateDecision decision = PromotionGate.evaluate(GatePolicy.automated(), GateEvidence.of(HEAD,
        new StagingDeploy(OTHER, Option.some(0), DeploymentState.SUCCESS),
        new SmokeCheck(OTHER, SmokeOutcome.PASSED, ""),
        new CiResult(OTHER, CiState.GREEN), NOW));
    assertThat(failures(decision).map(GateFailure::message)).containsExactly(
        "The staging deploy is of bbbbbbb, not of aaaaaaa, the commit being promoted.",
        "Smoke and E2E checks ran against bbbbbbb, not aaaaaaa, the commit being promoted.",
        "CI reported at bbbbbbb, not at aaaaaaa, the commit being promoted.");
  }

  @Test
  void missing_evidence_blocks() {
    GateDecision decision = PromotionGate.evaluate(GatePolicy.automated(), new GateEvidence(
        HEAD, Option.none(), Option.none(), Option.none(), Option.none(), Option.none(), NOW));
    assertThat(failures(decision).map(GateFailure::message)).containsExactly(
        "No staging deploy of aaaaaaa is recorded.",
        "Smoke and E2E checks have not run against the live staging URL.",
        "CI has not reported at aaaaaaa.");
  }

  @Test
  void no_checks_is_green_only_when_the_policy_says_so() {
    GateEvidence evidence = GateEvidence.of(HEAD, deploy(Option.some(0), DeploymentState.SUCCESS),
        new SmokeCheck(HEAD, SmokeOutcome.PASSED, ""), new CiResult(HEAD, CiState.NO_CHECKS), NOW);
    assertThat(failures(PromotionGate.evaluate(GatePolicy.automated(), evidence)).map(GateFailure::message))
        .containsExactly("No CI checks reported at aaaaaaa.");
    GatePolicy lenient = GatePolicy.builder().noChecksCountsAsGreen(true).build();
    assertThat(PromotionGate.evaluate(lenient, evidence).isAuthorized()).isTrue();
  }

  @Test
  void a_policy_adds_manual_approval_soak_time_and_a_sync_window() {
    GatePolicy strict = GatePolicy.builder()
        .requireManualApproval(true)
        .minimumSoak(Duration.ofHours(1))
        .addSyncWindows(new SyncWindow(EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(9, 0), LocalTime.of(17, 0)))
        .build();
    GateEvidence green = new GateEvidence(HEAD, Option.some(deploy(Option.some(0), DeploymentState.SUCCESS)),
        Option.some(new SmokeCheck(HEAD, SmokeOutcome.PASSED, "")), Option.some(new CiResult(HEAD, CiState.GREEN)),
        Option.none(), Option.some(NOW.minus(Duration.ofMinutes(10))), NOW);
    assertThat(failures(PromotionGate.evaluate(strict, green)).map(GateFailure::message)).containsExactly(
        "This promotion needs a manual approval.",
        "Staging must stay healthy for 1 h before promotion; it has for 10 min.",
        "No sync window is open now.");

    GatePolicy tuesdays = GatePolicy.builder().from(strict).syncWindows(List.of(
        new SyncWindow(EnumSet.of(DayOfWeek.TUESDAY), LocalTime.of(9, 0), LocalTime.of(17, 0)))).build();
    GateEvidence approvedAndSoaked = new GateEvidence(HEAD, green.stagingDeploy(), green.smoke(), green.ci(),
        Option.some(Actor.of("ana")), Option.some(NOW.minus(Duration.ofHours(2))), NOW);
    assertThat(PromotionGate.evaluate(tuesdays, approvedAndSoaked)).isEqualTo(new GateDecision.Authorized(HEAD));
  }

  private static Seq<GateFailure> failures(GateDecision decision) {
    return decision.fold(authorized -> io.vavr.collection.List.empty(), GateDecision.Blocked::failures);
  }

  @ParameterizedTest
  @MethodSource("every_combination")
  void its_report_agrees_with_the_decision_and_names_failed_and_awaited_conditions(
      Option<Integer> exit, DeploymentState status, SmokeOutcome smoke, CiState ci) {
    GateEvidence evidence =
        GateEvidence.of(HEAD, deploy(exit, status), new SmokeCheck(HEAD, smoke, ""), new CiResult(HEAD, ci), NOW);

    GateReport report = PromotionGate.report(GatePolicy.automated(), evidence);

    assertThat(report.decision()).isEqualTo(PromotionGate.evaluate(GatePolicy.automated(), evidence));
    assertThat(report.conditions().map(GateReport.ConditionOutcome::condition)).containsExactly(
        GateCondition.STAGING_DEPLOY, GateCondition.DEPLOYMENT_STATUS, GateCondition.SMOKE_AND_E2E, GateCondition.CI);
    assertThat(report.verdict() == GateReport.Verdict.MET).isEqualTo(report.decision().isAuthorized());
    boolean definiteFailure = exit.isDefined() && !exit.contains(0)
        || EnumSet.of(DeploymentState.FAILURE, DeploymentState.ERROR, DeploymentState.INACTIVE).contains(status)
        || smoke != SmokeOutcome.PASSED || ci == CiState.RED;
    assertThat(report.verdict() == GateReport.Verdict.FAILED).isEqualTo(definiteFailure);
    assertThat(report.unmet().map(GateReport.ConditionOutcome::condition))
        .containsExactlyElementsOf(failures(report.decision()).map(GateFailure::condition).distinct());
  }

  @Test
  void its_report_shows_the_evidence_of_every_condition_and_the_policys_own() {
    GatePolicy policy = GatePolicy.builder().requireManualApproval(true).minimumSoak(Duration.ofMinutes(30)).build();
    GateEvidence evidence = new GateEvidence(HEAD, Option.some(deploy(Option.some(0), DeploymentState.SUCCESS)),
        Option.some(new SmokeCheck(HEAD, SmokeOutcome.PASSED, "12 checks")), Option.some(new CiResult(HEAD, CiState.PENDING)),
        Option.some(Actor.of("ana")), Option.some(NOW.minus(Duration.ofMinutes(10))), NOW);

    GateReport report = PromotionGate.report(policy, evidence);

    assertThat(report.conditions().map(c -> c.condition().words() + ": " + c.verdict() + ": " + c.evidence())).containsExactly(
        "staging deploy: MET: The staging deploy of aaaaaaa exited with code 0.",
        "deployment status: MET: The staging deployment status is success.",
        "smoke and E2E: MET: Smoke and E2E checks passed against the live staging URL: 12 checks.",
        "CI: AWAITED: CI is still running at aaaaaaa.",
        "manual approval: MET: Approved by ana.",
        "soak time: AWAITED: Staging must stay healthy for 30 min before promotion; it has for 10 min.");
    assertThat(report.verdict()).isEqualTo(GateReport.Verdict.AWAITED);
  }

  @Test
  void names_the_failing_and_pending_checks_when_ci_knows_them() {
    StagingDeploy deployed = deploy(Option.some(0), DeploymentState.SUCCESS);
    SmokeCheck passed = new SmokeCheck(HEAD, SmokeOutcome.PASSED, "");

    GateDecision red = PromotionGate.evaluate(GatePolicy.automated(), GateEvidence.of(HEAD, deployed, passed,
        new CiResult(HEAD, CiState.RED, io.vavr.collection.List.of("build", "test"), io.vavr.collection.List.of("e2e")), NOW));
    GateDecision running = PromotionGate.evaluate(GatePolicy.automated(), GateEvidence.of(HEAD, deployed, passed,
        new CiResult(HEAD, CiState.PENDING, io.vavr.collection.List.empty(), io.vavr.collection.List.of("e2e")), NOW));

    assertThat(failures(red).map(GateFailure::message)).containsExactly("CI is red at aaaaaaa (failed: build, test). Pending: e2e.");
    assertThat(failures(running).map(GateFailure::message)).containsExactly("CI is still running at aaaaaaa (pending: e2e).");
  }
}
