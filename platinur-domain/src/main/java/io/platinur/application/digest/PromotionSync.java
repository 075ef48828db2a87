package io.platinur.application.digest;

import io.platinur.domain.digest.DigestPromotionEvent;
import io.platinur.domain.digest.RollbackWaiting;
import io.platinur.domain.digest.UnrecordedPrNote;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * What a {@link DigestPromotionService#sync} did: the events it recorded (including promotion and
 * rollback PRs it adopted after a crashed host left them unrecorded; {@link
 * DigestPromotionEvent#words()} says each in a sentence), the unrecorded PRs it closed instead, each
 * with why, the rollback PRs it would merge by itself but whose gate does not pass yet (the next
 * sync merges them once it does), and the lock files a crashed writer had left on the GitOps
 * repository that it removed first ({@code removedLocks}, one sentence each, also recorded in the
 * history).
 */
public record PromotionSync(
    Seq<DigestPromotionEvent> events, Seq<UnrecordedPrNote> closed, Seq<RollbackWaiting> waiting, Seq<String> removedLocks) {
  static final PromotionSync NOTHING = new PromotionSync(List.empty(), List.empty(), List.empty());

  public PromotionSync {
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(closed, "closed");
    Objects.requireNonNull(waiting, "waiting");
    Objects.requireNonNull(removedLocks, "removedLocks");
  }

  /** A sync that removed no lock file. */
  public PromotionSync(Seq<DigestPromotionEvent> events, Seq<UnrecordedPrNote> closed, Seq<RollbackWaiting> waiting) {
    this(events, closed, waiting, List.empty());
  }

  /** Whether the sync recorded nothing, closed nothing, found no rollback waiting and removed no lock file. */
  public boolean isEmpty() {
    return events.isEmpty() && closed.isEmpty() && waiting.isEmpty() && removedLocks.isEmpty();
  }

  PromotionSync recording(Seq<DigestPromotionEvent> more) {
    return new PromotionSync(events.appendAll(more), closed, waiting, removedLocks);
  }

  PromotionSync closing(UnrecordedPrNote note) {
    return new PromotionSync(events, closed.append(note), waiting, removedLocks);
  }

  PromotionSync waiting(Option<RollbackWaiting> note) {
    return new PromotionSync(events, closed, waiting.appendAll(note), removedLocks);
  }

  PromotionSync afterRemoving(Seq<String> locks) {
    return new PromotionSync(events, closed, waiting, locks.appendAll(removedLocks));
  }
}
