package io.platinur.domain.gate;

import io.platinur.domain.Actor;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Duration;

/**
 * Decides whether a promotion from Staging to Prod is authorized. It is, when and only when, at
 * the exact commit being promoted: the staging deploy succeeded (exit code 0 and deployment status
 * success); smoke and E2E checks ran against the live staging URL and passed (unreachable staging
 * blocks); CI is green; and the step's {@link GatePolicy} is met (manual approval, soak time, sync
 * window). The answer lists every failing condition, not only the first.
 */
public final class PromotionGate {
  private PromotionGate() {}

  public static GateDecision evaluate(GatePolicy policy, GateEvidence evidence) {
    CommitId candidate = evidence.candidate();
    Seq<GateFailure> failures =
        List.<GateFailure>empty()
            .appendAll(deployFailures(candidate, evidence.stagingDeploy()))
            .appendAll(smokeFailures(candidate, evidence.smoke()))
            .appendAll(ciFailures(candidate, evidence.ci(), policy))
            .appendAll(policyFailures(policy, evidence));
    return failures.isEmpty()
        ? new GateDecision.Authorized(candidate)
        : new GateDecision.Blocked(candidate, failures);
  }

  /**
   * The decision with every condition the policy asks for, each with its verdict and evidence: a
   * condition that does not hold is {@link GateReport.Verdict#FAILED failed} when it failed at this
   * commit (deploy exit code not 0, a failed or errored deployment, smoke checks failed or staging
   * unreachable, CI red) and {@link GateReport.Verdict#AWAITED awaited} otherwise (not yet recorded,
   * still running, or waiting for an approval, the soak time or a sync window).
   */
  public static GateReport report(GatePolicy policy, GateEvidence evidence) {
    GateDecision decision = evaluate(policy, evidence);
    Seq<GateFailure> failures = decision.fold(authorized -> List.<GateFailure>empty(), GateDecision.Blocked::failures);
    List<GateCondition> asked = List.of(GateCondition.STAGING_DEPLOY, GateCondition.DEPLOYMENT_STATUS,
        GateCondition.SMOKE_AND_E2E, GateCondition.CI);
    if (policy.requireManualApproval()) {
      asked = asked.append(GateCondition.MANUAL_APPROVAL);
    }
    if (!policy.minimumSoak().isZero()) {
      asked = asked.append(GateCondition.SOAK_TIME);
    }
    if (!policy.syncWindows().isEmpty()) {
      asked = asked.append(GateCondition.SYNC_WINDOW);
    }
    return new GateReport(decision, asked.map(condition -> {
      Seq<GateFailure> unmet = failures.filter(f -> f.condition() == condition);
      return unmet.isEmpty()
          ? new GateReport.ConditionOutcome(condition, GateReport.Verdict.MET, metEvidence(condition, policy, evidence))
          : new GateReport.ConditionOutcome(condition, unmetVerdict(condition, evidence),
              unmet.map(GateFailure::message).mkString(" "));
    }));
  }

  private static GateReport.Verdict unmetVerdict(GateCondition condition, GateEvidence evidence) {
    CommitId candidate = evidence.candidate();
    boolean failed = switch (condition) {
      case STAGING_DEPLOY -> evidence.stagingDeploy().exists(d -> d.commit().equals(candidate)
          && d.exitCode().isDefined() && d.exitCode().get() != 0);
      case DEPLOYMENT_STATUS -> evidence.stagingDeploy().exists(d -> d.status() == DeploymentState.FAILURE
          || d.status() == DeploymentState.ERROR || d.status() == DeploymentState.INACTIVE);
      case SMOKE_AND_E2E -> evidence.smoke().exists(s -> s.commit().equals(candidate) && s.outcome() != SmokeOutcome.PASSED);
      case CI -> evidence.ci().exists(c -> c.commit().equals(candidate) && c.state() == CiState.RED);
      case MANUAL_APPROVAL, SOAK_TIME, SYNC_WINDOW -> false;
    };
    return failed ? GateReport.Verdict.FAILED : GateReport.Verdict.AWAITED;
  }

  private static String metEvidence(GateCondition condition, GatePolicy policy, GateEvidence evidence) {
    String at = evidence.candidate().abbreviated();
    return switch (condition) {
      case STAGING_DEPLOY -> "The staging deploy of " + at + " exited with code 0.";
      case DEPLOYMENT_STATUS -> "The staging deployment status is success.";
      case SMOKE_AND_E2E -> "Smoke and E2E checks passed against the live staging URL"
          + evidence.smoke().map(s -> detail(s.detail())).getOrElse(".");
      case CI -> evidence.ci().exists(c -> c.state() == CiState.GREEN)
          ? "CI is green at " + at + "."
          : "No CI checks reported at " + at + "; the policy counts that as green.";
      case MANUAL_APPROVAL -> "Approved by " + evidence.approvedBy().map(Actor::name).getOrElse("someone") + ".";
      case SOAK_TIME -> "Staging has stayed healthy for at least " + words(policy.minimumSoak()) + ".";
      case SYNC_WINDOW -> "A sync window is open now.";
    };
  }

  private static Seq<GateFailure> deployFailures(CommitId candidate, Option<StagingDeploy> recorded) {
    if (recorded.isEmpty()) {
      return List.of(fail(GateCondition.STAGING_DEPLOY, "No staging deploy of " + candidate.abbreviated() + " is recorded."));
    }
    StagingDeploy deploy = recorded.get();
    if (!deploy.commit().equals(candidate)) {
      return List.of(fail(GateCondition.STAGING_DEPLOY,
          "The staging deploy is of " + deploy.commit().abbreviated() + ", not of " + candidate.abbreviated() + ", the commit being promoted."));
    }
    List<GateFailure> failures = List.empty();
    if (deploy.exitCode().isEmpty()) {
      failures = failures.append(fail(GateCondition.STAGING_DEPLOY, "The staging deploy's exit code is unknown."));
    } else if (deploy.exitCode().get() != 0) {
      failures = failures.append(fail(GateCondition.STAGING_DEPLOY, "The staging deploy exited with code " + deploy.exitCode().get() + "."));
    }
    if (deploy.status() != DeploymentState.SUCCESS) {
      failures = failures.append(fail(GateCondition.DEPLOYMENT_STATUS,
          "The staging deployment status is " + deploy.status().words() + ", not success."));
    }
    return failures;
  }

  private static Seq<GateFailure> smokeFailures(CommitId candidate, Option<SmokeCheck> recorded) {
    if (recorded.isEmpty()) {
      return List.of(fail(GateCondition.SMOKE_AND_E2E, "Smoke and E2E checks have not run against the live staging URL."));
    }
    SmokeCheck smoke = recorded.get();
    if (!smoke.commit().equals(candidate)) {
      return List.of(fail(GateCondition.SMOKE_AND_E2E,
          "Smoke and E2E checks ran against " + smoke.commit().abbreviated() + ", not " + candidate.abbreviated() + ", the commit being promoted."));
    }
    return switch (smoke.outcome()) {
      case PASSED -> List.empty();
      case FAILED -> List.of(fail(GateCondition.SMOKE_AND_E2E,
          "Smoke and E2E checks failed against the live staging URL" + detail(smoke.detail())));
      case UNREACHABLE -> List.of(fail(GateCondition.SMOKE_AND_E2E,
          "Staging is unreachable, so smoke and E2E checks could not run" + detail(smoke.detail())));
    };
  }

  private static Seq<GateFailure> ciFailures(CommitId candidate, Option<CiResult> recorded, GatePolicy policy) {
    if (recorded.isEmpty()) {
      return List.of(fail(GateCondition.CI, "CI has not reported at " + candidate.abbreviated() + "."));
    }
    CiResult ci = recorded.get();
    if (!ci.commit().equals(candidate)) {
      return List.of(fail(GateCondition.CI,
          "CI reported at " + ci.commit().abbreviated() + ", not at " + candidate.abbreviated() + ", the commit being promoted."));
    }
    String at = " at " + candidate.abbreviated() + ".";
    return switch (ci.state()) {
      case GREEN -> List.empty();
      case PENDING -> List.of(fail(GateCondition.CI, "CI is still running" + named(candidate, "pending", ci.pending())));
      case RED -> List.of(fail(GateCondition.CI, "CI is red" + named(candidate, "failed", ci.failing())
          + (ci.pending().isEmpty() ? "" : " " + names("Pending", ci.pending()))));
      case NO_CHECKS -> policy.noChecksCountsAsGreen()
          ? List.empty()
          : List.of(fail(GateCondition.CI, "No CI checks reported" + at));
    };
  }

  private static Seq<GateFailure> policyFailures(GatePolicy policy, GateEvidence evidence) {
    List<GateFailure> failures = List.empty();
    if (policy.requireManualApproval() && evidence.approvedBy().isEmpty()) {
      failures = failures.append(fail(GateCondition.MANUAL_APPROVAL, "This promotion needs a manual approval."));
    }
    Duration soak = policy.minimumSoak();
    if (!soak.isZero()) {
      Duration healthy = evidence.healthySince().map(since -> Duration.between(since, evidence.now())).getOrElse(Duration.ZERO);
      if (healthy.compareTo(soak) < 0) {
        failures = failures.append(fail(GateCondition.SOAK_TIME,
            "Staging must stay healthy for " + words(soak) + " before promotion; it has for " + words(healthy.isNegative() ? Duration.ZERO : healthy) + "."));
      }
    }
    if (!policy.syncWindows().isEmpty() && policy.syncWindows().stream().noneMatch(w -> w.isOpenAt(evidence.now()))) {
      failures = failures.append(fail(GateCondition.SYNC_WINDOW, "No sync window is open now."));
    }
    return failures;
  }

  /** {@code " at abc1234."}, or with the checks named: {@code " at abc1234 (pending: build, e2e)."} */
  private static String named(CommitId candidate, String what, Seq<String> checks) {
    return " at " + candidate.abbreviated() + (checks.isEmpty() ? "" : " (" + what + ": " + checks.mkString(", ") + ")") + ".";
  }

  private static String names(String what, Seq<String> checks) {
    return what + ": " + checks.mkString(", ") + ".";
  }

  private static String detail(String detail) {
    String trimmed = detail.strip().replaceAll("[.]+$", "");
    return trimmed.isEmpty() ? "." : ": " + trimmed + ".";
  }

  private static String words(Duration duration) {
    long minutes = duration.toMinutes();
    return minutes >= 60 && minutes % 60 == 0 ? (minutes / 60) + " h" : minutes + " min";
  }

  private static GateFailure fail(GateCondition condition, String message) {
    return new GateFailure(condition, message);
  }
}
