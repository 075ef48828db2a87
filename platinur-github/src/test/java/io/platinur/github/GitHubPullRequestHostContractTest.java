package io.platinur.github;

import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PullRequestHost;
import io.platinur.testkit.contract.PullRequestHostContract;

/** The pull-request port contract, run against the GitHub adapter talking to the testkit's fake GitHub. */
class GitHubPullRequestHostContractTest extends PullRequestHostContract {

  @Override
  protected World newWorld() {
    FakeGitHubSetup setup = new FakeGitHubSetup();
    PullRequestHost github = setup.platform().pullRequests();
    return new World() {
      @Override
      public PullRequestHost host() {
        return github;
      }

      @Override
      public BranchName staging() {
        return BranchName.of(FakeGitHubSetup.STAGING);
      }

      @Override
      public BranchName production() {
        return BranchName.of(FakeGitHubSetup.MAIN);
      }

      @Override
      public CommitId advanceStaging(String fileName) {
        return CommitId.of(setup.repository.commit(FakeGitHubSetup.STAGING, fileName, fileName + "\n"));
      }

      @Override
      public CommitId productionHead() {
        return CommitId.of(setup.repository.head(FakeGitHubSetup.MAIN).orElseThrow());
      }

      @Override
      public boolean productionContains(CommitId commit) {
        return setup.repository.contains(FakeGitHubSetup.MAIN, commit.hex());
      }

      @Override
      public void close() {
        setup.close();
      }
    };
  }
}
