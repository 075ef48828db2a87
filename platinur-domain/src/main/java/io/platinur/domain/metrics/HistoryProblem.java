package io.platinur.domain.metrics;

import java.util.Objects;

/**
 * Something in the history that could not be counted, named so a person can look at it: a record
 * that does not parse, or a gap (a state that cannot follow the one before it, a deployment whose
 * start is not recorded). It is reported and skipped, never guessed around.
 */
public sealed interface HistoryProblem permits HistoryProblem.Unreadable, HistoryProblem.Gap {

  /** Where: a ref and commit ({@code refs/platinur/lanes/staging at 1a2b3c4}) or a scope ({@code lane staging}). */
  String where();

  /** The problem in one sentence, ending with what was skipped. */
  String message();

  /** A record that does not parse; nothing of it is counted. */
  record Unreadable(String where, String why) implements HistoryProblem {
    public Unreadable {
      Objects.requireNonNull(where, "where");
      Objects.requireNonNull(why, "why");
    }

    @Override
    public String message() {
      return where + " does not parse (" + why + "); skipped.";
    }
  }

  /** Two records that cannot follow each other, or a fact whose start is missing; {@code skipped} says what is not counted. */
  record Gap(String where, String what, String skipped) implements HistoryProblem {
    public Gap {
      Objects.requireNonNull(where, "where");
      Objects.requireNonNull(what, "what");
      Objects.requireNonNull(skipped, "skipped");
    }

    @Override
    public String message() {
      return where + ": " + what + "; " + skipped + ".";
    }
  }
}
