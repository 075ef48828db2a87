package io.platinur.domain.digest;

import io.platinur.domain.InvalidValueException;
import io.vavr.control.Validation;

/**
 * The name of aservice service on the promotion path: 1 to 63 lowercase letters, digits and inner
 * hyphens ({@code api}), so it is safe as a directory name and a branch name component.
 */
public record ServiceName(String value) implements Comparable<ServiceName> {
  public ServiceName {
    Validation<String, String> checked = Names.check("service", value);
    if (checked.isInvalid()) {
      throw new InvalidValueException(checked.getError());
    }
  }

  public static ServiceName of(String value) {
    return new ServiceName(value);
  }

  /** Checks a candidate name without throwing; the error says what is wrong with it. */
  public static Validation<String, ServiceName> parse(String value) {
    return Names.check("service", value).map(ServiceName::new);
  }

  @Override
  public int compareTo(ServiceName other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
