package io.platinur.spring;

import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.lane.StagingLane;
import io.platinur.github.GitHubPlatform;
import io.platinur.github.GitHubRateLimit;
import io.platinur.port.LaneChange;
import io.platinur.port.PortFailure;
import io.platinur.port.TimeSource;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Platinur's part of {@code /actuator/health}: the lane's lock (and whether it is stale: a merged
 * promotion that Sync Promotions has not finalized within {@code platinur.health.stale-lock-after}),
 * whether GitHub answers and how much of its rate limit is left, and how the last syncs ended.
 * DOWN when the lane cannot be read, its lock is stale, GitHub does not answer, or fewer than
 * {@code platinur.health.minimum-rate-limit} requests are left. Details hold branch names, PR
 * numbers, counts and times only: never a token, a secret or a URL's credentials.
 */
final class PlatinurHealthIndicator extends AbstractHealthIndicator {
  private final Option<StagingLaneService> lane;
  private final Option<GitHubPlatform> github;
  private final PlatinurSyncs syncs;
  private final PlatinurProperties.Health settings;
  private final TimeSource time;

  PlatinurHealthIndicator(Option<StagingLaneService> lane, Option<GitHubPlatform> github, PlatinurSyncs syncs,
      PlatinurProperties.Health settings, TimeSource time) {
    super("Platinur's health check failed");
    this.lane = Objects.requireNonNull(lane, "lane");
    this.github = Objects.requireNonNull(github, "github");
    this.syncs = Objects.requireNonNull(syncs, "syncs");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.time = Objects.requireNonNull(time, "time");
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    boolean up = true;
    Instant now = time.now();
    if (lane.isDefined()) {
      Map<String, Object> details = new LinkedHashMap<>();
      Either<String, StagingLane> read = lane.get().lane().mapLeft(failure -> failure.message());
      if (read.isLeft()) {
        up = false;
        details.put("error", read.getLeft());
      } else {
        StagingLane current = read.get();
        details.put("staging", lane.get().configuration().stagingBranch().name());
        details.put("production", lane.get().configuration().productionBranch().name());
        details.put("lock", current.lock().fold(unlocked -> "unlocked", open -> "promotion PR " + open.pr() + " open",
            awaiting -> "promotion PR " + awaiting.pr() + " merged, awaiting Sync Promotions"));
        details.put("staged", current.batch().size());
        Option<Instant> since = lane.get().history(Option.none(), 1).toOption().flatMap(page -> page.headOption()).map(LaneChange::audit)
            .map(audit -> audit.at());
        if (current.lock().isLocked()) {
          since.forEach(at -> details.put("lockedSince", at.toString()));
        }
        boolean awaiting = current.lock().fold(unlocked -> false, open -> false, merged -> true);
        if (awaiting && since.exists(at -> Duration.between(at, now).compareTo(settings.getStaleLockAfter()) > 0)) {
          up = false;
          details.put("staleLock", "The merged promotion PR has waited for Sync Promotions longer than " + settings.getStaleLockAfter()
              + " (platinur.health.stale-lock-after): the scheduled sync is not finalizing it. Run Sync Promotions and look at its answer.");
        }
      }
      builder.withDetail("lane", details);
    }
    if (github.isDefined()) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("repository", github.get().settings().fullName());
      Either<PortFailure, GitHubRateLimit> limit = github.get().rateLimit();
      if (limit.isLeft()) {
        up = false;
        details.put("reachable", false);
        details.put("error", limit.getLeft().kind().name() + ": " + limit.getLeft().message());
      } else {
        details.put("reachable", true);
        details.put("rateLimitRemaining", limit.get().remaining());
        details.put("rateLimit", limit.get().limit());
        details.put("rateLimitResetsAt", limit.get().resetsAt().toString());
        if (limit.get().remaining() < settings.getMinimumRateLimit()) {
          up = false;
          details.put("rateLimitLow", limit.get().remaining() + " requests left, fewer than " + settings.getMinimumRateLimit()
              + " (platinur.health.minimum-rate-limit), until " + limit.get().resetsAt() + ".");
        }
      }
      builder.withDetail("github", details);
    } else {
      builder.withDetail("forge", "offline: pull requests live in the repository");
    }
    Map<String, Object> last = new LinkedHashMap<>();
    for (PlatinurSyncs.Kind kind : syncs.available()) {
      syncs.last(kind).forEach(run -> last.put(kind.words(), run.failure().map(f -> "failed at " + run.at() + ": " + f)
          .getOrElse("done at " + run.at())));
    }
    if (!last.isEmpty()) {
      builder.withDetail("lastSyncs", last);
    }
    if (up) {
      builder.up();
    } else {
      builder.down();
    }
  }
}
