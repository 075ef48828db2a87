package io.platinur.port.memory;

import io.platinur.domain.lane.LaneEvent;
import io.platinur.port.AuditEntry;
import io.platinur.port.LaneStateStore;
import io.platinur.port.LaneStateStore.LaneVersion;
import io.platinur.port.StagingRepository;
import io.platinur.port.contract.InMemoryStagingRepository;
import io.platinur.port.contract.LaneStateStoreContract;
import io.vavr.Tuple3;
import io.vavr.collection.Seq;

class InMemoryLaneStateStoreTest extends LaneStateStoreContract {

  @Override
  protected World newWorld() {
    InMemoryStagingRepository repository = new InMemoryStagingRepository();
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
