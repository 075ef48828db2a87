package io.platinur.domain.preview;

import io.platinur.domain.forge.PullRequestNumber;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import java.util.Objects;

/**
 * What Git holds, the "actual" side of a reconcile: the live previews Platinur created, the reaped
 * previews whose outside resources are not yet confirmed cleaned up, and the directories left
 * alone.
 */
public record PreviewInventory(
    SortedMap<PullRequestNumber, PreviewEnvironment> previews,
    SortedMap<PullRequestNumber, PreviewEnvironment> pendingCleanups,
    Seq<UnmanagedDirectory> leftAlone) {

  public PreviewInventory {
    Objects.requireNonNull(previews, "previews");
    Objects.requireNonNull(pendingCleanups, "pendingCleanups");
    Objects.requireNonNull(leftAlone, "leftAlone");
  }

  public static PreviewInventory empty() {
    return new PreviewInventory(TreeMap.empty(), TreeMap.empty(), List.empty());
  }

  /** An inventory of these live previews, nothing pending, nothing left alone. */
  public static PreviewInventory of(Iterable<PreviewEnvironment> previews) {
    SortedMap<PullRequestNumber, PreviewEnvironment> byNumber = TreeMap.empty();
    for (PreviewEnvironment preview : previews) {
      byNumber = byNumber.put(preview.pr(), preview);
    }
    return new PreviewInventory(byNumber, TreeMap.empty(), List.empty());
  }

  /** The same with {@code reaped} now waiting for its cleanup. */
  public PreviewInventory withPendingCleanup(PreviewEnvironment reaped) {
    return new PreviewInventory(previews, pendingCleanups.put(reaped.pr(), reaped), leftAlone);
  }

  /** The same with the directories left alone. */
  public PreviewInventory withLeftAlone(Seq<UnmanagedDirectory> directories) {
    return new PreviewInventory(previews, pendingCleanups, directories);
  }

  /** The same once the cleanup of {@code cleaned} is done: it is no longer pending. */
  public PreviewInventory cleanedUp(Iterable<PullRequestNumber> cleaned) {
    return new PreviewInventory(previews, pendingCleanups.removeAll(cleaned), leftAlone);
  }

  /** Whether a directory Platinur left alone occupies {@code pr}'s preview directory. */
  public boolean occupied(PullRequestNumber pr) {
    return leftAlone.exists(d -> d.pr().contains(pr));
  }
}
