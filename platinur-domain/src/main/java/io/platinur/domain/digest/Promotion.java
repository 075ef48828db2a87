package io.platinur.domain.digest;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * What one promotion moves: {@code digest}, pinned in {@code from}, into {@code target}, where
 * {@code previous} was pinned before (none when the service was not yet pinned there). A rollback
 * brings {@code previous} back.
 */
public record Promotion(PromotionTarget target, EnvironmentName from, ImageDigest digest, Option<ImageDigest> previous) {
  public Promotion {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(previous, "previous");
  }
}
