package io.platinur.port.memory;

import io.platinur.port.DigestPromotionStore;
import io.platinur.testkit.contract.DigestPromotionStoreContract;

class InMemoryDigestPromotionStoreTest extends DigestPromotionStoreContract {

  @Override
  protected World newWorld() {
    InMemoryDigestPromotionStore store = new InMemoryDigestPromotionStore();
    return new World() {
      @Override
      public DigestPromotionStore store() {
        return store;
      }
    };
  }
}
