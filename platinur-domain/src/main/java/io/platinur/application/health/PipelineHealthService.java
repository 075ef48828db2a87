package io.platinur.application.health;

import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.forge.DeploymentEnvironment;
import io.platinur.domain.gate.StagingDeploy;
import io.platinur.domain.health.AlertCause;
import io.platinur.domain.health.PipelineAlert;
import io.platinur.domain.health.PipelineHealth;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.ContinuousIntegration;
import io.platinur.port.DeployExitCodes;
import io.platinur.port.Deployments;
import io.platinur.port.ForgePorts;
import io.platinur.port.PipelineAlerts;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * ADR-005's pipeline-health check: a failed staging deploy or red CI at the staging head raises
 * one deduplicated alert per cause; a healthy one resolves it. Run it at least every 30 minutes
 * (and on deploy and CI webhooks) so an alert is never more than 30 minutes late.
 *
 * <pre>{@code
 * PipelineHealthService health = PipelineHealthService.builder(github, exitCodes, github.alerts()).build();
 * health.check(lane.lane().get().stagingHead());
 * }</pre>
 */
public final class PipelineHealthService {
  private final String stagingEnvironment;
  private final DeployExitCodes exitCodes;
  private final Deployments deployments;
  private final ContinuousIntegration ci;
  private final PipelineAlerts alerts;

  private PipelineHealthService(
      String stagingEnvironment, DeployExitCodes exitCodes, Deployments deployments, ContinuousIntegration ci, PipelineAlerts alerts) {
    this.stagingEnvironment = Objects.requireNonNull(stagingEnvironment, "stagingEnvironment");
    this.exitCodes = Objects.requireNonNull(exitCodes, "exitCodes");
    this.deployments = Objects.requireNonNull(deployments, "deployments");
    this.ci = Objects.requireNonNull(ci, "ci");
    this.alerts = Objects.requireNonNull(alerts, "alerts");
  }

  /**
   * Pipeline health read from {@code forge}'s CI and deployments ({@link ForgePorts#ci()}, {@link
   * ForgePorts#deployments()}) and the host's deploy exit codes, alerting through {@code alerts}
   * (on GitHub, issues: {@code GitHubPlatform.alerts()}). The staging deploy is read under the name
   * {@code staging} until the builder is told otherwise.
   */
  public static Builder builder(ForgePorts forge, DeployExitCodes exitCodes, PipelineAlerts alerts) {
    return new Builder(forge, exitCodes, alerts);
  }

  /** The options of pipeline health; {@link #build()} makes the service. */
  public static final class Builder {
    private final ForgePorts forge;
    private final DeployExitCodes exitCodes;
    private final PipelineAlerts alerts;
    private DeploymentEnvironment stagingEnvironment = DeploymentEnvironment.STAGING;

    private Builder(ForgePorts forge, DeployExitCodes exitCodes, PipelineAlerts alerts) {
      this.forge = Objects.requireNonNull(forge, "forge");
      this.exitCodes = Objects.requireNonNull(exitCodes, "exitCodes");
      this.alerts = Objects.requireNonNull(alerts, "alerts");
    }

    /** The forge's name of the staging environment (default {@code staging}). */
    public Builder stagingEnvironment(DeploymentEnvironment environment) {
      this.stagingEnvironment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    public PipelineHealthService build() {
      return new PipelineHealthService(stagingEnvironment.name(), exitCodes, forge.deployments(), forge.ci(), alerts);
    }
  }

  /** Checks the pipeline at {@code stagingHead}; returns the causes raised (new or still open). */
  public Either<UseCaseFailure<NoRefusal>, Seq<AlertCause>> check(CommitId stagingHead) {
    Either<UseCaseFailure<NoRefusal>, PipelineHealth.Assessment> assessment = exitCodes.exitCode(stagingEnvironment, stagingHead)
        .flatMap(exit -> deployments.latestStatus(stagingEnvironment, stagingHead)
            .map(status -> new StagingDeploy(stagingHead, exit, status)))
        .flatMap(deploy -> ci.resultAt(stagingHead)
            .map(result -> PipelineHealth.assess(Option.some(deploy), Option.some(result))))
        .mapLeft(UseCaseFailure::unavailable);
    return assessment.flatMap(found -> Either.sequenceRight(found.raise().toStream().map(alerts::raise))
        .flatMap(raised -> Either.sequenceRight(found.resolve().toStream()
            .map(cause -> alerts.resolve(cause, "Healthy again at " + stagingHead.abbreviated() + "."))))
        .<UseCaseFailure<NoRefusal>>mapLeft(UseCaseFailure::unavailable)
        .map(done -> List.ofAll(found.raise().map(PipelineAlert::cause))));
  }
}
