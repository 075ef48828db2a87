package io.platinur.domain.digest;

import io.platinur.domain.proposal.RepoPath;
import io.vavr.collection.SortedSet;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * What a promotion PR changes, compared with its base: every changed path, the pin it leaves in the
 * target's values file (none when the key cannot be read), and whether that file changed in
 * anything but the pin scalar's bytes.
 */
public record PromotionDiff(SortedSet<RepoPath> changedPaths, Option<ImageDigest> pinAfter, boolean pinFileChangedElsewhere) {
  public PromotionDiff {
    Objects.requireNonNull(changedPaths, "changedPaths");
    Objects.requireNonNull(pinAfter, "pinAfter");
  }

  /** Whether the PR changes exactly the scalar at the pin in {@code pinFile}, to {@code pin}, and nothing else. */
  public boolean changesOnly(RepoPath pinFile, Option<ImageDigest> pin) {
    return changedPaths.size() == 1 && changedPaths.contains(pinFile) && !pinFileChangedElsewhere && pinAfter.equals(pin) && pin.isDefined();
  }
}
