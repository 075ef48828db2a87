package io.platinur.github;

import java.time.Instant;
import java.util.Objects;

/**
 * GitHub's core REST rate limit for the credentials in use ({@link GitHubPlatform#rateLimit()}):
 * {@code remaining} of {@code limit} requests are left until {@code resetsAt}.
 */
public record GitHubRateLimit(int remaining, int limit, Instant resetsAt) {
  public GitHubRateLimit {
    Objects.requireNonNull(resetsAt, "resetsAt");
  }
}
