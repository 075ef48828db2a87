package io.platinur.testkit.memory;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.preview.PreviewEnvironment;
import io.platinur.port.PortFailure;
import io.platinur.port.PreviewCleanup;
import io.platinur.testkit.memory.InMemoryForge.Faults;
import io.vavr.Tuple2;
import io.vavr.Tuple;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Comparator;

/**
 * What previews own outside Git (say, one database schema each), in memory: a deployer
 * {@link #provision provisions} a resource for each live preview, and the {@link PreviewCleanup}
 * removes it, idempotently. Tests count what is left over.
 */
public final class InMemoryPreviewResources implements PreviewCleanup {
  private static final Comparator<Tuple2<PullRequestNumber, Instant>> ORDER =
      Comparator.<Tuple2<PullRequestNumber, Instant>, PullRequestNumber>comparing(t -> t._1).thenComparing(t -> t._2);

  private SortedSet<Tuple2<PullRequestNumber, Instant>> live = TreeSet.empty(ORDER);
  private int cleanupCalls;
  private volatile Faults faults = Faults.NONE;

  public void injectFaults(Faults injected) {
    this.faults = injected;
  }

  /** The deployer saw {@code preview} live and gave it its outside resources. */
  public synchronized void provision(PreviewEnvironment preview) {
    live = live.add(Tuple.of(preview.pr(), preview.created()));
  }

  /** Resources still held: (pull request, preview creation time). */
  public synchronized SortedSet<Tuple2<PullRequestNumber, Instant>> live() {
    return live;
  }

  public synchronized int cleanupCalls() {
    return cleanupCalls;
  }

  @Override
  public synchronized Either<PortFailure, PreviewEnvironment> cleanUp(PreviewEnvironment reaped) {
    Option<PortFailure> failure = faults.before("cleanup.cleanUp");
    if (failure.isDefined()) {
      return Either.left(failure.get());
    }
    cleanupCalls++;
    live = live.remove(Tuple.of(reaped.pr(), reaped.created()));
    Option<PortFailure> late = faults.after("cleanup.cleanUp");
    return late.isDefined() ? Either.left(late.get()) : Either.right(reaped);
  }
}
