package io.platinur.examples.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.health.PipelineHealthService;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.InvalidValueException;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.health.AlertCause;
import io.platinur.domain.health.PipelineAlert;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.examples.ExampleLanes;
import io.platinur.git.GitStaging;
import io.platinur.port.PipelineAlerts;
import io.platinur.port.PortFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineHealthMonitorTest {
  @TempDir Path dir;
  GitStaging git;
  StagingLaneService lane;
  final List<PipelineAlert> raised = new CopyOnWriteArrayList<>();
  final CountDownLatch firstAlert = new CountDownLatch(1);

  /** Records alerts; one open alert per cause, as a real alert host keeps them. */
  final PipelineAlerts alerts = new PipelineAlerts() {
    @Override
    public Either<PortFailure, Boolean> raise(PipelineAlert alert) {
      boolean isNew = raised.stream().noneMatch(a -> a.cause() == alert.cause());
      if (isNew) {
        raised.add(alert);
      }
      firstAlert.countDown();
      return Either.right(isNew);
    }

    @Override
    public Either<PortFailure, Boolean> resolve(AlertCause cause, String note) {
      return Either.right(raised.removeIf(a -> a.cause() == cause));
    }
  };

  @BeforeEach
  void lane() {
    CommitAuthor ana = new CommitAuthor("Ana", "ana@example.com", Instant.parse("2026-11-24T09:00:00Z"));
    git = GitStaging.init(dir.resolve("lane.git"), ExampleLanes.gitConfig(), ana).get();
    lane = new StagingLaneService(ExampleLanes.configuration(), git.staging(), git.laneStateStore(),
        git.offlineHost().pullRequests(), () -> Instant.parse("2026-11-24T09:00:00Z"));
  }

  @AfterEach
  void close() {
    git.close();
  }

  private PipelineHealthService health(int exitCode, DeploymentState deployment, CiState ci) {
    return PipelineHealthService.builder(
        io.platinur.port.ForgePorts.builder().deployments((environment, commit) -> Either.right(deployment)).ci(commit -> Either.right(ci)).build(),
        (environment, commit) -> Either.right(Option.some(exitCode)), alerts).build();
  }

  @Test
  void a_failed_staging_deploy_raises_its_alert_at_the_first_scheduled_check() throws Exception {
    CommitId head = lane.lane().get().stagingHead();
    try (PipelineHealthMonitor monitor = PipelineHealthMonitor.start(
        lane, health(1, DeploymentState.FAILURE, CiState.GREEN), Duration.ofMinutes(15), failure -> { })) {
      assertThat(firstAlert.await(20, TimeUnit.SECONDS)).as("the first check runs at once").isTrue();
      assertThat(raised).extracting(PipelineAlert::cause).containsExactly(AlertCause.STAGING_DEPLOY_FAILED);
      assertThat(raised.get(0).commit()).isEqualTo(head);
      // checking again keeps the one alert
      assertThat(monitor.checkNow().get()).containsExactly(AlertCause.STAGING_DEPLOY_FAILED);
      assertThat(raised).hasSize(1);
    }
  }

  @Test
  void a_healthy_pipeline_resolves_the_alert() {
    try (PipelineHealthMonitor red = PipelineHealthMonitor.start(
        lane, health(0, DeploymentState.SUCCESS, CiState.RED), Duration.ofMinutes(30), failure -> { })) {
      assertThat(red.checkNow().get()).containsExactly(AlertCause.CI_RED);
    }
    try (PipelineHealthMonitor green = PipelineHealthMonitor.start(
        lane, health(0, DeploymentState.SUCCESS, CiState.GREEN), Duration.ofMinutes(30), failure -> { })) {
      assertThat(green.checkNow().get()).isEmpty();
      assertThat(raised).isEmpty();
    }
  }

  @Test
  void a_check_that_cannot_reach_the_forge_is_reported_and_the_schedule_goes_on() throws Exception {
    CountDownLatch reported = new CountDownLatch(1);
    List<UseCaseFailure<NoRefusal>> failures = new CopyOnWriteArrayList<>();
    PipelineHealthService unreachable = PipelineHealthService.builder(
        io.platinur.port.ForgePorts.builder()
            .deployments((environment, commit) -> Either.left(PortFailure.of(PortFailure.Kind.UNAVAILABLE, "GitHub could not be reached.")))
            .ci(commit -> Either.right(CiState.GREEN)).build(),
        (environment, commit) -> Either.right(Option.some(0)), alerts).build();
    try (PipelineHealthMonitor monitor = PipelineHealthMonitor.start(lane, unreachable, Duration.ofMinutes(15), failure -> {
      failures.add(failure);
      reported.countDown();
    })) {
      assertThat(reported.await(20, TimeUnit.SECONDS)).isTrue();
      assertThat(failures.get(0).message()).isEqualTo("GitHub could not be reached.");
    }
  }

  @Test
  void refuses_an_interval_that_would_make_alerts_later_than_thirty_minutes() {
    PipelineHealthService health = health(0, DeploymentState.SUCCESS, CiState.GREEN);
    for (Duration interval : List.of(Duration.ofMinutes(31), Duration.ZERO, Duration.ofSeconds(-1))) {
      assertThatThrownBy(() -> PipelineHealthMonitor.start(lane, health, interval, failure -> { }))
          .isInstanceOf(InvalidValueException.class)
          .hasMessage("The pipeline-health interval must be more than zero and at most 30 minutes, so alerts are never later than ADR-005 allows.");
    }
  }
}
