package io.platinur.application.digest;

import io.platinur.application.core.Decision;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Refusal;
import io.platinur.domain.digest.DigestPromotionEvent;
import io.platinur.domain.digest.DigestPromotions;
import io.platinur.port.PortFailure;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.util.Objects;
import java.util.function.Function;

/** What a digest use case saves: the promotions after its events, and the events themselves (its history). */
record DigestChange(DigestPromotions next, Seq<DigestPromotionEvent> events) {
  DigestChange {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(events, "events");
  }

  /**
   * The decision to save {@code events} on {@code promotions}, answering {@code result} of the
   * promotions after them. The aggregate's own decisions produce only legal events; a stored state
   * they do not fit is out of line with the rules, and nothing is saved.
   */
  static <R extends Refusal, T> Either<UseCaseFailure<R>, Decision<DigestChange, T>> decide(
      DigestPromotions promotions, Seq<DigestPromotionEvent> events, String action, Function<DigestPromotions, T> result) {
    return DigestChange.<R>after(promotions, events).map(next -> Decision.save(new DigestChange(next, events), action, result.apply(next)));
  }

  /** The promotions after {@code events}; an event illegal where it lands means the stored state is damaged. */
  static <R extends Refusal> Either<UseCaseFailure<R>, DigestPromotions> after(DigestPromotions promotions, Seq<DigestPromotionEvent> events) {
    return promotions.after(events).mapLeft(illegal -> UseCaseFailure.unavailable(PortFailure.of(PortFailure.Kind.REPOSITORY_DAMAGED,
        "The digest promotions' stored state does not allow this change: " + illegal.message())));
  }
}
