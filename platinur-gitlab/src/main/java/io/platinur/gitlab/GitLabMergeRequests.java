package io.platinur.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.OpenPullRequests;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.platinur.port.PullRequestHost;
import io.vavr.Tuple;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Promotion merge requests on GitLab: opened once per source and target branch (GitLab itself
 * refuses a second open one with {@code 409}, naming it: {@code !5}), merged only at the expected
 * head ({@code sha}; GitLab answers {@code 409} when the head moved), through the project's merge
 * train when it has one, and never sent twice: a write whose answer was lost is settled by reading
 * the merge request back.
 */
final class GitLabMergeRequests implements PullRequestHost, OpenPullRequests {
  private static final Pattern EXISTING = Pattern.compile("!(\\d{1,18})");

  private final GitLabHttp http;
  private final String project;
  private final boolean autoMerge;

  GitLabMergeRequests(GitLabHttp http, String projectId, boolean autoMerge) {
    this.http = http;
    this.project = "/projects/" + projectId;
    this.autoMerge = autoMerge;
  }

  @Override
  public Either<PortFailure, PromotionPullRequest> openPromotionPr(BranchName head, BranchName base, String title, String body) {
    String operation = "Opening the promotion merge request from " + head + " into " + base;
    if (title == null || title.isBlank()) {
      return Either.left(PortFailure.of(Kind.INVALID_REQUEST, operation + ": a title is required."));
    }
    JsonNode request = GitLabHttp.object()
        .put("source_branch", head.name())
        .put("target_branch", base.name())
        .put("title", title)
        .put("description", body == null ? "" : body)
        .put("remove_source_branch", false);
    Either<PortFailure, GitLabHttp.Answer> sent = http.write(operation, "POST", project + "/merge_requests", request);
    if (sent.isLeft()) {
      PortFailure failure = sent.getLeft();
      if (failure.kind() != Kind.UNKNOWN_OUTCOME) {
        return Either.left(failure);
      }
      // the POST may have opened it: a read settles that now, and the POST is never sent again
      return findOpenPromotionPr(head, base).fold(
          unread -> Either.left(GitLabHttp.stillUnknown(failure, unread)),
          open -> open.<Either<PortFailure, PromotionPullRequest>>map(Either::right).getOrElse(() -> Either.left(
              GitLabHttp.settled(failure, "no merge request from " + head + " into " + base + " is open, so none was opened"))));
    }
    GitLabHttp.Answer answer = sent.get();
    if (answer.ok()) {
      return new MergeRequestJson(answer.json()).promotionPr(operation);
    }
    if (answer.status() == 409) {
      // "Another open merge request already exists for this source branch: !5": that one is the promotion MR
      Option<Long> named = http.gitlabMessage(answer.json()).flatMap(GitLabMergeRequests::existingIid);
      Either<PortFailure, Option<PromotionPullRequest>> existing = named.isDefined()
          ? read(operation, named.get()).flatMap(mr -> mr.open() && mr.sourceBranch().equals(head.name())
              && mr.targetBranch().equals(base.name()) && mr.fromTheSameProject()
                  ? mr.promotionPr(operation).map(Option::some)
                  : Either.right(Option.none()))
          : findOpenPromotionPr(head, base);
      if (existing.isRight() && existing.get().isDefined()) {
        return Either.right(existing.get().get());
      }
    }
    return Either.left(http.refusal(operation, "POST", project + "/merge_requests", answer));
  }

  private static Option<Long> existingIid(String message) {
    Matcher matcher = EXISTING.matcher(message);
    return matcher.find() ? Option.some(Long.parseLong(matcher.group(1))) : Option.none();
  }

  @Override
  public Either<PortFailure, Option<PromotionPullRequest>> findOpenPromotionPr(BranchName head, BranchName base) {
    String operation = "Finding the open promotion merge request from " + head + " into " + base;
    return http.readAll(operation, project + "/merge_requests?state=opened&source_branch=" + encode(head.name())
            + "&target_branch=" + encode(base.name()))
        .map(list -> list.map(MergeRequestJson::new)
            .filter(mr -> mr.open() && mr.fromTheSameProject()
                && mr.sourceBranch().equals(head.name()) && mr.targetBranch().equals(base.name()))
            .minBy(MergeRequestJson::iid))
        .flatMap(first -> first.isEmpty()
            ? Either.right(Option.none())
            : first.get().promotionPr(operation).map(Option::some));
  }

  @Override
  public Either<PortFailure, PullRequestState> state(PullRequestNumber pr) {
    String operation = "Reading promotion merge request !" + pr.value();
    return read(operation, pr.value()).flatMap(mr -> mr.state(operation));
  }

  @Override
  public Either<PortFailure, CommitId> merge(PullRequestNumber pr, CommitId expectedHead) {
    String operation = "Merging promotion merge request !" + pr.value() + " at " + expectedHead.abbreviated();
    Either<PortFailure, MergeRequestJson> before = read(operation, pr.value());
    if (before.isLeft()) {
      return Either.left(before.getLeft());
    }
    MergeRequestJson mr = before.get();
    Either<PortFailure, PullRequestState> state = mr.state(operation);
    if (state.isLeft()) {
      return Either.left(state.getLeft());
    }
    if (state.get() instanceof PullRequestState.Merged merged) {
      return Either.right(merged.mergeCommit());
    }
    if (state.get() instanceof PullRequestState.ClosedUnmerged) {
      return Either.left(PortFailure.of(Kind.REJECTED, operation + ": it was closed without merging."));
    }
    CommitId head = ((PullRequestState.Open) state.get()).head();
    if (!head.equals(expectedHead)) {
      return Either.left(PortFailure.of(Kind.CONFLICT, operation + ": its head moved to "
          + head.abbreviated() + "; re-check the new head before merging."));
    }
    if (mr.hasConflicts()) {
      return Either.left(PortFailure.of(Kind.REJECTED, operation + ": it has merge conflicts with its target branch."));
    }
    Either<PortFailure, Boolean> train = http.read(operation, project)
        .map(found -> found.path("merge_trains_enabled").asBoolean(false));
    if (train.isLeft()) {
      return Either.left(train.getLeft());
    }
    return train.get() ? addToTrain(pr, expectedHead, operation) : mergeNow(pr, expectedHead, operation);
  }

  private Either<PortFailure, CommitId> mergeNow(PullRequestNumber pr, CommitId expectedHead, String operation) {
    String path = project + "/merge_requests/" + pr.value() + "/merge";
    JsonNode request = GitLabHttp.object()
        .put("sha", expectedHead.hex())
        .put("should_remove_source_branch", false)
        .put("merge_when_pipeline_succeeds", autoMerge);
    Either<PortFailure, GitLabHttp.Answer> sent = http.write(operation, "PUT", path, request);
    if (sent.isLeft()) {
      return sent.getLeft().kind() == Kind.UNKNOWN_OUTCOME ? settleMerge(pr, operation, sent.getLeft()) : Either.left(sent.getLeft());
    }
    GitLabHttp.Answer answer = sent.get();
    if (answer.ok()) {
      MergeRequestJson after = new MergeRequestJson(answer.json());
      if ("merged".equals(after.state())) {
        return after.state(operation).map(merged -> ((PullRequestState.Merged) merged).mergeCommit());
      }
      if (after.open() && after.mergesWhenPipelineSucceeds()) {
        return Either.left(enqueued(operation));
      }
      return read(operation, pr.value()).flatMap(again -> again.state(operation)).flatMap(again -> again.fold(
          open -> Either.left(PortFailure.of(Kind.UNKNOWN_OUTCOME,
              operation + ": GitLab accepted the merge but still reports the merge request open; sync to settle it.")),
          closed -> Either.left(PortFailure.of(Kind.REJECTED, operation + ": it was closed without merging.")),
          merged -> Either.right(merged.mergeCommit())));
    }
    if (answer.status() == 409) {
      return Either.left(PortFailure.of(Kind.CONFLICT, http.refusal(operation, "PUT", path, answer).message()));
    }
    if (answer.status() == 405 || answer.status() == 406 || answer.status() == 422) {
      // another host may have merged it a moment ago: then this merge has its answer
      Either<PortFailure, PullRequestState> now = state(pr);
      if (now.isRight() && now.get() instanceof PullRequestState.Merged merged) {
        return Either.right(merged.mergeCommit());
      }
      return Either.left(PortFailure.of(Kind.REJECTED, http.refusal(operation, "PUT", path, answer).message()));
    }
    return Either.left(http.refusal(operation, "PUT", path, answer));
  }

  /**
   * The project merges through a merge train: the merge request joins it at exactly
   * {@code expectedHead}, and GitLab merges it once the train's pipeline passes (or drops it). The
   * answer is {@link Kind#ENQUEUED}: the lane stays locked until a sync finds it merged.
   */
  private Either<PortFailure, CommitId> addToTrain(PullRequestNumber pr, CommitId expectedHead, String operation) {
    String path = project + "/merge_trains/merge_requests/" + pr.value();
    JsonNode request = GitLabHttp.object().put("sha", expectedHead.hex()).put("auto_merge", true);
    Either<PortFailure, GitLabHttp.Answer> sent = http.write(operation, "POST", path, request);
    if (sent.isLeft()) {
      if (sent.getLeft().kind() != Kind.UNKNOWN_OUTCOME) {
        return Either.left(sent.getLeft());
      }
      PortFailure failure = sent.getLeft();
      return inTrain(pr, operation).fold(
          unread -> Either.left(GitLabHttp.stillUnknown(failure, unread)),
          queued -> Either.left(queued ? enqueued(operation)
              : GitLabHttp.settled(failure, "the merge request is not on the merge train, so it was not added")));
    }
    GitLabHttp.Answer answer = sent.get();
    if (answer.ok()) {
      return Either.left(enqueued(operation));
    }
    if (answer.status() == 409) {
      return Either.left(PortFailure.of(Kind.CONFLICT, http.refusal(operation, "POST", path, answer).message()));
    }
    PortFailure refused = http.refusal(operation, "POST", path, answer);
    if (refused.message().toLowerCase(Locale.ROOT).contains("already")) {
      Either<PortFailure, Boolean> queued = inTrain(pr, operation);
      if (queued.isRight() && queued.get()) {
        return Either.left(enqueued(operation));
      }
    }
    return Either.left(PortFailure.of(Kind.REJECTED, refused.message()));
  }

  private Either<PortFailure, Boolean> inTrain(PullRequestNumber pr, String operation) {
    String path = project + "/merge_trains/merge_requests/" + pr.value();
    return http.ask(operation, path).flatMap(answer -> answer.ok()
        ? Either.right(!"merged".equals(answer.json().path("status").asText("")))
        : answer.status() == 404 ? Either.right(false) : Either.left(http.refusal(operation, "GET", path, answer)));
  }

  private static PortFailure enqueued(String operation) {
    return PortFailure.of(Kind.ENQUEUED, operation + ": GitLab merges it at that head once its pipeline succeeds"
        + " (merge train or auto-merge). Sync Promotions to learn the outcome.");
  }

  /**
   * A merge whose answer was lost or a 5xx: the PUT is never sent again (it may have merged).
   * Reading the merge request tells: merged, waiting for its pipeline (auto-merge set), still open
   * (nothing was merged; merging again is safe, since a merge names the head), or closed.
   */
  private Either<PortFailure, CommitId> settleMerge(PullRequestNumber pr, String operation, PortFailure failure) {
    return read(operation, pr.value()).flatMap(mr -> mr.state(operation).map(state -> Tuple.of(mr, state))).fold(
        unread -> Either.left(GitLabHttp.stillUnknown(failure, unread)),
        read -> read._2.fold(
            open -> Either.left(read._1.mergesWhenPipelineSucceeds()
                ? enqueued(operation)
                : GitLabHttp.settled(failure, "the merge request is still open at " + open.head().abbreviated()
                    + ", so nothing was merged")),
            closed -> Either.left(PortFailure.of(Kind.REJECTED, operation + ": it was closed without merging.")),
            merged -> Either.right(merged.mergeCommit())));
  }

  @Override
  public Either<PortFailure, PullRequestState> close(PullRequestNumber pr) {
    String operation = "Closing promotion merge request !" + pr.value();
    Either<PortFailure, PullRequestState> before = state(pr);
    if (before.isLeft() || !(before.get() instanceof PullRequestState.Open)) {
      return before;
    }
    String path = project + "/merge_requests/" + pr.value();
    Either<PortFailure, GitLabHttp.Answer> sent = http.write(operation, "PUT", path,
        GitLabHttp.object().put("state_event", "close"));
    if (sent.isLeft()) {
      PortFailure failure = sent.getLeft();
      if (failure.kind() != Kind.UNKNOWN_OUTCOME) {
        return Either.left(failure);
      }
      // the PUT may have closed it: read instead of sending it again
      return state(pr).fold(
          unread -> Either.left(GitLabHttp.stillUnknown(failure, unread)),
          after -> after instanceof PullRequestState.Open
              ? Either.left(GitLabHttp.settled(failure, "the merge request is still open, so it was not closed"))
              : Either.right(after));
    }
    if (!sent.get().ok()) {
      return Either.left(http.refusal(operation, "PUT", path, sent.get()));
    }
    Either<PortFailure, PullRequestState> answered = new MergeRequestJson(sent.get().json()).state(operation);
    return answered.isRight() && !(answered.get() instanceof PullRequestState.Open) ? answered : state(pr);
  }

  @Override
  public Either<PortFailure, Seq<OpenPullRequest>> listOpen() {
    String operation = "Listing the open merge requests";
    return http.readAll(operation, project + "/merge_requests?state=opened")
        .flatMap(list -> Either.sequenceRight(list.map(node -> new MergeRequestJson(node).openPullRequest(operation)))
            .map(Seq::toList));
  }

  Either<PortFailure, MergeRequestJson> read(String operation, long iid) {
    return http.read(operation, project + "/merge_requests/" + iid).flatMap(node -> {
      MergeRequestJson mr = new MergeRequestJson(node);
      return mr.iid() == iid
          ? Either.right(mr)
          : Either.left(GitLabHttp.malformed(operation, "GitLab answered with merge request !" + mr.iid()));
    });
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
