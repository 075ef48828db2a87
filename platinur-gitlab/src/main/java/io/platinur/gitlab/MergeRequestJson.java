package io.platinur.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import io.platinur.domain.InvalidValueException;
import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.net.URI;
import java.time.Instant;

/**
 * One merge request as one GitLab answer describes it ({@code GET /projects/:id/merge_requests/:iid}
 * and the lists): its {@code iid} is the number Platinur calls the PR's, {@code sha} its head,
 * {@code state} one of {@code opened}, {@code locked} (being merged), {@code closed} and
 * {@code merged}.
 */
record MergeRequestJson(JsonNode node) {

  long iid() {
    return node.path("iid").asLong(0);
  }

  String state() {
    return node.path("state").asText("");
  }

  boolean open() {
    return "opened".equals(state()) || "locked".equals(state());
  }

  String sourceBranch() {
    return node.path("source_branch").asText("");
  }

  String targetBranch() {
    return node.path("target_branch").asText("");
  }

  /** A fork's branch may be named like staging; a promotion MR's source is the target project. */
  boolean fromTheSameProject() {
    JsonNode source = node.path("source_project_id");
    JsonNode target = node.path("target_project_id");
    return source.isIntegralNumber() && target.isIntegralNumber() && source.asLong() == target.asLong();
  }

  /** Auto-merge is set (merge when the pipeline succeeds). */
  boolean mergesWhenPipelineSucceeds() {
    return node.path("merge_when_pipeline_succeeds").asBoolean(false) || node.path("auto_merge_enabled").asBoolean(false);
  }

  /** Conflicts with its target: merging is refused. */
  boolean hasConflicts() {
    return node.path("has_conflicts").asBoolean(false) || "conflict".equals(node.path("detailed_merge_status").asText(""));
  }

  Option<String> author() {
    return Option.of(node.path("author").path("username").asText(null));
  }

  /** Open at its head, closed without merging, or merged (its merge commit; squash or fast-forward when there is none). */
  Either<PortFailure, PullRequestState> state(String operation) {
    if (iid() <= 0) {
      return Either.left(GitLabHttp.malformed(operation, "the merge request in GitLab's answer has no iid"));
    }
    if (open()) {
      return commit(operation, node.path("sha")).map(PullRequestState.Open::new);
    }
    if ("closed".equals(state())) {
      return Either.right(new PullRequestState.ClosedUnmerged());
    }
    if ("merged".equals(state())) {
      JsonNode merge = node.path("merge_commit_sha").isTextual() ? node.path("merge_commit_sha")
          : node.path("squash_commit_sha").isTextual() ? node.path("squash_commit_sha")
          : node.path("sha");
      return commit(operation, merge).map(PullRequestState.Merged::new);
    }
    return Either.left(GitLabHttp.malformed(operation, "GitLab's answer has no known merge request state"));
  }

  Either<PortFailure, PromotionPullRequest> promotionPr(String operation) {
    if (iid() <= 0 || sourceBranch().isEmpty() || targetBranch().isEmpty()) {
      return Either.left(GitLabHttp.malformed(operation, "the merge request in GitLab's answer lacks its iid or branches"));
    }
    Option<URI> web = Option.of(node.path("web_url").asText(null)).flatMap(url -> Try.of(() -> URI.create(url)).toOption());
    return commit(operation, node.path("sha")).flatMap(head -> Try.of(() -> new PromotionPullRequest(PullRequestNumber.of(iid()),
            BranchName.of(sourceBranch()), BranchName.of(targetBranch()), head, web))
        .toEither()
        .mapLeft(problem -> GitLabHttp.malformed(operation, "merge request !" + iid() + " names a branch Git does not allow")));
  }

  Either<PortFailure, OpenPullRequest> openPullRequest(String operation) {
    Option<Instant> updated = Option.of(node.path("updated_at").asText(null)).flatMap(t -> Try.of(() -> Instant.parse(t)).toOption());
    if (iid() <= 0 || sourceBranch().isEmpty() || targetBranch().isEmpty() || updated.isEmpty()) {
      return Either.left(GitLabHttp.malformed(operation,
          "merge request !" + iid() + " lacks its iid, branches or update time"));
    }
    return commit(operation, node.path("sha")).flatMap(head -> Try.of(() -> new OpenPullRequest(PullRequestNumber.of(iid()),
            BranchName.of(sourceBranch()), BranchName.of(targetBranch()), head,
            TreeSet.ofAll(List.ofAll(node.path("labels")).map(JsonNode::asText)), updated.get()))
        .toEither()
        .mapLeft(problem -> GitLabHttp.malformed(operation, "merge request !" + iid() + " has a branch or label GitLab does not send")));
  }

  static Either<PortFailure, CommitId> commit(String operation, JsonNode sha) {
    if (!sha.isTextual()) {
      return Either.left(GitLabHttp.malformed(operation, "GitLab's answer lacks a commit id"));
    }
    try {
      return Either.right(CommitId.of(sha.asText()));
    } catch (InvalidValueException e) {
      return Either.left(GitLabHttp.malformed(operation, "a commit id in GitLab's answer is not valid"));
    }
  }
}
