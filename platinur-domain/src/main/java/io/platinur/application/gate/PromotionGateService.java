package io.platinur.application.gate;

import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.Actor;
import io.platinur.domain.Refusal;
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

  /**
   * @param stagingEnvironment the forge's name for the staging environment (for deployments)
   */
  public PromotionGateService(
      StagingLaneService lane,
      String stagingEnvironment,
      DeployExitCodes exitCodes,
      Deployments deployments,
      SmokeTests smokeTests,
      ContinuousIntegration ci,
      GatePolicy policy,
      TimeSource time) {
    this.lane = Objects.requireNonNull(lane, "lane");
    this.stagingEnvironment = Objects.requireNonNull(stagingEnvironment, "stagingEnvironment");
    this.exitCodes = Objects.requireNonNull(exitCodes, "exitCodes");
    this.deployments = Objects.requireNonNull(deployments, "deployments");
    this.smokeTests = Objects.requireNonNull(smokeTests, "smokeTests");
    this.ci = Objects.requireNonNull(ci, "ci");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.time = Objects.requireNonNull(time, "time");
    this.publisher = GatePublisher.NONE;
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
