package io.platinur.port;

import io.platinur.domain.Actor;
import io.platinur.domain.environment.Capability;
import io.platinur.domain.environment.Environment;
import io.platinur.domain.environment.Grant;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;

/**
 * Who may do what where: the host's permission model, asked by the environment guard. Production
 * permissions are grants in {@link Environment#PROD}.
 */
@FunctionalInterface
public interface Permissions {

  /** The grants {@code actor} holds. */
  Set<Grant> grantsOf(Actor actor);

  /**
   * Every capability in every environment, for a host without a permission model of its own: the
   * environments' policy still refuses what Prod never allows.
   */
  static Permissions everything() {
    Set<Grant> all = HashSet.ofAll(List.of(Environment.values())
        .flatMap(environment -> List.of(Capability.values()).map(capability -> new Grant(environment, capability))));
    return actor -> all;
  }
}
