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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline-health monitor on virtual time: checks run at once and then every interval, so an
 * alert is never later than ADR-005's 30 minutes; a check that fails is reported and the schedule
 * goes on; closing stops it. The staging deploy and CI are what the test sets, when it sets them.
 */
class PipelineHealthMonitorTest {
  static final Instant NINE = Instant.parse("2026-11-24T09:00:00Z");

  @TempDir Path dir;
  GitStaging git;
  StagingLaneService lane;
  final VirtualSchedule schedule = new VirtualSchedule(NINE);
  final List<PipelineAlert> raised = new ArrayList<>();
  /** When each alert was raised, as time since the start. */
  final List<Duration> raisedAt = new ArrayList<>();
  final AtomicReference<DeploymentState> deployment = new AtomicReference<>(DeploymentState.SUCCESS);
  final AtomicReference<CiState> ci = new AtomicReference<>(CiState.GREEN);
  final List<UseCaseFailure<NoRefusal>> failures = new ArrayList<>();

  /** Records alerts; one open alert per cause, as a real alert host keeps them. */
  final PipelineAlerts alerts = new PipelineAlerts() {
    @Override
    public Either<PortFailure, Boolean> raise(PipelineAlert alert) {
      boolean isNew = raised.stream().noneMatch(a -> a.cause() == alert.cause());
      if (isNew) {
        raised.add(alert);
        raisedAt.add(schedule.elapsed());
      }
      return Either.right(isNew);
    }

    @Override
    public Either<PortFailure, Boolean> resolve(AlertCause cause, String note) {
      return Either.right(raised.removeIf(a -> a.cause() == cause));
    }
  };

  @BeforeEach
  void lane() {
    CommitAuthor ana = new CommitAuthor("Ana", "ana@example.com", NINE);
    git = GitStaging.init(dir.resolve("lane.git"), ExampleLanes.gitConfig(), ana).get();
    lane = new StagingLaneService(ExampleLanes.configuration(), git.staging(), git.laneStateStore(),
        git.offlinePullRequests(), () -> NINE);
  }

  @AfterEach
  void close() {
    git.close();
  }

  /** The pipeline as it is now: the deploy's exit code follows the deployment status. */
  private PipelineHealthService health() {
    return new PipelineHealthService("staging",
        (environment, commit) -> Either.right(Option.some(deployment.get() == DeploymentState.SUCCESS ? 0 : 1)),
        (environment, commit) -> Either.right(deployment.get()),
        commit -> Either.right(ci.get()), alerts);
  }

  private PipelineHealthMonitor start(Duration interval) {
    return PipelineHealthMonitor.start(lane, health(), interval, failures::add, schedule);
  }

  @Test
  void a_failed_staging_deploy_raises_its_alert_at_the_first_check_which_runs_at_once() {
    deployment.set(DeploymentState.FAILURE);
    CommitId head = lane.lane().get().stagingHead();
    try (PipelineHealthMonitor monitor = start(Duration.ofMinutes(15))) {
      schedule.advance(Duration.ZERO);

      assertThat(raised).extracting(PipelineAlert::cause).containsExactly(AlertCause.STAGING_DEPLOY_FAILED);
      assertThat(raised.get(0).commit()).isEqualTo(head);
      assertThat(raisedAt).containsExactly(Duration.ZERO);
      // the next checks keep the one alert
      schedule.advance(Duration.ofMinutes(45));
      assertThat(schedule.ran()).containsExactly(Duration.ZERO, Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofMinutes(45));
      assertThat(monitor.checkNow().get()).containsExactly(AlertCause.STAGING_DEPLOY_FAILED);
      assertThat(raised).hasSize(1);
    }
  }

  @Test
  void a_deploy_that_fails_between_two_checks_is_alerted_at_the_next_one_never_later_than_thirty_minutes() {
    try (PipelineHealthMonitor monitor = start(PipelineHealthMonitor.LONGEST_INTERVAL)) {
      schedule.advance(Duration.ofMinutes(1));
      assertThat(raised).isEmpty();

      deployment.set(DeploymentState.FAILURE); // at minute 1, just after the first check
      schedule.advance(Duration.ofMinutes(28).plusSeconds(59));
      assertThat(raised).as("not before the next check").isEmpty();
      schedule.advance(Duration.ofSeconds(1));

      assertThat(raisedAt).containsExactly(Duration.ofMinutes(30));
      assertThat(raisedAt.get(0).minus(Duration.ofMinutes(1))).isLessThanOrEqualTo(Duration.ofMinutes(30));
    }
  }

  @Test
  void red_ci_raises_its_alert_and_a_healthy_pipeline_resolves_it_at_the_next_check() {
    ci.set(CiState.RED);
    try (PipelineHealthMonitor monitor = start(Duration.ofMinutes(15))) {
      schedule.advance(Duration.ZERO);
      assertThat(raised).extracting(PipelineAlert::cause).containsExactly(AlertCause.CI_RED);

      ci.set(CiState.GREEN);
      schedule.advance(Duration.ofMinutes(15));

      assertThat(raised).isEmpty();
      assertThat(monitor.checkNow().get()).isEmpty();
    }
  }

  @Test
  void a_check_that_cannot_reach_the_forge_is_reported_and_the_schedule_goes_on() {
    PipelineHealthService unreachable = new PipelineHealthService("staging",
        (environment, commit) -> Either.right(Option.some(0)),
        (environment, commit) -> Either.left(PortFailure.of(PortFailure.Kind.UNAVAILABLE, "GitHub could not be reached.")),
        commit -> Either.right(CiState.GREEN), alerts);
    try (PipelineHealthMonitor monitor = PipelineHealthMonitor.start(lane, unreachable, Duration.ofMinutes(15), failures::add, schedule)) {
      schedule.advance(Duration.ofMinutes(15));

      assertThat(failures).extracting(UseCaseFailure::message).containsExactly("GitHub could not be reached.", "GitHub could not be reached.");
    }
  }

  @Test
  void a_check_that_throws_is_reported_as_unavailable_and_the_next_check_runs() {
    int[] calls = {0};
    PipelineHealthService throwingOnce = new PipelineHealthService("staging",
        (environment, commit) -> {
          if (calls[0]++ == 0) {
            throw new IllegalStateException("broken port");
          }
          return Either.right(Option.some(1));
        },
        (environment, commit) -> Either.right(DeploymentState.FAILURE),
        commit -> Either.right(CiState.GREEN), alerts);
    try (PipelineHealthMonitor monitor = PipelineHealthMonitor.start(lane, throwingOnce, Duration.ofMinutes(15), failures::add, schedule)) {
      schedule.advance(Duration.ofMinutes(15));

      assertThat(failures).extracting(UseCaseFailure::message).containsExactly("The pipeline-health check failed: IllegalStateException.");
      assertThat(raisedAt).containsExactly(Duration.ofMinutes(15));
    }
  }

  @Test
  void closing_the_monitor_stops_its_checks() {
    PipelineHealthMonitor monitor = start(Duration.ofMinutes(15));
    schedule.advance(Duration.ofMinutes(15));
    monitor.close();
    deployment.set(DeploymentState.FAILURE);

    schedule.advance(Duration.ofHours(2));

    assertThat(schedule.ran()).containsExactly(Duration.ZERO, Duration.ofMinutes(15));
    assertThat(raised).isEmpty();
  }

  @Test
  void refuses_an_interval_that_would_make_alerts_later_than_thirty_minutes() {
    for (Duration interval : List.of(Duration.ofMinutes(31), Duration.ZERO, Duration.ofSeconds(-1))) {
      assertThatThrownBy(() -> PipelineHealthMonitor.start(lane, health(), interval, failure -> { }))
          .isInstanceOf(InvalidValueException.class)
          .hasMessage("The pipeline-health interval must be more than zero and at most 30 minutes, so alerts are never later than ADR-005 allows.");
    }
    assertThat(schedule.ran()).isEmpty();
  }
}
