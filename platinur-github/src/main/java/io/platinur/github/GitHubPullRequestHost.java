package io.platinur.github;

import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure.Kind;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.kohsuke.github.GHCommitPointer;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;

/**
 * Promotion PRs on GitHub. Reads use only what a single GitHub answer carries, so github-api never
 * has to fetch a pull request a second time behind the caller's back; merges name the expected
 * head commit, so exactly the validated commit is promoted.
 */
final class GitHubPullRequestHost implements PullRequestHost {
  private final RepositoryHandle repository;
  private final String owner;
  private final RetryBudget budget;
  private final Sleeper sleeper;
  private final RestCalls rest;
  private final Option<BranchRules> rules;

  GitHubPullRequestHost(RepositoryHandle repository, String owner, RetryBudget budget, Sleeper sleeper,
      RestCalls rest, Option<BranchRules> rules) {
    this.repository = repository;
    this.owner = owner;
    this.budget = budget;
    this.sleeper = sleeper;
    this.rest = rest;
    this.rules = rules;
  }

  @Override
  public Either<PortFailure, PromotionPullRequest> openPromotionPr(BranchName head, BranchName base, String title, String body) {
    String operation = "Opening the promotion PR from " + head + " into " + base;
    if (title == null || title.isBlank()) {
      return Either.left(PortFailure.of(Kind.INVALID_REQUEST, operation + ": a title is required."));
    }
    return Failures.attempt(operation, () -> {
      GHPullRequest created;
      try {
        created = repository.get().createPullRequest(title, head.name(), base.name(), body == null ? "" : body);
      } catch (IOException e) {
        if (Failures.status(e).contains(422)) {
          // GitHub refuses a second open PR between the same branches with 422: return the open one.
          Either<PortFailure, Option<PromotionPullRequest>> open = findOpenPromotionPr(head, base);
          if (open.isRight() && open.get().isDefined()) {
            return Either.right(open.get().get());
          }
          PortFailure failure = Failures.from(operation, e);
          return Either.left(failure.message().toLowerCase(Locale.ROOT).contains("no commits between")
              ? PortFailure.of(Kind.NOTHING_TO_CHANGE, failure.message())
              : failure);
        }
        PortFailure failure = Failures.from(operation, e);
        if (failure.kind() == Kind.UNKNOWN_OUTCOME) {
          // the POST may have opened it: a read settles that now, and the POST is never sent again
          return findOpenPromotionPr(head, base).fold(
              unread -> Either.left(Failures.stillUnknown(failure, unread)),
              open -> open.<Either<PortFailure, PromotionPullRequest>>map(Either::right).getOrElse(() ->
                  Either.left(Failures.settled(failure, "no PR from " + head + " into " + base + " is open, so none was opened"))));
        }
        return Either.left(failure);
      }
      return promotionPr(created, operation);
    });
  }

  @Override
  public Either<PortFailure, Option<PromotionPullRequest>> findOpenPromotionPr(BranchName head, BranchName base) {
    String operation = "Finding the open promotion PR from " + head + " into " + base;
    return Failures.attempt(operation, () -> {
      List<GHPullRequest> open = repository.get().queryPullRequests()
          .state(GHIssueState.OPEN)
          .head(owner + ":" + head.name())
          .base(base.name())
          .list()
          .withPageSize(100)
          .toList();
      Option<GHPullRequest> first = Option.ofOptional(open.stream()
          .filter(pr -> pointsAt(pr.getHead(), head) && pointsAt(pr.getBase(), base) && headInBaseRepository(pr))
          .min(Comparator.comparingInt(GHPullRequest::getNumber)));
      if (first.isEmpty()) {
        return Either.right(Option.none());
      }
      return promotionPr(first.get(), operation).map(Option::some);
    });
  }

  @Override
  public Either<PortFailure, PullRequestState> state(PullRequestNumber pr) {
    String operation = "Reading promotion PR " + pr;
    return Failures.attempt(operation, () -> read(pr).flatMap(read -> read.state(operation)));
  }

  @Override
  public Either<PortFailure, CommitId> merge(PullRequestNumber pr, CommitId expectedHead) {
    String operation = "Merging promotion PR " + pr + " at " + expectedHead.abbreviated();
    return Failures.attempt(operation, () -> {
      Either<PortFailure, ReadPr> before = awaitMergeability(pr, operation);
      if (before.isLeft()) {
        return Either.left(before.getLeft());
      }
      ReadPr read = before.get();
      Either<PortFailure, PullRequestState> state = read.state(operation);
      if (state.isLeft()) {
        return Either.left(state.getLeft());
      }
      Either<PortFailure, Boolean> go = state.get().fold(
          open -> !open.head().equals(expectedHead)
              ? Either.left(PortFailure.of(Kind.CONFLICT, operation + ": its head moved to "
                  + open.head().abbreviated() + "; re-check the new head before merging."))
              : "dirty".equals(read.mergeableState)
                  ? Either.left(PortFailure.of(Kind.REJECTED, operation + ": it has merge conflicts with its base."))
                  : Either.right(true),
          closed -> Either.left(PortFailure.of(Kind.REJECTED, operation + ": it was closed without merging.")),
          merged -> Either.right(false));
      if (go.isLeft()) {
        return Either.left(go.getLeft());
      }
      if (go.get()) {
        Either<PortFailure, Boolean> queued = rules.isEmpty() ? Either.right(false) : rules.get().read().map(found -> found.mergeQueue());
        if (queued.isLeft()) {
          return Either.left(queued.getLeft());
        }
        if (queued.get()) {
          return enqueue(read, expectedHead, operation);
        }
        try {
          read.pr.merge(null, expectedHead.hex(), GHPullRequest.MergeMethod.MERGE);
        } catch (IOException e) {
          Option<Integer> status = Failures.status(e);
          PortFailure failure = Failures.from(operation, e);
          if (failure.kind() == Kind.UNKNOWN_OUTCOME) {
            return settleMerge(pr, operation, failure);
          }
          if (status.contains(405) && failure.message().toLowerCase(Locale.ROOT).contains("merge queue")) {
            // the branch requires a merge queue: a REST merge is refused, the queue merges instead
            return enqueue(read, expectedHead, operation);
          }
          if (status.contains(409)) {
            return Either.left(PortFailure.of(Kind.CONFLICT, failure.message()));
          }
          if (status.contains(405) || status.contains(422)) {
            // another host may have merged it a moment ago: then this merge has its answer
            Either<PortFailure, PullRequestState> now = read(pr).flatMap(again -> again.state(operation));
            if (now.isRight() && now.get() instanceof PullRequestState.Merged merged) {
              return Either.right(merged.mergeCommit());
            }
            return Either.left(PortFailure.of(Kind.REJECTED, failure.message()));
          }
          throw e;
        }
      }
      return read(pr).flatMap(after -> after.state(operation)).flatMap(after -> after.fold(
          open -> Either.left(PortFailure.of(Kind.UNKNOWN_OUTCOME,
              operation + ": GitHub accepted the merge but still reports the PR open; sync to settle it.")),
          closed -> Either.left(PortFailure.of(Kind.REJECTED, operation + ": it was closed without merging.")),
          merged -> Either.right(merged.mergeCommit())));
    });
  }

  @Override
  public Either<PortFailure, PullRequestState> close(PullRequestNumber pr) {
    String operation = "Closing promotion PR " + pr;
    return Failures.attempt(operation, () -> {
      Either<PortFailure, ReadPr> read = read(pr);
      if (read.isLeft()) {
        return Either.left(read.getLeft());
      }
      Either<PortFailure, PullRequestState> state = read.get().state(operation);
      if (state.isLeft() || !(state.get() instanceof PullRequestState.Open)) {
        return state;
      }
      try {
        read.get().pr.close();
      } catch (IOException e) {
        PortFailure failure = Failures.from(operation, e);
        if (failure.kind() != Kind.UNKNOWN_OUTCOME) {
          throw e;
        }
        // the PATCH may have closed it: read instead of sending it again
        return Failures.attempt(operation, () -> read(pr)).flatMap(after -> after.state(operation)).fold(
            unread -> Either.left(Failures.stillUnknown(failure, unread)),
            after -> after instanceof PullRequestState.Open
                ? Either.left(Failures.settled(failure, "the PR is still open, so it was not closed"))
                : Either.right(after));
      }
      return read(pr).flatMap(after -> after.state(operation));
    });
  }

  private static final String ENQUEUE = "mutation($id: ID!, $head: GitObjectID) {"
      + " enqueuePullRequest(input: {pullRequestId: $id, expectedHeadOid: $head}) { mergeQueueEntry { id state position } } }";
  private static final String IN_QUEUE = "query($id: ID!) { node(id: $id) { ... on PullRequest { isInMergeQueue } } }";

  /**
   * Adds the PR to the production branch's merge queue at exactly {@code expectedHead} (GraphQL
   * {@code enqueuePullRequest} with {@code expectedHeadOid}). The queue merges it once its checks
   * pass, or dequeues it; either way {@link #state} tells, so the answer is
   * {@link Kind#ENQUEUED}: the lane stays locked until a sync finds the PR merged.
   */
  private Either<PortFailure, CommitId> enqueue(ReadPr read, CommitId expectedHead, String operation) throws IOException {
    String id = read.pr.getNodeId();
    if (id == null || id.isBlank()) {
      return Either.left(Failures.malformed(operation, "GitHub's answer lacks the PR's node id"));
    }
    PortFailure enqueued = PortFailure.of(Kind.ENQUEUED, operation + ": it is in the merge queue of its base branch;"
        + " GitHub merges it once the queue's checks pass. Sync Promotions to learn the outcome.");
    try {
      rest.graphql(ENQUEUE, java.util.Map.of("id", id, "head", expectedHead.hex()));
      return Either.left(enqueued);
    } catch (GitHubCallFailure e) {
      PortFailure failure = Failures.from(operation, e);
      if (failure.kind() == Kind.UNKNOWN_OUTCOME || failure.message().toLowerCase(Locale.ROOT).contains("already")) {
        // the mutation may have been applied (or was before): ask the PR whether it is queued
        return Failures.attempt(operation, () -> Either.right(
                rest.graphql(IN_QUEUE, java.util.Map.of("id", id)).path("node").path("isInMergeQueue").asBoolean(false)))
            .fold(
                unread -> Either.left(failure.kind() == Kind.UNKNOWN_OUTCOME ? Failures.stillUnknown(failure, unread) : failure),
                inQueue -> inQueue
                    ? Either.left(enqueued)
                    : Either.left(failure.kind() == Kind.UNKNOWN_OUTCOME
                        ? Failures.settled(failure, "the PR is not in the merge queue, so it was not added")
                        : failure));
      }
      return Either.left(failure);
    }
  }

  /**
   * A merge whose answer was lost or a 5xx: the PUT is never sent again (it may have merged).
   * Reading the PR tells: merged (the merge took effect, or another host's did), still open (nothing
   * was merged; merging again is safe, since a merge names the head), or closed.
   */
  private Either<PortFailure, CommitId> settleMerge(PullRequestNumber pr, String operation, PortFailure failure) {
    return Failures.attempt(operation, () -> read(pr)).flatMap(after -> after.state(operation)).fold(
        unread -> Either.left(Failures.stillUnknown(failure, unread)),
        after -> after.fold(
            open -> Either.left(Failures.settled(failure,
                "the PR is still open at " + open.head().abbreviated() + ", so nothing was merged")),
            closed -> Either.left(PortFailure.of(Kind.REJECTED, operation + ": it was closed without merging.")),
            merged -> Either.right(merged.mergeCommit())));
  }

  /**
   * Reads the PR; while GitHub is still computing whether it can be merged ({@code mergeable:
   * null}, {@code mergeable_state: unknown}), reads again within the retry budget. If it is still
   * unknown then, the merge is attempted anyway and GitHub's answer decides.
   */
  private Either<PortFailure, ReadPr> awaitMergeability(PullRequestNumber pr, String operation) throws IOException {
    Duration waited = Duration.ZERO;
    Either<PortFailure, ReadPr> read = read(pr);
    for (int attempt = 1; read.isRight() && read.get().mergeabilityUnknown(); attempt++) {
      Duration pause = budget.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 16));
      if (attempt >= budget.maxAttempts() || waited.plus(pause).compareTo(budget.maxTotalWait()) > 0) {
        break;
      }
      try {
        sleeper.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Either.left(PortFailure.of(Kind.UNAVAILABLE, operation + ": interrupted."));
      }
      waited = waited.plus(pause);
      read = read(pr);
    }
    return read;
  }

  private Either<PortFailure, ReadPr> read(PullRequestNumber pr) throws IOException {
    if (pr.value() > Integer.MAX_VALUE) {
      return Either.left(PortFailure.of(Kind.NOT_FOUND, "Promotion PR " + pr + " does not exist."));
    }
    GHPullRequest found = repository.get().getPullRequest((int) pr.value());
    if (found == null) {
      return Either.left(Failures.malformed("Reading promotion PR " + pr, "GitHub's answer was empty"));
    }
    if (found.getNumber() != pr.value()) {
      return Either.left(Failures.malformed("Reading promotion PR " + pr, "GitHub answered with PR #" + found.getNumber()));
    }
    GHCommitPointer head = found.getHead();
    return Either.right(new ReadPr(found, found.getState(), found.isMerged(), found.getMergeCommitSha(),
        head == null ? null : head.getSha(), found.getMergeableState()));
  }

  /** A fork's branch may be named like staging; a promotion PR's head is in the base repository. */
  private static boolean headInBaseRepository(GHPullRequest pr) {
    org.kohsuke.github.GHRepository headRepo = pr.getHead().getRepository();
    org.kohsuke.github.GHRepository baseRepo = pr.getBase().getRepository();
    if (headRepo == null || baseRepo == null) {
      return false; // a deleted fork's PR has no head repository
    }
    if (headRepo.getId() != 0 && baseRepo.getId() != 0) {
      return headRepo.getId() == baseRepo.getId();
    }
    return headRepo.getFullName() != null && headRepo.getFullName().equalsIgnoreCase(baseRepo.getFullName());
  }

  private static boolean pointsAt(GHCommitPointer pointer, BranchName branch) {
    return pointer != null && branch.name().equals(pointer.getRef());
  }

  private static Either<PortFailure, PromotionPullRequest> promotionPr(GHPullRequest pr, String operation) {
    GHCommitPointer head = pr.getHead();
    GHCommitPointer base = pr.getBase();
    if (pr.getNumber() <= 0 || head == null || base == null || head.getSha() == null
        || head.getRef() == null || base.getRef() == null) {
      return Either.left(Failures.malformed(operation, "the pull request in GitHub's answer lacks its number, head or base"));
    }
    URL html = pr.getHtmlUrl();
    Option<URI> web = Option.none();
    if (html != null) {
      try {
        web = Option.some(html.toURI());
      } catch (java.net.URISyntaxException e) {
        return Either.left(Failures.malformed(operation, "the pull request's web address is not valid"));
      }
    }
    return Either.right(new PromotionPullRequest(PullRequestNumber.of(pr.getNumber()),
        BranchName.of(head.getRef()), BranchName.of(base.getRef()), CommitId.of(head.getSha()), web));
  }

  /** One PR as one GitHub answer described it (every field read once, so no getter fetches again). */
  private static final class ReadPr {
    final GHPullRequest pr;
    final GHIssueState issueState;
    final boolean merged;
    final String mergeCommitSha;
    final String headSha;
    final String mergeableState;

    ReadPr(GHPullRequest pr, GHIssueState issueState, boolean merged, String mergeCommitSha, String headSha,
        String mergeableState) {
      this.pr = pr;
      this.issueState = issueState;
      this.merged = merged;
      this.mergeCommitSha = mergeCommitSha;
      this.headSha = headSha;
      this.mergeableState = mergeableState;
    }

    boolean mergeabilityUnknown() {
      return issueState == GHIssueState.OPEN && (mergeableState == null || "unknown".equals(mergeableState));
    }

    /** Open at its head, closed, or merged; {@code merge_commit_sha} is trusted only once merged. */
    Either<PortFailure, PullRequestState> state(String operation) {
      if (issueState == GHIssueState.OPEN) {
        if (merged) {
          return Either.left(Failures.malformed(operation, "GitHub reports the PR both open and merged"));
        }
        if (headSha == null) {
          return Either.left(Failures.malformed(operation, "GitHub's answer lacks the PR's head commit"));
        }
        return commit(operation, headSha).map(PullRequestState.Open::new);
      }
      if (issueState == GHIssueState.CLOSED) {
        if (!merged) {
          return Either.right(new PullRequestState.ClosedUnmerged());
        }
        if (mergeCommitSha == null) {
          return Either.left(Failures.malformed(operation, "GitHub reports the PR merged without a merge commit"));
        }
        return commit(operation, mergeCommitSha).map(PullRequestState.Merged::new);
      }
      return Either.left(Failures.malformed(operation, "GitHub's answer has no known PR state"));
    }

    private static Either<PortFailure, CommitId> commit(String operation, String sha) {
      try {
        return Either.right(CommitId.of(sha));
      } catch (io.platinur.domain.InvalidValueException e) {
        return Either.left(Failures.malformed(operation, "a commit id in GitHub's answer is not valid"));
      }
    }
  }
}
