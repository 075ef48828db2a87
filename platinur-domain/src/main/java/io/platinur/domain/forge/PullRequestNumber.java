package io.platinur.domain.forge;

import io.platinur.domain.InvalidValueException;

/** The number of a pull request on its host (GitHub, or the offline Git host): {@code #42}. */
public record PullRequestNumber(long value) implements Comparable<PullRequestNumber> {
  public PullRequestNumber {
    if (value <= 0) {
      throw new InvalidValueException("A pull request number must be positive, got " + value + ".");
    }
  }

  public static PullRequestNumber of(long value) {
    return new PullRequestNumber(value);
  }

  @Override
  public int compareTo(PullRequestNumber other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return "#" + value;
  }
}
