package io.platinur.port;

import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * Where promotion PRs live: GitHub, or plain Git for offline use. Every operation is safe to
 * retry.
 */
public interface PullRequestHost {

  /**
   * Opens the promotion PR from {@code head} (staging) into {@code base} (production); when one is
   * already open between them, returns that one instead of opening another.
   */
  Either<PortFailure, PromotionPullRequest> openPromotionPr(BranchName head, BranchName base, String title, String body);

  /** The open pull request from {@code head} into {@code base}, if there is one. */
  Either<PortFailure, Option<PromotionPullRequest>> findOpenPromotionPr(BranchName head, BranchName base);

  /** Open at a head commit, closed without merging, or merged (with its merge commit). */
  Either<PortFailure, PullRequestState> state(PullRequestNumber pr);

  /**
   * Merges the pull request only if its head is still {@code expectedHead}, and returns the merge
   * commit. {@link PortFailure.Kind#CONFLICT} when the head moved, {@link PortFailure.Kind#REJECTED}
   * when it cannot be merged, {@link PortFailure.Kind#ENQUEUED} when the production branch requires a
   * merge queue and the PR was queued at {@code expectedHead} (the lane stays locked; a later
   * {@link #state} read says merged, or open when the queue dequeued it). Merging an already merged
   * PR returns its merge commit.
   */
  Either<PortFailure, CommitId> merge(PullRequestNumber pr, CommitId expectedHead);

  /** Closes the pull request without merging; closing a closed one is a no-op. */
  Either<PortFailure, PullRequestState> close(PullRequestNumber pr);
}
