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
 * with why, and the rollback PRs it would merge by itself but whose gate does not pass yet (the
 * next sync merges them once it does).
 */
public record PromotionSync(Seq<DigestPromotionEvent> events, Seq<UnrecordedPrNote> closed, Seq<RollbackWaiting> waiting) {
  static final PromotionSync NOTHING = new PromotionSync(List.empty(), List.empty(), List.empty());

  public PromotionSync {
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(closed, "closed");
    Objects.requireNonNull(waiting, "waiting");
  }

  /** Whether the sync recorded nothing, closed nothing and found no rollback waiting. */
  public boolean isEmpty() {
    return events.isEmpty() && closed.isEmpty() && waiting.isEmpty();
  }

  PromotionSync recording(Seq<DigestPromotionEvent> more) {
    return new PromotionSync(events.appendAll(more), closed, waiting);
  }

  PromotionSync closing(UnrecordedPrNote note) {
    return new PromotionSync(events, closed.append(note), waiting);
  }

  PromotionSync waiting(Option<RollbackWaiting> note) {
    return new PromotionSync(events, closed, waiting.appendAll(note));
  }
}
