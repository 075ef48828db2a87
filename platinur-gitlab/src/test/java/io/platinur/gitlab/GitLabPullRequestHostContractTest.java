package io.platinur.gitlab;

import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PullRequestHost;
import io.platinur.testkit.contract.PullRequestHostContract;

/** The pull-request port contract, run against the GitLab adapter talking to the fake GitLab. */
class GitLabPullRequestHostContractTest extends PullRequestHostContract {

  @Override
  protected World newWorld() {
    FakeGitLabSetup setup = new FakeGitLabSetup();
    PullRequestHost gitlab = setup.platform().pullRequests();
    return new World() {
      @Override
      public PullRequestHost host() {
        return gitlab;
      }

      @Override
      public BranchName staging() {
        return BranchName.of(FakeGitLabSetup.STAGING);
      }

      @Override
      public BranchName production() {
        return BranchName.of(FakeGitLabSetup.MAIN);
      }

      @Override
      public CommitId advanceStaging(String fileName) {
        return CommitId.of(setup.repository.commit(FakeGitLabSetup.STAGING, fileName, fileName + "\n"));
      }

      @Override
      public CommitId productionHead() {
        return CommitId.of(setup.repository.head(FakeGitLabSetup.MAIN).orElseThrow());
      }

      @Override
      public boolean productionContains(CommitId commit) {
        return setup.repository.contains(FakeGitLabSetup.MAIN, commit.hex());
      }

      @Override
      public void close() {
        setup.close();
      }
    };
  }
}
