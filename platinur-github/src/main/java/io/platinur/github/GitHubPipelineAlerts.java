package io.platinur.github;

import io.platinur.domain.health.AlertCause;
import io.platinur.domain.health.PipelineAlert;
import io.platinur.port.PipelineAlerts;
import io.platinur.port.PortFailure;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.util.Comparator;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueBuilder;
import org.kohsuke.github.GHIssueState;

/**
 * Pipeline-health alerts as GitHub issues. Each alert issue carries the first configured label
 * and a hidden HTML comment naming its cause ({@code <!-- platinur-alert: CI_RED -->}); the open
 * issue with both is the alert for that cause, so raising again comments on it instead of opening
 * another, and resolving comments and closes it.
 */
final class GitHubPipelineAlerts implements PipelineAlerts {
  private final RepositoryHandle repository;
  private final Seq<String> labels;

  GitHubPipelineAlerts(RepositoryHandle repository, Seq<String> labels) {
    this.repository = repository;
    this.labels = labels;
  }

  static String marker(AlertCause cause) {
    return "<!-- platinur-alert: " + cause.name() + " -->";
  }

  @Override
  public Either<PortFailure, Boolean> raise(PipelineAlert alert) {
    String operation = "Raising the alert ‘" + alert.cause().title() + "’";
    return Failures.attempt(operation, () -> {
      Option<GHIssue> open = findOpen(alert.cause());
      String text = "At commit `" + alert.commit().hex() + "`:\n\n" + alert.details();
      if (open.isDefined()) {
        open.get().comment(text);
        return Either.right(false);
      }
      GHIssueBuilder issue = repository.get().createIssue(alert.cause().title() + " at " + alert.commit().abbreviated())
          .body(marker(alert.cause()) + "\n" + text);
      for (String label : labels) {
        issue = issue.label(label);
      }
      issue.create();
      return Either.right(true);
    });
  }

  @Override
  public Either<PortFailure, Boolean> resolve(AlertCause cause, String note) {
    String operation = "Resolving the alert ‘" + cause.title() + "’";
    return Failures.attempt(operation, () -> {
      Option<GHIssue> open = findOpen(cause);
      if (open.isEmpty()) {
        return Either.right(false);
      }
      if (note != null && !note.isBlank()) {
        open.get().comment(note);
      }
      open.get().close();
      return Either.right(true);
    });
  }

  /** The oldest open issue (not pull request) with the alert label and the cause's marker. */
  private Option<GHIssue> findOpen(AlertCause cause) throws IOException {
    String marker = marker(cause);
    return Option.ofOptional(repository.get().queryIssues()
        .state(GHIssueState.OPEN)
        .label(labels.head())
        .pageSize(100)
        .list()
        .toList()
        .stream()
        .filter(issue -> !issue.isPullRequest())
        .filter(issue -> issue.getBody() != null && issue.getBody().contains(marker))
        .min(Comparator.comparingInt(GHIssue::getNumber)));
  }
}
