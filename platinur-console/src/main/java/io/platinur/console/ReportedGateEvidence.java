package io.platinur.console;

import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.gate.SmokeCheck;
import io.platinur.domain.gate.SmokeOutcome;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.ContinuousIntegration;
import io.platinur.port.DeployExitCodes;
import io.platinur.port.Deployments;
import io.platinur.port.SmokeTests;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Gate evidence reported by hand, for a lane with no forge and no deploy pipeline: what the deploy
 * pipeline, the deployment status, the smoke checks and CI said about one exact commit. The
 * console's "Report gate evidence" form fills it in; the four ports read it. Evidence reported for
 * another commit counts as nothing recorded, exactly as the gate demands.
 */
public final class ReportedGateEvidence {
  /** What was reported about {@code commit}. */
  public record Report(CommitId commit, Option<Integer> deployExit, DeploymentState deployment, Option<SmokeOutcome> smoke, CiState ci) {
    public Report {
      Objects.requireNonNull(commit, "commit");
      Objects.requireNonNull(deployExit, "deployExit");
      Objects.requireNonNull(deployment, "deployment");
      Objects.requireNonNull(smoke, "smoke");
      Objects.requireNonNull(ci, "ci");
    }
  }

  private final AtomicReference<Option<Report>> latest = new AtomicReference<>(Option.none());

  /** Records what was reported, replacing any earlier report. */
  public void report(Report report) {
    latest.set(Option.some(Objects.requireNonNull(report, "report")));
  }

  /** The latest report, if any. */
  public Option<Report> latest() {
    return latest.get();
  }

  private Option<Report> about(CommitId commit) {
    return latest.get().filter(report -> report.commit().equals(commit));
  }

  /** The deploy's exit code as reported for the commit asked about; none otherwise. */
  public DeployExitCodes exitCodes() {
    return (environment, commit) -> Either.right(about(commit).flatMap(Report::deployExit));
  }

  /** The deployment status as reported for the commit asked about; {@code NOT_FOUND} otherwise. */
  public Deployments deployments() {
    return (environment, commit) -> Either.right(about(commit).map(Report::deployment).getOrElse(DeploymentState.NOT_FOUND));
  }

  /** The smoke and E2E outcome as reported for the commit asked about; unreachable (blocking) otherwise. */
  public SmokeTests smokeTests() {
    return commit -> Either.right(about(commit).flatMap(Report::smoke)
        .map(outcome -> new SmokeCheck(commit, outcome, "reported " + outcome.name().toLowerCase(java.util.Locale.ROOT)))
        .getOrElse(() -> new SmokeCheck(commit, SmokeOutcome.UNREACHABLE, "no smoke check was reported")));
  }

  /** The forge's side of the evidence as one bundle: {@link #deployments()} and {@link #ci()}. */
  public io.platinur.port.ForgePorts forge() {
    return io.platinur.port.ForgePorts.builder().deployments(deployments()).ci(ci()).build();
  }

  /** CI as reported for the commit asked about; {@code NO_CHECKS} otherwise. */
  public ContinuousIntegration ci() {
    return commit -> Either.right(about(commit).map(Report::ci).getOrElse(CiState.NO_CHECKS));
  }
}
