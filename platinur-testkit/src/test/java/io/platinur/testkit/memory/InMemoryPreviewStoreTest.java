package io.platinur.testkit.memory;

import io.platinur.port.PreviewStore;
import io.platinur.testkit.contract.PreviewStoreContract;

class InMemoryPreviewStoreTest extends PreviewStoreContract {
  @Override
  protected World newWorld() {
    InMemoryPreviewStore store = new InMemoryPreviewStore();
    return new World() {
      @Override
      public PreviewStore store() {
        return store;
      }
    };
  }
}
