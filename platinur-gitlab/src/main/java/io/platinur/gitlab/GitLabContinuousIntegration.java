package io.platinur.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import io.platinur.domain.gate.CiResult;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.repository.CommitId;
import io.platinur.gitlab.CiReduction.Report;
import io.platinur.gitlab.CiReduction.Verdict;
import io.platinur.port.ContinuousIntegration;
import io.platinur.port.PortFailure;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * CI at one exact commit from both places GitLab keeps it: the commit's latest pipeline
 * ({@code GET /projects/:id/pipelines?sha=…}, reported as {@value #PIPELINE}) and its commit
 * statuses ({@code GET /projects/:id/repository/commits/:sha/statuses}: every job and every status
 * an outside CI posted, latest per name). A job allowed to fail never makes CI red; a manual job
 * allowed to fail never keeps it pending. The promotion gate's own status, and the external
 * pipeline GitLab makes to hold posted statuses, are its output, not CI, and are left out.
 */
final class GitLabContinuousIntegration implements ContinuousIntegration {
  static final String PIPELINE = "pipeline";

  private final GitLabHttp http;
  private final String project;
  private final NoChecksPolicy policy;
  private final Set<String> required;

  GitLabContinuousIntegration(GitLabHttp http, String projectId, NoChecksPolicy policy, Set<String> required) {
    this.http = http;
    this.project = "/projects/" + projectId;
    this.policy = policy;
    this.required = required;
  }

  @Override
  public Either<PortFailure, CiState> stateAt(CommitId commit) {
    return resultAt(commit).map(CiResult::state);
  }

  @Override
  public Either<PortFailure, CiResult> resultAt(CommitId commit) {
    String operation = "Reading CI at " + commit.abbreviated();
    Either<PortFailure, Seq<Report>> statuses = http.readAll(operation, project + "/repository/commits/" + commit.hex() + "/statuses")
        .flatMap(list -> Either.sequenceRight(list.map(status -> status(operation, status))))
        .map(list -> latestPerName(list.flatMap(r -> r)));
    if (statuses.isLeft()) {
      return Either.left(statuses.getLeft());
    }
    Either<PortFailure, Option<Report>> pipeline = http.readAll(operation, project + "/pipelines?sha=" + commit.hex())
        .flatMap(list -> latestPipeline(operation, commit, list));
    if (pipeline.isLeft()) {
      return Either.left(pipeline.getLeft());
    }
    return Either.right(CiReduction.result(commit, statuses.get().appendAll(pipeline.get()), required, policy));
  }

  /** GitLab lists statuses newest first, but keeping the highest id per name does not depend on that. */
  private static Seq<Report> latestPerName(Seq<io.vavr.Tuple3<Long, String, Verdict>> statuses) {
    return statuses.groupBy(io.vavr.Tuple3::_2).values()
        .map(same -> same.maxBy(io.vavr.Tuple3::_1).get())
        .map(latest -> new Report(latest._2, latest._3))
        .toList();
  }

  private static Either<PortFailure, Option<io.vavr.Tuple3<Long, String, Verdict>>> status(String operation, JsonNode status) {
    String name = status.path("name").asText(null);
    String state = status.path("status").asText(null);
    if (name == null || state == null || !status.path("id").isIntegralNumber()) {
      return Either.left(GitLabHttp.malformed(operation, "a commit status lacks its id, name or status"));
    }
    if (GitLabGatePublisher.NAME.equals(name)) {
      return Either.right(Option.none()); // the gate's own status is its output, not CI
    }
    boolean allowedToFail = status.path("allow_failure").asBoolean(false);
    Verdict verdict = switch (state) {
      case "success", "skipped" -> Verdict.SUCCEEDED;
      case "failed", "canceled" -> allowedToFail ? Verdict.SUCCEEDED : Verdict.FAILED;
      case "manual" -> allowedToFail ? Verdict.SUCCEEDED : Verdict.RUNNING;
      default -> Verdict.RUNNING; // created, waiting_for_resource, preparing, pending, running, scheduled
    };
    return Either.right(Option.some(io.vavr.Tuple.of(status.path("id").asLong(), name, verdict)));
  }

  private static Either<PortFailure, Option<Report>> latestPipeline(String operation, CommitId commit, Seq<JsonNode> pipelines) {
    if (pipelines.exists(p -> !p.path("id").isIntegralNumber() || !p.path("status").isTextual())) {
      return Either.left(GitLabHttp.malformed(operation, "a pipeline lacks its id or status"));
    }
    if (pipelines.exists(p -> p.path("sha").isTextual() && !p.path("sha").asText().equalsIgnoreCase(commit.hex()))) {
      return Either.left(GitLabHttp.malformed(operation, "GitLab listed a pipeline of another commit"));
    }
    Option<JsonNode> latest = List.ofAll(pipelines)
        .filter(p -> !"external".equals(p.path("source").asText("")))
        .maxBy(p -> p.path("id").asLong());
    return Either.right(latest.map(p -> new Report(PIPELINE, switch (p.path("status").asText()) {
      case "success", "skipped" -> Verdict.SUCCEEDED;
      case "failed", "canceled" -> Verdict.FAILED;
      default -> Verdict.RUNNING; // created, waiting_for_resource, preparing, pending, running, manual, scheduled
    })));
  }
}
