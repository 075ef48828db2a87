package io.platinur.application.digest;

import io.platinur.domain.digest.PromotionEvent;
import io.platinur.domain.digest.UnrecordedPrNote;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * What a {@link DigestPromotionService#sync} did: the events it recorded (including promotion and
 * rollback PRs it adopted after a crashed host left them unrecorded), and the unrecorded PRs it
 * closed instead, each with why.
 */
public record PromotionSync(Seq<PromotionEvent> events, Seq<UnrecordedPrNote> closed) {
  static final PromotionSync NOTHING = new PromotionSync(List.empty(), List.empty());

  public PromotionSync {
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(closed, "closed");
  }

  /** Whether the sync neither recorded nor closed anything. */
  public boolean isEmpty() {
    return events.isEmpty() && closed.isEmpty();
  }

  PromotionSync recording(Seq<PromotionEvent> more) {
    return new PromotionSync(events.appendAll(more), closed);
  }

  PromotionSync closing(UnrecordedPrNote note) {
    return new PromotionSync(events, closed.append(note));
  }
}
