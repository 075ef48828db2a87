package io.platinur.domain.digest;

import io.platinur.domain.InvalidValueException;
import io.vavr.control.Validation;

/**
 * The name of an environment on the promotion path: 1 to 63 lowercase letters, digits and inner
 * hyphens ({@code staging}), so it is safe as a directory name and a branch name component.
 */
public record EnvironmentName(String value) implements Comparable<EnvironmentName> {
  public EnvironmentName {
    Validation<String, String> checked = Names.check("environment", value);
    if (checked.isInvalid()) {
      throw new InvalidValueException(checked.getError());
    }
  }

  public static EnvironmentName of(String value) {
    return new EnvironmentName(value);
  }

  /** Checks a candidate name without throwing; the error says what is wrong with it. */
  public static Validation<String, EnvironmentName> parse(String value) {
    return Names.check("environment", value).map(EnvironmentName::new);
  }

  @Override
  public int compareTo(EnvironmentName other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
