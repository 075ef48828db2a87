package io.platinur.domain.digest;

import java.util.Objects;

/**
 * A service in a target environment: the unit of promotion. At most one promotion is open per
 * target; different services promote independently.
 */
public record PromotionTarget(ServiceName service, EnvironmentName environment) implements Comparable<PromotionTarget> {
  public PromotionTarget {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
  }

  public static PromotionTarget of(String service, String environment) {
    return new PromotionTarget(ServiceName.of(service), EnvironmentName.of(environment));
  }

  @Override
  public int compareTo(PromotionTarget other) {
    int byService = service.compareTo(other.service);
    return byService != 0 ? byService : environment.compareTo(other.environment);
  }

  /** {@code api → staging}. */
  @Override
  public String toString() {
    return service + " → " + environment;
  }
}
