package io.platinur.github;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the deliveries received lately ({@code X-GitHub-Delivery}), so that a delivery GitHub
 * sends again (a redelivery, a retry after a slow answer) wakes the host once. Bounded: the oldest
 * ids are forgotten first. Thread-safe.
 */
final class DeliveryIds {
  private final int kept;
  private final Map<String, Boolean> seen;

  DeliveryIds(int kept) {
    this.kept = kept;
    this.seen = new LinkedHashMap<>(16, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > DeliveryIds.this.kept;
      }
    };
  }

  /** Records {@code id}; true when it was new. */
  synchronized boolean firstTime(String id) {
    return seen.put(id, Boolean.TRUE) == null;
  }
}
