package io.platinur.application.gate;

import static io.platinur.application.lane.StagingLaneServiceTest.ANA;
import static io.platinur.application.lane.StagingLaneServiceTest.CONFIG;
import static io.platinur.application.lane.StagingLaneServiceTest.MAIN;
import static io.platinur.application.lane.StagingLaneServiceTest.STAGING;
import static io.platinur.application.lane.StagingLaneServiceTest.proposal;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.health.PipelineHealthService;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.Actor;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.gate.GateDecision;
import io.platinur.domain.gate.GateFailure;
import io.platinur.domain.gate.GatePolicy;
import io.platinur.domain.gate.SmokeCheck;
import io.platinur.domain.gate.SmokeOutcome;
import io.platinur.domain.health.AlertCause;
import io.platinur.domain.health.PipelineAlert;
import io.platinur.domain.lane.NoPromotionPr;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.ForgePorts;
import io.platinur.port.PipelineAlerts;
import io.platinur.port.PortFailure;
import io.platinur.port.memory.InMemoryLaneStateStore;
import io.platinur.testkit.memory.InMemoryForge;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class PromotionGateServiceTest {
  final InMemoryForge forge = new InMemoryForge(STAGING, MAIN);
  final StagingLaneService lane = new StagingLaneService(CONFIG, forge, new InMemoryLaneStateStore(forge), forge, () -> Instant.EPOCH);
  final java.util.List<CommitId> probed = new ArrayList<>();
  DeploymentState deployment = DeploymentState.SUCCESS;
  SmokeOutcome smoke = SmokeOutcome.PASSED;
  CiState ci = CiState.GREEN;

  PromotionGateService gate(GatePolicy policy) {
    ForgePorts pipeline = ForgePorts.builder()
        .deployments((environment, commit) -> Either.right(deployment))
        .ci(commit -> Either.right(ci))
        .build();
    return PromotionGateService.builder(lane, pipeline,
            (environment, commit) -> Either.right(Option.some(0)),
            commit -> {
              probed.add(commit);
              return Either.right(new SmokeCheck(commit, smoke, ""));
            })
        .policy(policy)
        .clock(() -> Instant.EPOCH)
        .build();
  }

  @Test
  void auto_promotes_the_exact_head_when_every_condition_holds() {
    lane.apply(proposal("p-1", "Add orders", "models/orders.sql"), ANA).get();
    lane.openPromotionPr(Actor.of("gate")).get();
    CommitId head = forge.head(STAGING);

    GateDecision decision = gate(GatePolicy.automated()).autoPromote(Actor.of("gate"), Option.none()).get();

    assertThat(decision).isEqualTo(new GateDecision.Authorized(head));
    assertThat(probed).containsExactly(head);
    assertThat(lane.lane().get().deployed()).containsExactly(ProposalId.of("p-1"));
    assertThat(forge.head(MAIN)).isEqualTo(forge.head(STAGING));
  }

  @Test
  void a_blocked_gate_lists_every_failure_and_merges_nothing() {
    lane.apply(proposal("p-1", "Add orders", "models/orders.sql"), ANA).get();
    lane.openPromotionPr(Actor.of("gate")).get();
    CommitId production = forge.head(MAIN);
    deployment = DeploymentState.ERROR;
    smoke = SmokeOutcome.UNREACHABLE;
    ci = CiState.PENDING;

    GateDecision decision = gate(GatePolicy.automated()).autoPromote(Actor.of("gate"), Option.none()).get();

    assertThat(decision.fold(a -> List.<GateFailure>empty(), GateDecision.Blocked::failures).map(GateFailure::message)).containsExactly(
        "The staging deployment status is error, not success.",
        "Staging is unreachable, so smoke and E2E checks could not run.",
        "CI is still running at " + forge.head(STAGING).abbreviated() + ".");
    assertThat(forge.head(MAIN)).isEqualTo(production);
    assertThat(lane.lane().get().lock().isLocked()).isTrue();
  }

  @Test
  void publishes_each_decision_at_its_exact_commit_before_acting_on_it() {
    lane.apply(proposal("p-1", "Add orders", "models/orders.sql"), ANA).get();
    lane.openPromotionPr(Actor.of("gate")).get();
    CommitId head = forge.head(STAGING);
    java.util.List<io.platinur.domain.gate.GateReport> published = new ArrayList<>();
    ci = CiState.PENDING;

    gate(GatePolicy.automated()).withPublisher(report -> {
      published.add(report);
      return Either.right(true);
    }).autoPromote(Actor.of("gate"), Option.none()).get();

    assertThat(published).hasSize(1);
    assertThat(published.get(0).candidate()).isEqualTo(head);
    assertThat(published.get(0).verdict()).isEqualTo(io.platinur.domain.gate.GateReport.Verdict.AWAITED);
    assertThat(published.get(0).unmet().map(c -> c.condition())).containsExactly(io.platinur.domain.gate.GateCondition.CI);
  }

  @Test
  void a_decision_that_could_not_be_published_is_unavailable_and_merges_nothing() {
    lane.apply(proposal("p-1", "Add orders", "models/orders.sql"), ANA).get();
    lane.openPromotionPr(Actor.of("gate")).get();
    CommitId production = forge.head(MAIN);

    UseCaseFailure<?> failure = gate(GatePolicy.automated())
        .withPublisher(report -> Either.left(PortFailure.of(PortFailure.Kind.UNAVAILABLE, "GitHub answered 503.")))
        .autoPromote(Actor.of("gate"), Option.none()).getLeft();

    assertThat(failure).isEqualTo(UseCaseFailure.unavailable(PortFailure.of(PortFailure.Kind.UNAVAILABLE, "GitHub answered 503.")));
    assertThat(forge.head(MAIN)).isEqualTo(production);
  }

  @Test
  void a_manual_approval_policy_never_merges_by_itself() {
    lane.apply(proposal("p-1", "Add orders", "models/orders.sql"), ANA).get();
    lane.openPromotionPr(Actor.of("gate")).get();
    CommitId production = forge.head(MAIN);
    GateDecision decision = gate(GatePolicy.builder().requireManualApproval(true).build()).autoPromote(Actor.of("gate"), Option.none()).get();
    assertThat(decision.isAuthorized()).isFalse();
    assertThat(forge.head(MAIN)).isEqualTo(production);
  }

  @Test
  void auto_promotion_needs_an_open_promotion_pr() {
    assertThat(gate(GatePolicy.automated()).autoPromote(Actor.of("gate"), Option.none()).getLeft())
        .isEqualTo(UseCaseFailure.rejected(new NoPromotionPr()));
    assertThat(new NoPromotionPr().message()).isEqualTo("No promotion PR is open for the staged batch.");
  }

  @Test
  void pipeline_health_raises_once_per_cause_and_resolves_when_healthy() {
    RecordingAlerts alerts = new RecordingAlerts();
    deployment = DeploymentState.FAILURE;
    ci = CiState.RED;
    PipelineHealthService health = PipelineHealthService.builder(
        ForgePorts.builder().deployments((environment, commit) -> Either.right(deployment)).ci(commit -> Either.right(ci)).build(),
        (environment, commit) -> Either.right(Option.some(1)), alerts).build();
    CommitId head = forge.head(STAGING);

    assertThat(health.check(head).get()).containsExactly(AlertCause.STAGING_DEPLOY_FAILED, AlertCause.CI_RED);
    health.check(head).get();
    assertThat(alerts.open.keySet()).containsExactlyInAnyOrder(AlertCause.STAGING_DEPLOY_FAILED, AlertCause.CI_RED);
    assertThat(alerts.opened).isEqualTo(2);

    ci = CiState.GREEN;
    assertThat(health.check(head).get()).containsExactly(AlertCause.STAGING_DEPLOY_FAILED);
    assertThat(alerts.open.keySet()).containsExactly(AlertCause.STAGING_DEPLOY_FAILED);
  }

  /** Deduplicates like a real alert host: one open alert per cause. */
  static final class RecordingAlerts implements PipelineAlerts {
    Map<AlertCause, PipelineAlert> open = HashMap.empty();
    int opened;

    @Override
    public Either<PortFailure, Boolean> raise(PipelineAlert alert) {
      boolean isNew = !open.containsKey(alert.cause());
      opened += isNew ? 1 : 0;
      open = open.put(alert.cause(), alert);
      return Either.right(isNew);
    }

    @Override
    public Either<PortFailure, Boolean> resolve(AlertCause cause, String note) {
      boolean was = open.containsKey(cause);
      open = open.remove(cause);
      return Either.right(was);
    }
  }
}
