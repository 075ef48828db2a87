package io.platinur.domain.preview;

import io.platinur.domain.InvalidValueException;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.CommitId;
import java.time.Instant;
import java.util.Objects;

/**
 * A preview environment Platinur keeps for one pull request: pinned to the image {@code digest}
 * built from the PR's {@code headCommit}, {@code created} when first written and
 * {@code lastUpdated} when its head or digest last moved.
 */
public record PreviewEnvironment(
    PullRequestNumber pr, CommitId headCommit, ImageDigest digest, Instant created, Instant lastUpdated) {

  public PreviewEnvironment {
    Objects.requireNonNull(pr, "pr");
    Objects.requireNonNull(headCommit, "headCommit");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(lastUpdated, "lastUpdated");
    if (lastUpdated.isBefore(created)) {
      throw new InvalidValueException("The preview of " + pr + " cannot be updated (" + lastUpdated
          + ") before it was created (" + created + ").");
    }
  }

  /** A new preview of {@code pr}, created and last updated {@code now}. */
  public static PreviewEnvironment create(PullRequestNumber pr, CommitId head, ImageDigest digest, Instant now) {
    return new PreviewEnvironment(pr, head, digest, now, now);
  }

  /** This preview moved to another head and digest at {@code now}; its creation time stays. */
  public PreviewEnvironment movedTo(CommitId head, ImageDigest newDigest, Instant now) {
    return new PreviewEnvironment(pr, head, newDigest, created, now.isBefore(created) ? created : now);
  }

  /** Whether it already runs {@code head}'s build {@code build}. */
  public boolean runs(CommitId head, ImageDigest build) {
    return headCommit.equals(head) && digest.equals(build);
  }
}
