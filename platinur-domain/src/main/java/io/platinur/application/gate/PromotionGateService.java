package io.platinur.application.gate;

import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.Actor;
import io.platinur.domain.Refusal;
import io.platinur.domain.forge.DeploymentEnvironment;
import io.platinur.domain.gate.GateDecision;
import io.platinur.domain.gate.GateEvidence;
import io.platinur.domain.gate.GatePolicy;
import io.platinur.domain.gate.GateReport;
import io.platinur.domain.gate.PromotionGate;
import io.platinur.domain.gate.SmokeCheck;
import io.platinur.domain.gate.StagingDeploy;
import io.platinur.domain.lane.NoPromotionPr;
import io.platinur.domain.lane.PromotionPrMergedRejection;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.ContinuousIntegration;
import io.platinur.port.DeployExitCodes;
import io.platinur.port.Deployments;
import io.platinur.port.ForgePorts;
import io.platinur.port.GatePublisher;
import io.platinur.port.SmokeTests;
import io.platinur.port.TimeSource;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * ADR-005's promotion gate, wired to the ports that know the truth: the deploy pipeline's exit
 * code, the forge's deployment status, smoke and E2E checks against live staging, and CI — all at
 * the exact staging head being promoted. {@link #autoPromote} merges the promotion PR when the gate
 * authorizes it and the policy needs no person.
 *
 * <p>A host wires it with {@link #builder}: the lane it guards, the forge that reports CI and
 * deployments and shows the decisions, and its own two ports (the deploy pipeline's exit codes,
 * the smoke tests against live staging):
 *
 * <pre>{@code
 * PromotionGateService gate = PromotionGateService.builder(lane, github, exitCodes, smokeTests).build();
 * gate.autoPromote(Actor.of("promotion-bot"), Option.none());
 * }</pre>
 */
public final class PromotionGateService {
  private final StagingLaneService lane;
  private final String stagingEnvironment;
  private final DeployExitCodes exitCodes;
  private final Deployments deployments;
  private final SmokeTests smokeTests;
  private final ContinuousIntegration ci;
  private final GatePolicy policy;
  private final TimeSource time;
  private final GatePublisher publisher;

  private PromotionGateService(Builder options) {
    this.lane = options.lane;
    this.stagingEnvironment = options.stagingEnvironment.name();
    this.exitCodes = options.exitCodes;
    this.deployments = options.deployments;
    this.smokeTests = options.smokeTests;
    this.ci = options.ci;
    this.policy = options.policy;
    this.time = options.time;
    this.publisher = options.publisher;
  }

  /**
   * The gate of {@code lane}'s promotions: CI, the staging deployment's status and the place each
   * decision is shown come from {@code forge} ({@link ForgePorts#ci()}, {@link
   * ForgePorts#deployments()}, {@link ForgePorts#gatePublisher()}); the deploy exit codes and the
   * smoke tests from the host. Until the builder is told otherwise the policy is ADR-005's fully
   * automated one ({@link GatePolicy#automated()}), the forge calls the staging environment
   * {@code staging}, and time is the lane's.
   */
  public static Builder builder(StagingLaneService lane, ForgePorts forge, DeployExitCodes exitCodes, SmokeTests smokeTests) {
    return new Builder(lane, forge, exitCodes, smokeTests);
  }

  /** The options of a promotion gate; {@link #build()} makes it. */
  public static final class Builder {
    private final StagingLaneService lane;
    private final DeployExitCodes exitCodes;
    private final SmokeTests smokeTests;
    private DeploymentEnvironment stagingEnvironment = DeploymentEnvironment.STAGING;
    private Deployments deployments;
    private ContinuousIntegration ci;
    private GatePolicy policy = GatePolicy.automated();
    private TimeSource time;
    private GatePublisher publisher;

    private Builder(StagingLaneService lane, ForgePorts forge, DeployExitCodes exitCodes, SmokeTests smokeTests) {
      this.lane = Objects.requireNonNull(lane, "lane");
      this.exitCodes = Objects.requireNonNull(exitCodes, "exitCodes");
      this.smokeTests = Objects.requireNonNull(smokeTests, "smokeTests");
      Objects.requireNonNull(forge, "forge");
      this.deployments = forge.deployments();
      this.ci = forge.ci();
      this.publisher = forge.gatePublisher();
      this.time = lane.timeSource();
    }

    /** The forge's name of the staging environment, for deploy exit codes and deployments (default {@code staging}). */
    public Builder stagingEnvironment(DeploymentEnvironment environment) {
      this.stagingEnvironment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /** The gate's policy (default {@link GatePolicy#automated()}: ADR-005, no person). */
    public Builder policy(GatePolicy gatePolicy) {
      this.policy = Objects.requireNonNull(gatePolicy, "gatePolicy");
      return this;
    }

    /** The time soaks are measured with (default: the lane's). */
    public Builder clock(TimeSource timeSource) {
      this.time = Objects.requireNonNull(timeSource, "timeSource");
      return this;
    }

    /** CI from somewhere other than the forge (default: the forge's). */
    public Builder ci(ContinuousIntegration continuousIntegration) {
      this.ci = Objects.requireNonNull(continuousIntegration, "continuousIntegration");
      return this;
    }

    /** Deployment statuses from somewhere other than the forge (default: the forge's). */
    public Builder deployments(Deployments stagingDeployments) {
      this.deployments = Objects.requireNonNull(stagingDeployments, "stagingDeployments");
      return this;
    }

    /** Where decisions are shown (default: the forge's {@link ForgePorts#gatePublisher()}); see {@link PromotionGateService#withPublisher}. */
    public Builder publisher(GatePublisher gatePublisher) {
      this.publisher = Objects.requireNonNull(gatePublisher, "gatePublisher");
      return this;
    }

    public PromotionGateService build() {
      return new PromotionGateService(this);
    }
  }

  private PromotionGateService(PromotionGateService base, GatePublisher publisher) {
    this.lane = base.lane;
    this.stagingEnvironment = base.stagingEnvironment;
    this.exitCodes = base.exitCodes;
    this.deployments = base.deployments;
    this.smokeTests = base.smokeTests;
    this.ci = base.ci;
    this.policy = base.policy;
    this.time = base.time;
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  /**
   * The same gate, publishing every decision it reaches at its exact commit (on GitHub, a commit
   * status and a check run that branch rules can require). A publication that fails makes the
   * evaluation fail as {@code Unavailable}: a gate that could not be shown is not relied upon.
   */
  public PromotionGateService withPublisher(GatePublisher publisher) {
    return new PromotionGateService(this, publisher);
  }

  /** Evaluates the gate at the lane's staging head, with a manual approval when one was given. */
  public Either<UseCaseFailure<NoRefusal>, GateDecision> evaluate(Option<Actor> approvedBy, Option<Instant> healthySince) {
    return lane.lane().flatMap(current -> evaluateAt(current.stagingHead(), approvedBy, healthySince));
  }

  /** Evaluates the gate at one exact commit. */
  public <R extends Refusal> Either<UseCaseFailure<R>, GateDecision> evaluateAt(
      CommitId candidate, Option<Actor> approvedBy, Option<Instant> healthySince) {
    return exitCodes.exitCode(stagingEnvironment, candidate)
        .flatMap(exit -> deployments.latestStatus(stagingEnvironment, candidate)
            .map(status -> new StagingDeploy(candidate, exit, status)))
        .flatMap(deploy -> smokeTests.runAgainstStaging(candidate)
            .flatMap((SmokeCheck smoke) -> ci.resultAt(candidate)
                .map(result -> new GateEvidence(candidate, Option.some(deploy), Option.some(smoke),
                    Option.some(result), approvedBy, healthySince, time.now()))))
        .map(evidence -> PromotionGate.report(policy, evidence))
        .flatMap(report -> publisher.publish(report).map(written -> report.decision()))
        .mapLeft(UseCaseFailure::unavailable);
  }

  /**
   * When the batch's promotion PR is open, the policy is automatic (no manual approval) and the
   * gate authorizes the exact head, merges the PR at that head and syncs. Otherwise returns the
   * decision, changing nothing. Refused ({@link NoPromotionPr}) when no promotion PR is open.
   */
  public Either<UseCaseFailure<PromotionPrMergedRejection>, GateDecision> autoPromote(Actor actor, Option<Instant> healthySince) {
    return lane.lane().<UseCaseFailure<PromotionPrMergedRejection>>mapLeft(NoRefusal::widen)
        .flatMap(current -> current.lock() instanceof ReleaseLock.PromotionPrOpen
            ? this.<PromotionPrMergedRejection>evaluateAt(current.stagingHead(), Option.none(), healthySince).flatMap(decision ->
                decision.isAuthorized() && !policy.requireManualApproval()
                    ? lane.mergePromotionPr(actor).map(synced -> decision)
                    : Either.right(decision))
            : Either.left(UseCaseFailure.rejected(new NoPromotionPr())));
  }
}
