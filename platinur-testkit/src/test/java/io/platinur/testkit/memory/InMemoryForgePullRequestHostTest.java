package io.platinur.testkit.memory;

import io.platinur.testkit.contract.PullRequestHostContract;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PullRequestHost;

/** The use-case tests' in-memory forge keeps the same pull-request contract as the real hosts. */
class InMemoryForgePullRequestHostTest extends PullRequestHostContract {
  private static final BranchName STAGING = BranchName.of("staging");
  private static final BranchName MAIN = BranchName.of("main");

  @Override
  protected World newWorld() {
    InMemoryForge forge = new InMemoryForge(STAGING, MAIN);
    return new World() {
      @Override
      public PullRequestHost host() {
        return forge;
      }

      @Override
      public BranchName staging() {
        return STAGING;
      }

      @Override
      public BranchName production() {
        return MAIN;
      }

      @Override
      public CommitId advanceStaging(String fileName) {
        return forge.pushOutside(STAGING, fileName, fileName);
      }

      @Override
      public CommitId productionHead() {
        return forge.head(MAIN);
      }

      @Override
      public boolean productionContains(CommitId commit) {
        return forge.isAncestor(commit, forge.head(MAIN)).get();
      }
    };
  }
}
