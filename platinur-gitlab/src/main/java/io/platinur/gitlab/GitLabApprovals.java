package io.platinur.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.Review;
import io.platinur.domain.forge.ReviewState;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestReviews;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Instant;

/**
 * Approvals of a merge request, each tied to the head it approved. GitLab's approvals endpoint
 * names who approves now but not which commit they saw, so the adapter reads the merge request's
 * notes instead: GitLab writes a system note for every approval ({@code approved this merge
 * request}), withdrawal ({@code unapproved this merge request}) and request for changes
 * ({@code requested changes}), each with its author and time; a person's own note is a comment.
 * The head at that time comes from the merge request's diff versions (each with its
 * {@code head_commit_sha} and {@code created_at}): an approval counts only for the head that was
 * current when it was given, so one given before a push never approves the new head. Draft notes
 * (a review not yet submitted) are not notes, so they never count.
 */
final class GitLabApprovals implements PullRequestReviews {
  private final GitLabHttp http;
  private final String project;

  GitLabApprovals(GitLabHttp http, String projectId) {
    this.http = http;
    this.project = "/projects/" + projectId;
  }

  @Override
  public Either<PortFailure, Seq<Review>> reviews(PullRequestNumber pr) {
    String operation = "Reading the approvals of merge request !" + pr.value();
    String base = project + "/merge_requests/" + pr.value();
    Either<PortFailure, Seq<Tuple2<Instant, CommitId>>> versions = http.readAll(operation, base + "/versions")
        .flatMap(list -> Either.sequenceRight(list.map(version -> version(operation, version))))
        .map(list -> list.toList().sortBy(Tuple2::_1));
    if (versions.isLeft()) {
      return Either.left(versions.getLeft());
    }
    if (versions.get().isEmpty()) {
      return Either.left(GitLabHttp.malformed(operation, "GitLab lists no diff version of the merge request"));
    }
    return http.readAll(operation, base + "/notes?sort=asc&order_by=created_at")
        .map(notes -> notes.flatMap(note -> review(note, versions.get())).toList().sortBy(Review::submittedAt));
  }

  private static Either<PortFailure, Tuple2<Instant, CommitId>> version(String operation, JsonNode version) {
    Option<Instant> at = time(version.path("created_at"));
    if (at.isEmpty()) {
      return Either.left(GitLabHttp.malformed(operation, "a diff version has no creation time"));
    }
    return MergeRequestJson.commit(operation, version.path("head_commit_sha")).map(head -> Tuple.of(at.get(), head));
  }

  /** The review a note is, if any, on the head that was current when it was written. */
  private static Option<Review> review(JsonNode note, Seq<Tuple2<Instant, CommitId>> versions) {
    Option<String> login = Option.of(note.path("author").path("username").asText(null)).filter(l -> !l.isBlank());
    Option<Instant> at = time(note.path("created_at"));
    if (login.isEmpty() || at.isEmpty()) {
      return Option.none(); // a deleted user: such a note cannot approve this head
    }
    Option<ReviewState> state = note.path("system").asBoolean(false)
        ? systemState(note.path("body").asText(""))
        : Option.some(ReviewState.COMMENTED);
    CommitId head = versions.filter(v -> !v._1.isAfter(at.get())).lastOption().getOrElse(versions.head())._2;
    return state.map(s -> new Review(login.get(), s, head, at.get()));
  }

  private static Option<ReviewState> systemState(String body) {
    return switch (body.strip()) {
      case "approved this merge request" -> Option.some(ReviewState.APPROVED);
      case "unapproved this merge request" -> Option.some(ReviewState.DISMISSED);
      case "requested changes" -> Option.some(ReviewState.CHANGES_REQUESTED);
      default -> Option.none(); // "added 1 commit", "changed the description", …: not a review
    };
  }

  private static Option<Instant> time(JsonNode text) {
    return text.isTextual() ? Try.of(() -> java.time.OffsetDateTime.parse(text.asText()).toInstant()).toOption() : Option.none();
  }

  @Override
  public Either<PortFailure, String> author(PullRequestNumber pr) {
    String operation = "Reading the author of merge request !" + pr.value();
    return http.read(operation, project + "/merge_requests/" + pr.value())
        .flatMap(node -> new MergeRequestJson(node).author()
            .<Either<PortFailure, String>>map(Either::right)
            .getOrElse(() -> Either.left(GitLabHttp.malformed(operation, "GitLab named no author"))));
  }
}
