package io.platinur.port;

import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.vavr.collection.Seq;
import io.vavr.control.Either;

/**
 * The open pull requests of the repository whose changes get preview environments, as the forge
 * (GitHub, or the offline Git host) reports them: number, head branch and commit, base branch,
 * labels and last update time. Read-only and safe to retry.
 */
public interface OpenPullRequests {

  /** Every open pull request, all pages of them; a partial list is a failure, never an answer. */
  Either<PortFailure, Seq<OpenPullRequest>> listOpen();

  /**
   * What became of a pull request: open, closed without merging, or merged. Previews use it only to
   * say why a preview is reaped; {@link PortFailure.Kind#NOT_FOUND} when there is no such PR.
   */
  Either<PortFailure, PullRequestState> state(PullRequestNumber pr);
}
