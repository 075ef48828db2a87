package io.platinur.domain.forge;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the webhook deliveries received lately (GitHub's {@code X-GitHub-Delivery}, GitLab's
 * {@code Idempotency-Key} or {@code X-Gitlab-Event-UUID}), so that a delivery a forge sends again
 * (a redelivery, a retry after a slow answer) wakes the host once. Bounded: past {@code kept} ids
 * the oldest are forgotten first. Thread-safe: every webhook receiver of the adapters and the
 * Spring Boot starter's endpoint keep one.
 */
public final class RecentDeliveries {
  private final int kept;
  private final Map<String, Boolean> seen;

  /** Remembers the latest {@code kept} delivery ids (at least one). */
  public RecentDeliveries(int kept) {
    if (kept < 1) {
      throw new IllegalArgumentException("At least one delivery id must be kept, got " + kept + ".");
    }
    this.kept = kept;
    this.seen = new LinkedHashMap<>(16, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > RecentDeliveries.this.kept;
      }
    };
  }

  /** Records {@code id}; true when it was not among the ids kept. */
  public synchronized boolean firstTime(String id) {
    return seen.put(id, Boolean.TRUE) == null;
  }

  @Override
  public String toString() {
    return "RecentDeliveries[kept=" + kept + "]";
  }
}
