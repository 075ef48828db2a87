package io.platinur.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import io.platinur.domain.gate.GateReport;
import io.platinur.domain.gate.GateReport.Verdict;
import io.platinur.port.GatePublisher;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * The promotion gate at its exact commit on GitLab: the commit status {@value #NAME}
 * ({@code success}, {@code failed}, or {@code running} while a condition is still awaited), whose
 * description names the unmet conditions. A merge request's "pipelines must succeed" setting then
 * holds even a merge made by hand to the gate.
 *
 * <p>What is already shown is read first and only a change of verdict is written: publishing the
 * same decision again writes nothing. GitLab moves a commit status only from one state to another
 * (posting the state it already has is refused), so while the verdict stays the same the
 * description stays the one written when it last changed. A write whose answer is unclear is not
 * sent again; reading back tells whether it took effect.
 */
final class GitLabGatePublisher implements GatePublisher {
  /** The commit status's name; the CI reading leaves it out. */
  static final String NAME = "platinur/promotion-gate";
  static final int DESCRIPTION_LIMIT = 255;

  private final GitLabHttp http;
  private final String project;

  GitLabGatePublisher(GitLabHttp http, String projectId) {
    this.http = http;
    this.project = "/projects/" + projectId;
  }

  @Override
  public Either<PortFailure, Boolean> publish(GateReport report) {
    Objects.requireNonNull(report, "report");
    String operation = "Publishing the promotion gate at " + report.candidate().abbreviated();
    String sha = report.candidate().hex();
    String state = state(report.verdict());
    String description = description(report);
    Either<PortFailure, Option<JsonNode>> shown = shown(operation, sha);
    if (shown.isLeft()) {
      return Either.left(shown.getLeft());
    }
    if (shown.get().exists(s -> state.equals(s.path("status").asText("")))) {
      return Either.right(false);
    }
    String path = project + "/statuses/" + sha;
    Either<PortFailure, GitLabHttp.Answer> sent = http.write(operation, "POST", path,
        GitLabHttp.object().put("state", state).put("name", NAME).put("description", description));
    if (sent.isLeft()) {
      PortFailure failure = sent.getLeft();
      if (failure.kind() != Kind.UNKNOWN_OUTCOME) {
        return Either.left(failure);
      }
      return shown(operation, sha).fold(
          unread -> Either.left(GitLabHttp.stillUnknown(failure, unread)),
          now -> now.exists(s -> state.equals(s.path("status").asText("")))
              ? Either.right(true)
              : Either.left(GitLabHttp.settled(failure, "the gate's status is not the one sent, so it was not written")));
    }
    return sent.get().ok() ? Either.right(true) : Either.left(http.refusal(operation, "POST", path, sent.get()));
  }

  /** The latest {@value #NAME} status at {@code sha}, if any. */
  private Either<PortFailure, Option<JsonNode>> shown(String operation, String sha) {
    return http.readAll(operation, project + "/repository/commits/" + sha + "/statuses?name=" + GitLabMergeRequests.encode(NAME))
        .map(list -> list.filter(s -> NAME.equals(s.path("name").asText(""))).maxBy(s -> s.path("id").asLong()));
  }

  static String state(Verdict verdict) {
    return switch (verdict) {
      case MET -> "success";
      case FAILED -> "failed";
      case AWAITED -> "running";
    };
  }

  /** All conditions hold, or the unmet ones, each failed or awaited; within GitLab's 255 characters. */
  static String description(GateReport report) {
    String text = report.verdict() == Verdict.MET
        ? "All " + report.conditions().size() + " promotion conditions hold at " + report.candidate().abbreviated() + "."
        : "Unmet: " + report.unmet().map(c -> c.condition().words() + " (" + (c.verdict() == Verdict.FAILED ? "failed" : "awaited") + ")")
            .mkString(", ") + ".";
    if (text.codePointCount(0, text.length()) <= DESCRIPTION_LIMIT) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, DESCRIPTION_LIMIT - 1)) + "…";
  }
}
