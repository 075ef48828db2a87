package io.platinur.github;

import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.OpenPullRequests;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Try;
import java.time.Instant;
import java.util.Date;
import org.kohsuke.github.GHCommitPointer;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHPullRequest;

/**
 * The repository's open pull requests for preview environments: {@code GET /repos/{owner}/{repo}/pulls?state=open},
 * every page, each with its number, head branch and commit, base branch, labels and
 * {@code updated_at}. A pull request GitHub describes without one of them makes the whole answer
 * {@code MALFORMED_RESPONSE}: a partial list would reap previews of pull requests that are open.
 */
final class GitHubOpenPullRequests implements OpenPullRequests {
  private static final String OPERATION = "Listing the open pull requests";

  private final RepositoryHandle repository;
  private final PullRequestHost pullRequests;

  GitHubOpenPullRequests(RepositoryHandle repository, PullRequestHost pullRequests) {
    this.repository = repository;
    this.pullRequests = pullRequests;
  }

  @Override
  public Either<PortFailure, Seq<OpenPullRequest>> listOpen() {
    return Failures.attempt(OPERATION, () -> {
      java.util.List<GHPullRequest> open = repository.get().queryPullRequests()
          .state(GHIssueState.OPEN)
          .list()
          .withPageSize(100)
          .toList();
      return Either.sequenceRight(List.ofAll(open).map(GitHubOpenPullRequests::openPullRequest)).map(Seq::toList);
    });
  }

  @Override
  public Either<PortFailure, PullRequestState> state(PullRequestNumber pr) {
    return pullRequests.state(pr);
  }

  private static Either<PortFailure, OpenPullRequest> openPullRequest(GHPullRequest pr) {
    GHCommitPointer head = pr.getHead();
    GHCommitPointer base = pr.getBase();
    Date updated = Try.of(pr::getUpdatedAt).getOrNull();
    if (pr.getNumber() <= 0 || head == null || base == null || head.getSha() == null || head.getRef() == null
        || base.getRef() == null || updated == null) {
      return Either.left(Failures.malformed(OPERATION,
          "pull request #" + pr.getNumber() + " lacks its number, head, base or update time"));
    }
    return Try.of(() -> new OpenPullRequest(PullRequestNumber.of(pr.getNumber()), BranchName.of(head.getRef()),
            BranchName.of(base.getRef()), CommitId.of(head.getSha()),
            TreeSet.ofAll(List.ofAll(pr.getLabels()).map(GHLabel::getName)), Instant.ofEpochMilli(updated.getTime())))
        .toEither()
        .mapLeft(problem -> Failures.malformed(OPERATION, "pull request #" + pr.getNumber() + " has a head, base or label GitHub does not send"));
  }
}
