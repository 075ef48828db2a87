package io.platinur.domain.digest;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * Promote {@code service} into {@code target}. The digest and the source environment normally come
 * from the promotion path (the digest pinned in the environment before {@code target}); a caller
 * that names them has them checked against the rules, so a skip or a digest from elsewhere is
 * refused rather than corrected.
 */
public record PromoteRequest(ServiceName service, EnvironmentName target, Option<EnvironmentName> from, Option<ImageDigest> digest) {
  public PromoteRequest {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(digest, "digest");
  }

  /** Promote whatever the environment before {@code target} pins. */
  public static PromoteRequest of(ServiceName service, EnvironmentName target) {
    return new PromoteRequest(service, target, Option.none(), Option.none());
  }

  public PromotionTarget promotionTarget() {
    return new PromotionTarget(service, target);
  }
}
