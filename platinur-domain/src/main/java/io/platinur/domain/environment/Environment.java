package io.platinur.domain.environment;

/** The two first-class environments. */
public enum Environment {
  /** The development and validation lane: the assistant develops here and proposals are applied here. */
  STAGING("Staging"),
  /** The release and runtime lane: it receives changes only through a promotion PR. */
  PROD("Prod");

  private final String displayName;

  Environment(String displayName) {
    this.displayName = displayName;
  }

  /** {@code Staging} or {@code Prod}, as messages name it. */
  public String displayName() {
    return displayName;
  }

  @Override
  public String toString() {
    return displayName;
  }
}
