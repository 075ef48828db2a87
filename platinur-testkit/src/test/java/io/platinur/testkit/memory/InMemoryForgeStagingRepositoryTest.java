package io.platinur.testkit.memory;

import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.StagingRepository;
import io.platinur.testkit.contract.StagingRepositoryContract;

/** The in-memory forge the use-case tests stand on keeps the same staging-repository contract as Git. */
class InMemoryForgeStagingRepositoryTest extends StagingRepositoryContract {
  private static final BranchName STAGING = BranchName.of("staging");
  private static final BranchName MAIN = BranchName.of("main");

  @Override
  protected World newWorld() {
    InMemoryForge forge = new InMemoryForge(STAGING, MAIN);
    return new World() {
      @Override
      public StagingRepository repository() {
        return forge;
      }

      @Override
      public CommitId advanceProduction(String path) {
        return forge.pushOutside(MAIN, path, "-- " + path + "\n");
      }
    };
  }
}
