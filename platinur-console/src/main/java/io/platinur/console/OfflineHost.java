package io.platinur.console;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import io.vavr.control.Either;

/**
 * The lane's promotion PRs live on Platinur's offline pull-request host (plain Git), so the console
 * itself offers to merge or close them; with GitHub, people merge in GitHub and the console only
 * syncs, so a console for a GitHub lane has no offline host.
 *
 * <p>When the host is a repository apart from the lane's own (as GitHub is), the staging branch
 * must reach the host before a promotion PR can point at it, and the host's production branch must
 * reach the lane before a merged promotion can be finalized: {@link #publishStaging} and {@link
 * #fetchProduction} do that. Closing goes through the lane's use cases, whose pull-request host is
 * this offline host; merging goes through {@link #merge}, so that the lane learns of the merge at
 * its next sync and waits for its production branch, as it does with GitHub.
 */
public interface OfflineHost {

  /**
   * Merges the promotion PR on the host only if its head is still {@code expectedHead}, and makes
   * the merge commit known to the lane's repository (not yet to its production branch).
   */
  Either<PortFailure, CommitId> merge(PullRequestNumber pr, CommitId expectedHead);

  /** Makes the lane's staging branch visible to the host, before a promotion PR is opened. */
  Either<PortFailure, Boolean> publishStaging();

  /** Brings the lane's production branch up to the host's, before Sync Promotions. */
  Either<PortFailure, Boolean> fetchProduction();

  /** The offline host in the lane's own repository: there is nothing to publish or fetch. */
  static OfflineHost sameRepository(PullRequestHost pulls) {
    return new OfflineHost() {
      @Override
      public Either<PortFailure, CommitId> merge(PullRequestNumber pr, CommitId expectedHead) {
        return pulls.merge(pr, expectedHead);
      }

      @Override
      public Either<PortFailure, Boolean> publishStaging() {
        return Either.right(false);
      }

      @Override
      public Either<PortFailure, Boolean> fetchProduction() {
        return Either.right(false);
      }
    };
  }
}
