package io.platinur.domain.digest;

import io.platinur.domain.forge.Review;
import io.platinur.domain.gate.CiResult;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything known about one promotion (or rollback) PR when its gate is evaluated, gathered by
 * the caller; each piece names the commit or digest it is about, so evidence about anything else
 * never counts.
 *
 * @param target the service and the environment the PR changes
 * @param source the environment the digest comes from (for soak)
 * @param sourceDigest the digest whose health in {@code source} the soak measures
 * @param expectedPin what the target's pin must be once the PR merges (none: no pin)
 * @param pinPath the target's values file
 * @param key the pin's key in that file
 * @param head the PR's head commit now
 * @param author who opened the PR
 * @param ci CI at a commit, if it reported
 * @param reviews every review of the PR, in any order
 * @param deployments deployment statuses of the service in the source environment
 * @param diff what the PR changes
 * @param now the current time, from the caller's clock
 */
public record StepEvidence(
    PromotionTarget target,
    EnvironmentName source,
    ImageDigest sourceDigest,
    Option<ImageDigest> expectedPin,
    RepoPath pinPath,
    PinKey key,
    CommitId head,
    String author,
    Option<CiResult> ci,
    Seq<Review> reviews,
    Seq<DigestDeployment> deployments,
    PromotionDiff diff,
    Instant now) {
  public StepEvidence {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sourceDigest, "sourceDigest");
    Objects.requireNonNull(expectedPin, "expectedPin");
    Objects.requireNonNull(pinPath, "pinPath");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(ci, "ci");
    Objects.requireNonNull(reviews, "reviews");
    Objects.requireNonNull(deployments, "deployments");
    Objects.requireNonNull(diff, "diff");
    Objects.requireNonNull(now, "now");
  }
}
