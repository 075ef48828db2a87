package io.platinur.console;

import static io.platinur.console.Html.escape;

import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.preview.PreviewEnvironmentService;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.preview.DurationWords;
import io.platinur.domain.preview.PreviewEnvironment;
import io.platinur.domain.preview.PreviewInventory;
import io.platinur.domain.preview.PreviewPlan;
import io.platinur.port.PreviewStore.StoredPreviews;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * The preview environments: each pull request's live preview (its head, its digest, its age),
 * the pull requests held back with their reasons, the previews the next reconcile reaps and those
 * reaped whose cleanup is pending, with theirs; what the next reconcile would do, and the button
 * that does it.
 */
final class PreviewsSection {
  static final String NONE = Forms.section("previews", "Preview environments",
      "<p class=\"empty\">No preview environments are configured for this console.</p>");

  private final PreviewEnvironmentService service;
  private final Function<PullRequestNumber, String> pullRequest;
  private final Clock clock;

  PreviewsSection(PreviewEnvironmentService service, Function<PullRequestNumber, String> pullRequest, Clock clock) {
    this.service = service;
    this.pullRequest = pullRequest;
    this.clock = clock;
  }

  String render() {
    StringBuilder html = new StringBuilder();
    Either<UseCaseFailure<NoRefusal>, StoredPreviews> stored = service.stored();
    if (stored.isLeft()) {
      html.append("<p class=\"failed\">The previews cannot be read: ").append(escape(stored.getLeft().message())).append("</p>");
    } else {
      live(html, stored.get().inventory());
    }
    Either<UseCaseFailure<NoRefusal>, PreviewPlan> plan = service.plan();
    if (plan.isLeft()) {
      html.append("<p class=\"failed\">The next reconcile cannot be planned: ").append(escape(plan.getLeft().message())).append("</p>");
    } else {
      next(html, plan.get());
    }
    html.append(Forms.form("reconcile-previews", "reconcile-previews", "Reconcile previews", Option.none(), Option.none(), Option.none()));
    return Forms.section("previews", "Preview environments", html.toString());
  }

  private void live(StringBuilder html, PreviewInventory inventory) {
    if (inventory.previews().isEmpty()) {
      html.append("<p class=\"empty\">No preview environment is live.</p>");
    } else {
      html.append("<table><caption class=\"visually-hidden\">Live previews</caption><thead><tr><th scope=\"col\">Pull request</th>")
          .append("<th scope=\"col\">Head</th><th scope=\"col\">Digest</th><th scope=\"col\">Age</th><th scope=\"col\">Last updated</th>")
          .append("</tr></thead><tbody>");
      for (PreviewEnvironment preview : inventory.previews().values()) {
        html.append("<tr id=\"preview-").append(preview.pr().value()).append("\"><td>").append(pullRequest.apply(preview.pr()))
            .append("</td><td><code>").append(escape(preview.headCommit().abbreviated())).append("</code></td><td><code title=\"")
            .append(escape(preview.digest().value())).append("\">").append(escape(preview.digest().abbreviated())).append("</code></td><td>")
            .append(age(preview)).append("</td><td>").append(Forms.time(preview.lastUpdated())).append("</td></tr>");
      }
      html.append("</tbody></table>");
    }
    if (!inventory.pendingCleanups().isEmpty()) {
      html.append("<h3>Reaped, cleanup pending</h3><ul id=\"preview-pending\">");
      inventory.pendingCleanups().values().forEach(pending -> html.append("<li>The preview of PR ").append(pending.pr().value())
          .append(" was reaped; what it left outside Git is not cleaned up yet.</li>"));
      html.append("</ul>");
    }
    inventory.leftAlone().forEach(left -> html.append("<p class=\"left-alone\">Left alone: <code>").append(escape(left.directory().value()))
        .append("</code> (").append(escape(left.detail())).append(")</p>"));
  }

  /** Created … ago, in the words the preview rules use for durations. */
  private String age(PreviewEnvironment preview) {
    Duration age = Duration.between(preview.created(), clock.instant());
    return "<span title=\"created " + preview.created() + "\">" + escape(DurationWords.of(age.isNegative() ? Duration.ZERO : age)) + "</span>";
  }

  private static void next(StringBuilder html, PreviewPlan plan) {
    if (!plan.holds().isEmpty()) {
      html.append("<h3>Held</h3><ul id=\"preview-holds\">");
      plan.holds().forEach(hold -> html.append("<li class=\"hold\" id=\"hold-").append(hold.pr().value()).append("\">")
          .append(escape(hold.message())).append("</li>"));
      html.append("</ul>");
    }
    if (!plan.reaps().isEmpty()) {
      html.append("<h3>Reaped at the next reconcile</h3><ul id=\"preview-reaps\">");
      plan.reaps().forEach(reap -> html.append("<li class=\"reap\" id=\"reap-").append(reap.pr().value()).append("\">")
          .append(escape(reap.message())).append("</li>"));
      html.append("</ul>");
    }
    html.append("<div id=\"preview-plan\"><h3>Next reconcile</h3>");
    if (plan.isEmpty() && plan.cleanups().isEmpty()) {
      html.append("<p>Nothing to change.</p>");
    } else {
      html.append("<ul>");
      plan.actions().forEach(action -> html.append("<li>").append(escape(action.message())).append("</li>"));
      plan.cleanups().forEach(cleanup -> html.append("<li>Clean up what the preview of PR ").append(cleanup.pr().value())
          .append(" left outside Git.</li>"));
      html.append("</ul>");
    }
    html.append("</div>");
  }
}
