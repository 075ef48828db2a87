package io.platinur.domain.digest;

import java.util.Objects;

/**
 * An event that cannot happen to a target's promotion in its current state (a merge of a PR that is
 * not the open one, a completion of a promotion that never merged). The aggregate's own decisions
 * never produce one; a stored or replayed history that does is out of line with the rules.
 */
public record IllegalPromotionEvent(DigestPromotionEvent event, String state) {
  public IllegalPromotionEvent {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(state, "state");
  }

  /** {@code DigestPrMerged cannot happen to the promotion of api to prod in its state (promoted).} */
  public String message() {
    return event.getClass().getSimpleName() + " cannot happen to the promotion of " + event.target().service() + " to "
        + event.target().environment() + " in its state (" + state + ").";
  }

  @Override
  public String toString() {
    return message();
  }
}
