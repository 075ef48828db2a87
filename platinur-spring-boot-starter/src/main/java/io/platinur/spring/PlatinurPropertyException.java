package io.platinur.spring;

import java.util.Objects;

/**
 * A {@code platinur.*} property that is missing or wrong, found while the application starts. The
 * application stops with {@link #getMessage()}, which names the property and says what to set
 * ({@link PlatinurFailureAnalyzer}); the message never holds a secret value.
 */
public final class PlatinurPropertyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String property;
  private final String action;

  /**
   * @param property the property at fault, such as {@code platinur.repository.path}
   * @param problem what is wrong, naming the property
   * @param action what to do about it
   */
  public PlatinurPropertyException(String property, String problem, String action) {
    super(Objects.requireNonNull(problem, "problem"), null, false, false);
    this.property = Objects.requireNonNull(property, "property");
    this.action = Objects.requireNonNull(action, "action");
  }

  /** The property at fault. */
  public String property() {
    return property;
  }

  /** What to do about it. */
  public String action() {
    return action;
  }
}
