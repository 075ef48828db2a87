package io.platinur.examples.gate;

import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.gate.PromotionGateService;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.console.HttpSmokeTests;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.gate.GateDecision;
import io.platinur.domain.gate.GatePolicy;
import io.platinur.port.ContinuousIntegration;
import io.platinur.port.DeployExitCodes;
import io.platinur.port.Deployments;
import io.platinur.port.ForgePorts;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * ADR-005's promotion gate in a host application: smoke checks against the live staging URL
 * ({@link HttpSmokeTests}), and the deploy and CI facts the host knows (its pipeline's exit code,
 * its deployment status, its CI) as small port implementations. With GitHub, the GitHub adapter
 * supplies deployments and CI instead.
 */
public final class StagingGateExample {
  private StagingGateExample() {}

  /** What the host's pipeline reports for the staging head (here: fixed values for the example). */
  public record PipelineFacts(int deployExitCode, DeploymentState deployment, CiState ci) {}

  /** Evaluates the gate at the lane's staging head against {@code stagingUrl}. */
  public static Either<UseCaseFailure<NoRefusal>, GateDecision> evaluate(StagingLaneService lane, URI stagingUrl, PipelineFacts facts, Clock clock) {
    DeployExitCodes exitCodes = (environment, commit) -> Either.right(Option.some(facts.deployExitCode()));
    Deployments deployments = (environment, commit) -> Either.right(facts.deployment());
    ContinuousIntegration ci = commit -> Either.right(facts.ci());
    ForgePorts pipeline = ForgePorts.builder().deployments(deployments).ci(ci).build();
    PromotionGateService gate = PromotionGateService.builder(lane, pipeline, exitCodes,
        new HttpSmokeTests(stagingUrl, Duration.ofSeconds(2), Duration.ofSeconds(5))).clock(clock::instant).build();
    return gate.evaluate(Option.none(), Option.none());
  }
}
