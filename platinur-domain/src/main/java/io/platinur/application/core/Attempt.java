package io.platinur.application.core;

/**
 * Which attempt of a {@link Transaction} is deciding: 1 for the first, one more after each lost
 * compare-and-swap race. A decision that writes beside the store (a commit, a pull request) uses
 * {@link #afterLostRace()} to recognize that its own earlier attempt, or another host, already did
 * that write, and to adopt it instead of doing it twice.
 */
public record Attempt(int number) {
  public Attempt {
    if (number < 1) {
      throw new IllegalArgumentException("Attempts are counted from 1, got " + number + ".");
    }
  }

  /** The first attempt. */
  public static Attempt first() {
    return new Attempt(1);
  }

  /** Whether an earlier attempt lost its race: the state was read again and is decided again. */
  public boolean afterLostRace() {
    return number > 1;
  }

  /** The attempt after this one. */
  Attempt next() {
    return new Attempt(number + 1);
  }
}
