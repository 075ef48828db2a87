package io.platinur.domain.health;

import io.platinur.domain.gate.CiResult;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.StagingDeploy;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/**
 * The pipeline-health rule of ADR-005: a failed staging deploy or red CI raises an alert; a
 * healthy one resolves it. Which alerts are open and how often this runs (at least every 30
 * minutes) are the caller's; raising is deduplicated by {@link io.platinur.port.PipelineAlerts}.
 */
public final class PipelineHealth {
  private PipelineHealth() {}

  /** What to raise and what to resolve, given the latest staging deploy and CI at the staging head. */
  public static Assessment assess(Option<StagingDeploy> deploy, Option<CiResult> ci) {
    List<PipelineAlert> raise = List.empty();
    List<AlertCause> resolve = List.empty();
    if (deploy.isDefined()) {
      StagingDeploy d = deploy.get();
      if (failed(d)) {
        raise = raise.append(new PipelineAlert(AlertCause.STAGING_DEPLOY_FAILED, d.commit(),
            "The staging deploy of " + d.commit().abbreviated() + " failed: exit code "
                + d.exitCode().map(String::valueOf).getOrElse("unknown") + ", deployment status " + d.status().words() + "."));
      } else if (d.succeeded()) {
        resolve = resolve.append(AlertCause.STAGING_DEPLOY_FAILED);
      }
    }
    if (ci.isDefined()) {
      CiResult c = ci.get();
      if (c.state() == CiState.RED) {
        raise = raise.append(new PipelineAlert(AlertCause.CI_RED, c.commit(), "CI is red at " + c.commit().abbreviated() + "."));
      } else if (c.state() == CiState.GREEN) {
        resolve = resolve.append(AlertCause.CI_RED);
      }
    }
    return new Assessment(raise, resolve);
  }

  private static boolean failed(StagingDeploy deploy) {
    boolean badExit = deploy.exitCode().isDefined() && deploy.exitCode().get() != 0;
    boolean badStatus = switch (deploy.status()) {
      case FAILURE, ERROR -> true;
      case SUCCESS, IN_PROGRESS, QUEUED, PENDING, INACTIVE, NOT_FOUND -> false;
    };
    return badExit || badStatus;
  }

  /** Alerts to raise and causes to resolve; a cause still in progress is in neither. */
  public record Assessment(Seq<PipelineAlert> raise, Seq<AlertCause> resolve) {}
}
