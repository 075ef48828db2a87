package io.platinur.port.memory;

import io.platinur.port.LaneStateStore;
import io.platinur.port.StagingRepository;
import io.platinur.domain.repository.BranchName;
import io.platinur.testkit.memory.InMemoryForge;
import io.platinur.testkit.contract.LaneStateStoreContract;

class InMemoryLaneStateStoreTest extends LaneStateStoreContract {

  @Override
  protected World newWorld() {
    InMemoryForge repository = new InMemoryForge(BranchName.of("staging"), BranchName.of("main"));
    InMemoryLaneStateStore store = new InMemoryLaneStateStore(repository);
    return new World() {
      @Override
      public LaneStateStore store() {
        return store;
      }

      @Override
      public StagingRepository staging() {
        return repository;
      }
    };
  }
}
