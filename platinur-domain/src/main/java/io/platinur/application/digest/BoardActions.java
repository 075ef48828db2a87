package io.platinur.application.digest;

import io.platinur.domain.digest.PromotionTarget;
import io.vavr.collection.SortedMap;
import java.util.Objects;

/**
 * The board and, for every target on it (each service × each environment after the first, and
 * every target a promotion was recorded for), what promote, complete and rollback would answer now.
 * Read on one set of observations: the pins, the deployment statuses of every step's source, and
 * the evidence of each unfinished promotion's next step (its PR's gate, its canary's verdict).
 */
public record BoardActions(PromotionBoard board, SortedMap<PromotionTarget, TargetActions> targets) {
  public BoardActions {
    Objects.requireNonNull(board, "board");
    Objects.requireNonNull(targets, "targets");
  }
}
