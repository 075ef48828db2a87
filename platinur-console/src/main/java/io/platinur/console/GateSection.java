package io.platinur.console;

import static io.platinur.console.Html.escape;

import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.gate.PromotionGateService;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.gate.GateCondition;
import io.platinur.domain.gate.GateDecision;
import io.platinur.domain.gate.GateFailure;
import io.platinur.domain.gate.SmokeOutcome;
import io.platinur.domain.lane.StagingLane;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * The promotion gate (ADR-005) at the staging head, condition by condition, and, where evidence is
 * reported by hand, the form to report it.
 */
final class GateSection {
  /** Stands for the evidence form while the shared sections are rendered: it is per session (what that session sent). */
  static final String FORM_PLACEHOLDER = "<gate-evidence-form>";
  private static final List<GateCondition> ADR_005_CONDITIONS =
      List.of(GateCondition.STAGING_DEPLOY, GateCondition.DEPLOYMENT_STATUS, GateCondition.SMOKE_AND_E2E, GateCondition.CI);

  private final PromotionGateService gate;
  private final boolean reported;

  GateSection(PromotionGateService gate, boolean reported) {
    this.gate = gate;
    this.reported = reported;
  }

  String render(StagingLane current) {
    StringBuilder html = new StringBuilder("<section id=\"gate\" aria-labelledby=\"gate-heading\"><h2 id=\"gate-heading\">Promotion gate at <code>")
        .append(escape(current.stagingHead().abbreviated())).append("</code></h2>");
    Either<UseCaseFailure<NoRefusal>, GateDecision> decision = gate.evaluateAt(current.stagingHead(), Option.none(), Option.none());
    if (decision.isLeft()) {
      html.append("<p class=\"gate-failed\">The gate could not be evaluated: ").append(escape(decision.getLeft().message())).append("</p>");
    } else {
      Seq<GateFailure> failures = decision.get().fold(authorized -> List.empty(), blocked -> blocked.failures());
      html.append("<p id=\"gate-decision\" class=\"").append(failures.isEmpty() ? "authorized" : "blocked").append("\">")
          .append(failures.isEmpty() ? "Authorized: every condition holds at this exact commit." : "Blocked: promotion is not authorized.")
          .append("</p><table class=\"conditions\"><caption class=\"visually-hidden\">Gate conditions</caption><tbody>");
      Seq<GateCondition> shown = ADR_005_CONDITIONS.appendAll(failures.map(GateFailure::condition).filter(c -> !ADR_005_CONDITIONS.contains(c)).distinct());
      for (GateCondition condition : shown) {
        Seq<GateFailure> failing = failures.filter(f -> f.condition() == condition);
        html.append("<tr id=\"gate-").append(condition.name()).append("\" class=\"").append(failing.isEmpty() ? "holds" : "fails")
            .append("\"><th scope=\"row\">")
            .append(words(condition)).append("</th><td>")
            .append(failing.isEmpty() ? "✓ holds" : "✗ " + escape(failing.map(GateFailure::message).mkString(" ")))
            .append("</td></tr>");
      }
      html.append("</tbody></table>");
    }
    if (reported) {
      html.append(FORM_PLACEHOLDER);
    }
    return html.append("</section>\n").toString();
  }

  /** The form to report gate evidence: as it was sent, with the problem beside its field, after a bad input. */
  static String reportForm(Option<ConsoleSessions.FormState> sent) {
    return "<form method=\"post\" action=\"gate-evidence\" id=\"gate-evidence\" class=\"report\"><p id=\"gate-evidence-about\">Report gate "
        + "evidence for the staging head (offline: what the deploy pipeline, the deployment, the smoke checks and CI said)</p>"
        + Forms.csrfField()
        + Forms.input("deploy-exit", "Deploy exit code", sent, " size=\"4\" inputmode=\"numeric\" placeholder=\"none\"") + " "
        + Forms.select("deployment", "Deployment status", List.of(DeploymentState.values()).map(Enum::name),
            sent.map(f -> f.value("deployment")).getOrElse("NOT_FOUND")) + " "
        + Forms.select("smoke", "Smoke and E2E", List.of("").appendAll(List.of(SmokeOutcome.values()).map(Enum::name)),
            sent.map(f -> f.value("smoke")).getOrElse("")) + " "
        + Forms.select("ci", "CI", List.of(CiState.values()).map(Enum::name), sent.map(f -> f.value("ci")).getOrElse("NO_CHECKS"))
        + " <button type=\"submit\" aria-describedby=\"gate-evidence-about\">Report</button></form>";
  }

  private static String words(GateCondition condition) {
    return switch (condition) {
      case STAGING_DEPLOY -> "Staging deploy exited 0";
      case DEPLOYMENT_STATUS -> "Deployment status is success";
      case SMOKE_AND_E2E -> "Smoke and E2E against live staging";
      case CI -> "CI green at this commit";
      case MANUAL_APPROVAL -> "Manual approval";
      case SOAK_TIME -> "Soak time";
      case SYNC_WINDOW -> "Sync window open";
    };
  }
}
