package io.platinur.domain.environment;

import java.util.Objects;

/** A permission held by an actor: this capability, in this environment. */
public record Grant(Environment environment, Capability capability) {
  public Grant {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(capability, "capability");
  }
}
