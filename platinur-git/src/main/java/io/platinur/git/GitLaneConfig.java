package io.platinur.git;

import io.platinur.domain.InvalidValueException;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.repository.BranchName;
import java.time.Duration;
import java.util.Objects;

/**
 * Which branches a Git-backed lane uses and the limits it enforces.
 *
 * @param production the branch promotions merge into ({@code main})
 * @param staging the branch proposals are applied to ({@code staging}); must differ from production
 * @param maxFileBytes the largest file a proposal may write; larger writes are refused with
 *     {@code INVALID_REQUEST} before anything is written
 * @param staleLockAfter a Git {@code .lock} file older than this is taken as left behind by a crashed
 *     process: updates fail with {@code REPOSITORY_DAMAGED} naming it, and Sync Promotions removes it
 *     (recorded in the lane's history). A younger lock file held longer than a write takes (two
 *     seconds) fails updates at once with {@code UNAVAILABLE}, naming the file and its age, instead
 *     of being retried as a race
 */
public record GitLaneConfig(BranchName production, BranchName staging, long maxFileBytes, Duration staleLockAfter) {

  /** 10 MiB: generous for configuration and SQL, small enough to keep a lane's history cheap. */
  public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;

  public static final Duration DEFAULT_STALE_LOCK_AFTER = Duration.ofMinutes(2);

  public GitLaneConfig {
    Objects.requireNonNull(production, "production");
    Objects.requireNonNull(staging, "staging");
    Objects.requireNonNull(staleLockAfter, "staleLockAfter");
    if (production.equals(staging)) {
      throw new InvalidValueException(
          "The staging branch and the production branch must differ, both are ‘" + staging + "’.");
    }
    if (maxFileBytes < 0) {
      throw new InvalidValueException("The file size limit must not be negative.");
    }
    if (staleLockAfter.isNegative()) {
      throw new InvalidValueException("The stale lock age must not be negative.");
    }
  }

  /** Default limits for these branches. */
  public static GitLaneConfig of(BranchName production, BranchName staging) {
    return new GitLaneConfig(production, staging, DEFAULT_MAX_FILE_BYTES, DEFAULT_STALE_LOCK_AFTER);
  }

  /**
   * Default limits for the branches of {@code lane}, so a host names each branch once: in its
   * {@link LaneConfiguration}.
   */
  public static GitLaneConfig of(LaneConfiguration lane) {
    return of(lane.productionBranch(), lane.stagingBranch());
  }

  /** The same configuration with another file size limit. */
  public GitLaneConfig withMaxFileBytes(long limit) {
    return new GitLaneConfig(production, staging, limit, staleLockAfter);
  }

  /**
   * The ref holding this lane's state: {@code refs/platinur/lanes/<staging branch>}. Like branch
   * names, lanes in one repository must not nest: staging branches {@code staging} and
   * {@code staging/eu} cannot both have lanes there.
   */
  public String laneStateRef() {
    return "refs/platinur/lanes/" + staging.name();
  }
}
