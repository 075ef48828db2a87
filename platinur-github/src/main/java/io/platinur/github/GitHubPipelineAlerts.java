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
        return comment(open.get(), text, operation).map(commented -> false);
      }
      GHIssueBuilder issue = repository.get().createIssue(alert.cause().title() + " at " + alert.commit().abbreviated())
          .body(marker(alert.cause()) + "\n" + text);
      for (String label : labels) {
        issue = issue.label(label);
      }
      try {
        issue.create();
      } catch (IOException e) {
        PortFailure failure = Failures.from(operation, e);
        if (failure.kind() != PortFailure.Kind.UNKNOWN_OUTCOME) {
          throw e;
        }
        // the POST may have opened the issue: look for it instead of opening a second one
        return Failures.attempt(operation, () -> Either.right(findOpen(alert.cause()))).fold(
            unread -> Either.left(Failures.stillUnknown(failure, unread)),
            found -> found.isDefined()
                ? Either.right(true)
                : Either.left(Failures.settled(failure, "no open alert issue for this cause, so none was opened")));
      }
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
        Either<PortFailure, Boolean> commented = comment(open.get(), note, operation);
        if (commented.isLeft()) {
          return commented;
        }
      }
      try {
        open.get().close();
      } catch (IOException e) {
        PortFailure failure = Failures.from(operation, e);
        if (failure.kind() != PortFailure.Kind.UNKNOWN_OUTCOME) {
          throw e;
        }
        return Failures.attempt(operation, () -> Either.right(findOpen(cause))).fold(
            unread -> Either.left(Failures.stillUnknown(failure, unread)),
            found -> found.isEmpty()
                ? Either.right(true)
                : Either.left(Failures.settled(failure, "the alert issue is still open, so it was not closed")));
      }
      return Either.right(true);
    });
  }

  /** Comments once; after an unknown outcome, the issue's comments tell whether it was written. */
  private static Either<PortFailure, Boolean> comment(GHIssue issue, String text, String operation) throws IOException {
    try {
      issue.comment(text);
      return Either.right(true);
    } catch (IOException e) {
      PortFailure failure = Failures.from(operation, e);
      if (failure.kind() != PortFailure.Kind.UNKNOWN_OUTCOME) {
        throw e;
      }
      return Failures.attempt(operation, () -> Either.right(
              issue.getComments().stream().anyMatch(c -> text.equals(c.getBody())))).fold(
          unread -> Either.left(Failures.stillUnknown(failure, unread)),
          written -> written
              ? Either.right(true)
              : Either.left(Failures.settled(failure, "the comment is not on the issue, so it was not written")));
    }
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
