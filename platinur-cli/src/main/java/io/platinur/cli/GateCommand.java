package io.platinur.cli;

import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.gate.PromotionGateService;
import io.platinur.domain.Actor;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.gate.GateDecision;
import io.platinur.domain.gate.GatePolicy;
import io.platinur.domain.gate.SmokeCheck;
import io.platinur.domain.gate.SmokeOutcome;
import io.platinur.console.HttpSmokeTests;
import io.platinur.port.ContinuousIntegration;
import io.platinur.port.Deployments;
import io.platinur.port.SmokeTests;
import io.vavr.control.Either;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code platinur gate}: evaluate ADR-005's promotion gate at the staging head and say why not.
 * Offline, the evidence a forge would report (deploy exit code, deployment status, CI) is given as
 * options; smoke checks run for real against {@code --staging-url}.
 */
@Command(name = "gate", mixinStandardHelpOptions = true,
    description = {"Evaluate the promotion gate at the staging head: staging deploy succeeded, smoke/E2E passed against live staging, CI green.",
        "Exit 0 when the promotion is authorized, 2 when it is blocked (every failing condition on standard error)."})
final class GateCommand extends LaneCommand {
  @Option(names = "--deploy-exit", paramLabel = "CODE", description = "Exit code of the staging deploy of the staging head (none: no deploy recorded).")
  Integer deployExit;

  @Option(names = "--deployment", paramLabel = "STATE",
      description = "Deployment status of that deploy: ${COMPLETION-CANDIDATES} (default: GitHub's, or not_found offline).")
  DeploymentState deployment;

  @Option(names = "--ci", paramLabel = "STATE",
      description = "CI state at the staging head: ${COMPLETION-CANDIDATES} (default: GitHub's, or no_checks offline).")
  CiState ci;

  @Option(names = "--environment", paramLabel = "NAME", defaultValue = "staging",
      description = "The staging environment's name for deployments (default: ${DEFAULT-VALUE}).")
  String environment;

  @Option(names = "--staging-url", paramLabel = "URL", description = "Live staging URL to smoke-check with an HTTP GET (2xx passes).")
  URI stagingUrl;

  @Option(names = "--smoke", paramLabel = "OUTCOME",
      description = "Smoke/E2E outcome when checked elsewhere: ${COMPLETION-CANDIDATES}.")
  SmokeOutcome smoke;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10", description = "Smoke check timeout (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--require-approval", description = "The policy requires a person's approval.")
  boolean requireApproval;

  @Option(names = "--approved-by", paramLabel = "NAME", description = "Who approved the promotion.")
  String approvedBy;

  @Override
  int run(Out out) throws IOException {
    if (stagingUrl != null && smoke != null) {
      throw new Common.BadInput("Give either --staging-url or --smoke, not both.");
    }
    if (timeoutSeconds < 1) {
      throw new Common.BadInput("--timeout must be at least 1 second.");
    }
    SmokeTests smokeTests = stagingUrl != null
        ? httpSmoke()
        : commit -> Either.right(smoke != null
            ? new SmokeCheck(commit, smoke, "reported " + smoke.name().toLowerCase(java.util.Locale.ROOT))
            : new SmokeCheck(commit, SmokeOutcome.UNREACHABLE, "no staging URL was given to check"));
    GatePolicy policy = GatePolicy.builder().requireManualApproval(requireApproval).build();
    return withLane(out, lane -> {
      // Given facts win; otherwise GitHub answers (with a GitHub lane), or nothing is recorded (offline).
      Deployments deployments = deployment != null || lane.forge.isEmpty()
          ? (name, commit) -> Either.right(deployment != null ? deployment : DeploymentState.NOT_FOUND)
          : lane.forge.get().deployments();
      ContinuousIntegration integration = ci != null || lane.forge.isEmpty()
          ? commit -> Either.right(ci != null ? ci : CiState.NO_CHECKS)
          : lane.forge.get().ci();
      PromotionGateService gate = PromotionGateService.builder(lane.service,
              io.platinur.port.ForgePorts.builder().deployments(deployments).ci(integration).build(),
              (name, commit) -> Either.right(io.vavr.control.Option.of(deployExit)), smokeTests)
          .stagingEnvironment(io.platinur.domain.forge.DeploymentEnvironment.of(environment))
          .policy(policy).clock(clock::instant).build();
      Either<UseCaseFailure<NoRefusal>, GateDecision> decision = out.during("Evaluating the promotion gate",
          () -> gate.evaluate(io.vavr.control.Option.of(approvedBy).map(Actor::of), io.vavr.control.Option.none()));
      if (decision.isLeft()) {
        return out.failed(decision.getLeft());
      }
      return decision.get().fold(
          authorized -> out.done("Promotion of " + authorized.candidate().abbreviated() + " is authorized: every gate condition holds.",
              Json.object().put("authorized", true).put("candidate", authorized.candidate().hex()).put("failures", java.util.List.of())),
          blocked -> {
            String reasons = blocked.failures().map(f -> f.message()).mkString("\n");
            return out.rejected("GATE_BLOCKED", "Promotion of " + blocked.candidate().abbreviated() + " is blocked:\n" + reasons,
                Json.object().put("authorized", false).put("candidate", blocked.candidate().hex())
                    .put("failures", blocked.failures().map(f -> Json.object().put("condition", f.condition().name()).put("message", f.message()))));
          });
    });
  }

  private SmokeTests httpSmoke() {
    try {
      return new HttpSmokeTests(stagingUrl, Duration.ofSeconds(timeoutSeconds), Duration.ofSeconds(timeoutSeconds));
    } catch (IllegalArgumentException e) {
      throw new Common.BadInput(e.getMessage());
    }
  }
}
