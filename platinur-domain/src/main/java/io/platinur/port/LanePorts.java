package io.platinur.port;

/**
 * Where a staging lane lives, as one bundle: the staging branch with its proposal commits, the
 * lane's state beside it, and the defaults of the adapter that keeps them — the time of its audit
 * entries and how to wait before retrying a lost compare-and-swap race. The Git adapter's
 * {@code GitStaging} is one (the system clock, exponential backoff with jitter); the testkit's
 * {@code InMemoryForge} is another (retrying at once).
 *
 * <pre>{@code
 * try (GitStaging git = GitStaging.open(Path.of("/srv/repos/analytics.git"), config).get()) {
 *   StagingLaneService lane = StagingLaneService.builder(config, git, git.offlineHost()).build();
 * }
 * }</pre>
 */
public interface LanePorts {

  /** Proposal commits on the staging branch, the batch read back from it, staging moves. */
  StagingRepository staging();

  /** The lane's state, saved by compare-and-swap together with the staging branch. */
  LaneStateStore laneStateStore();

  /** The time audit entries record, unless the host gives its own. */
  TimeSource timeSource();

  /** How to wait before retrying after a lost compare-and-swap race, unless the host gives its own. */
  RetryBackoff retryBackoff();
}
