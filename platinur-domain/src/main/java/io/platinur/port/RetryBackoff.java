package io.platinur.port;

/**
 * Waits before a compare-and-swap is tried again after it lost a race. Every loop in the use cases
 * that reads, decides and saves with compare-and-swap (a lane change, a digest promotion step, a
 * preview reconcile) calls it once per lost race, between the lost save and the fresh read; the use
 * case itself never sleeps, so it stays a pure function of what the ports answer.
 *
 * <p>Without a wait, writers that lost together read and save together again, and with eight of
 * them one can lose every round until its attempts run out. Spreading the retries out in time
 * (exponential backoff with random jitter) lets most of them through on the next try. The
 * in-memory default is {@link #none()}; the Git adapter offers an exponential backoff with full
 * jitter ({@code GitStaging.retryBackoff()}), meant for several hosts on one repository or remote.
 *
 * <p>The number of attempts stays bounded by the use case ({@code withMaxAttempts}); a backoff only
 * decides how long to wait. An implementation must return (never throw); when its thread is
 * interrupted it should return at once and keep the interrupt flag set.
 */
@FunctionalInterface
public interface RetryBackoff {

  /**
   * Called after a compare-and-swap lost its race, before the caller reads again: returns when
   * retry number {@code retry} may start (1 for the first retry of an operation, 2 for the next).
   */
  void beforeRetry(int retry);

  /** Retry at once: the default, for in-memory stores and tests (fast and deterministic). */
  static RetryBackoff none() {
    return retry -> { };
  }
}
