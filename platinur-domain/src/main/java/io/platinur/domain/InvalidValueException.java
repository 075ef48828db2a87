package io.platinur.domain;

import io.vavr.collection.List;
import io.vavr.collection.Seq;

/**
 * Thrown when a value handed to Platinur is malformed: a repository path, a branch name, a
 * proposal, a configuration. Every problem found is listed in {@link #problems()}, so a host can
 * show them all at once. Nothing has been changed when this is thrown.
 *
 * <p>Messages name the offending input by its role and, where safe, its text; they never contain
 * file contents or secret values.
 */
public class InvalidValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient Seq<String> problems;

  public InvalidValueException(String problem) {
    this(List.of(problem));
  }

  public InvalidValueException(Seq<String> problems) {
    super(String.join(" ", problems));
    this.problems = List.ofAll(problems);
  }

  /** Every problem found, in the order they were checked. */
  public Seq<String> problems() {
    return problems;
  }
}
