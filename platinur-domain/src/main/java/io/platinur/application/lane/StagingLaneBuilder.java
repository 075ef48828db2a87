package io.platinur.application.lane;

import io.platinur.application.core.Retries;
import io.platinur.domain.credential.EnvironmentCredentials;
import io.platinur.domain.credential.IsolatedCredentials;
import io.platinur.domain.credential.SharedCredentials;
import io.platinur.domain.credential.SharedCredentialsException;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.port.ForgePorts;
import io.platinur.port.LanePorts;
import io.platinur.port.PullRequestHost;
import io.platinur.port.RetryBackoff;
import io.platinur.port.StagingWorkspace;
import io.platinur.port.TimeSource;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * The options of a staging lane ({@link StagingLaneService#builder}); {@link #build()} checks them and
 * makes the service. The lane keeps its staging branch and state in the {@link LanePorts} bundle and
 * opens promotion PRs through the {@link ForgePorts#pullRequests()} of the forge's bundle. Until the
 * builder is told otherwise, audit entries take the adapter's time ({@link LanePorts#timeSource()}),
 * a lost race is retried after the adapter's backoff ({@link LanePorts#retryBackoff()}) up to 100
 * attempts, only the environments' policy guards apply, and no staging workspace is reset.
 */
public final class StagingLaneBuilder {
  private final LaneConfiguration config;
  private final LanePorts lane;
  private final PullRequestHost pullRequests;
  private TimeSource time;
  private Retries retries;
  private Option<StagingWorkspace> workspace = Option.none();
  private EnvironmentGuard guard = EnvironmentGuard.policyOnly();
  private Either<SharedCredentials, Option<IsolatedCredentials>> credentials = Either.right(Option.none());

  StagingLaneBuilder(LaneConfiguration config, LanePorts lane, ForgePorts forge) {
    this.config = Objects.requireNonNull(config, "config");
    this.lane = Objects.requireNonNull(lane, "lane");
    this.pullRequests = Objects.requireNonNull(forge, "forge").pullRequests();
    this.time = lane.timeSource();
    this.retries = new Retries(StagingLaneService.DEFAULT_ATTEMPTS, lane.retryBackoff());
  }

  /** The time audit entries record (default: the adapter's). */
  public StagingLaneBuilder clock(TimeSource timeSource) {
    this.time = Objects.requireNonNull(timeSource, "timeSource");
    return this;
  }

  /** Gives up after {@code attempts} lost races (default 100); see {@link StagingLaneService#withMaxAttempts}. */
  public StagingLaneBuilder maxAttempts(int attempts) {
    this.retries = retries.withMaxAttempts(attempts);
    return this;
  }

  /** Waits as {@code retryBackoff} says before each retry (default: the adapter's backoff). */
  public StagingLaneBuilder backoff(RetryBackoff retryBackoff) {
    this.retries = retries.withBackoff(retryBackoff);
    return this;
  }

  /** Resets this staging workspace with the staging branch when a release is synced. */
  public StagingLaneBuilder workspace(StagingWorkspace stagingWorkspace) {
    this.workspace = Option.some(Objects.requireNonNull(stagingWorkspace, "stagingWorkspace"));
    return this;
  }

  /** Asks this guard before applying (default: the environments' policy only). */
  public StagingLaneBuilder guard(EnvironmentGuard environmentGuard) {
    this.guard = Objects.requireNonNull(environmentGuard, "environmentGuard");
    return this;
  }

  /**
   * The secrets and database instances of Staging and of Prod: {@link #build()} refuses them with
   * {@link SharedCredentialsException} when the two environments share a secret value or a
   * database instance (ADR-005), naming secrets by name only, before the lane runs.
   */
  public StagingLaneBuilder credentials(EnvironmentCredentials staging, EnvironmentCredentials prod) {
    this.credentials = IsolatedCredentials.of(staging, prod).map(Option::some);
    return this;
  }

  /**
   * The lane. Throws {@link SharedCredentialsException} when the credentials given share
   * anything between Staging and Prod.
   */
  public StagingLaneService build() {
    credentials.getOrElseThrow(SharedCredentialsException::new);
    return new StagingLaneService(config, lane.staging(), lane.laneStateStore(), pullRequests, time, retries, workspace, guard);
  }
}
