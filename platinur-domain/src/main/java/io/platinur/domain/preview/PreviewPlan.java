package io.platinur.domain.preview;

import io.platinur.domain.proposal.RepoPath;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import java.util.Objects;

/**
 * What one reconcile does: the {@link PreviewAction actions} on Git (in pull-request order), the
 * pull requests {@link PreviewHold held} with the status to show, the reaped previews whose outside
 * resources to clean up ({@link #cleanups()}: those reaped now and those a crash left pending), and
 * the directories left alone.
 */
public record PreviewPlan(
    Seq<PreviewAction> actions, Seq<PreviewHold> holds, Seq<PreviewEnvironment> cleanups, Seq<UnmanagedDirectory> leftAlone) {

  public PreviewPlan {
    Objects.requireNonNull(actions, "actions");
    Objects.requireNonNull(holds, "holds");
    Objects.requireNonNull(cleanups, "cleanups");
    Objects.requireNonNull(leftAlone, "leftAlone");
  }

  /** Whether Git needs no change. Cleanups may still be pending: they are outside Git. */
  public boolean isEmpty() {
    return actions.isEmpty();
  }

  public Seq<PreviewAction.Create> creates() {
    return actions.filter(PreviewAction.Create.class::isInstance).map(PreviewAction.Create.class::cast);
  }

  public Seq<PreviewAction.Update> updates() {
    return actions.filter(PreviewAction.Update.class::isInstance).map(PreviewAction.Update.class::cast);
  }

  public Seq<PreviewAction.Reap> reaps() {
    return actions.filter(PreviewAction.Reap.class::isInstance).map(PreviewAction.Reap.class::cast);
  }

  /**
   * The inventory once the actions are written: created and updated previews live, reaped ones gone
   * and waiting for their cleanup, directories left alone unchanged.
   */
  public PreviewInventory applyTo(PreviewInventory inventory) {
    return actions.foldLeft(inventory, (before, action) -> action.fold(
        create -> new PreviewInventory(before.previews().put(create.pr(), create.preview()), before.pendingCleanups(), before.leftAlone()),
        update -> new PreviewInventory(before.previews().put(update.pr(), update.to()), before.pendingCleanups(), before.leftAlone()),
        reap -> new PreviewInventory(before.previews().remove(reap.pr()), before.pendingCleanups().put(reap.pr(), reap.preview()), before.leftAlone())));
  }

  /** Every directory the actions write or remove, under {@code layout}. */
  public SortedSet<RepoPath> touchedDirectories(PreviewLayout layout) {
    return TreeSet.ofAll(actions.map(action -> layout.directoryOf(action.pr())));
  }
}
