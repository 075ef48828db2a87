package io.platinur.domain.environment;

import io.platinur.domain.Actor;
import io.platinur.domain.Refusal;
import java.util.Objects;
import java.util.function.Function;

/**
 * Why an action may not run in an environment: the environment never allows it ({@link
 * CapabilityDisabled}: Prod has no assistant development, no Initial Run and takes no proposals
 * directly), or the actor holds no permission for it there ({@link PermissionMissing}; production
 * permissions for Prod). Each message names the environment.
 */
public sealed interface EnvironmentRefusal extends Refusal
    permits EnvironmentRefusal.CapabilityDisabled, EnvironmentRefusal.PermissionMissing {

  <R> R fold(Function<CapabilityDisabled, R> onDisabled, Function<PermissionMissing, R> onMissing);

  /** The environment never allows the capability. */
  record CapabilityDisabled(Environment environment, Capability capability, String message) implements EnvironmentRefusal {
    public CapabilityDisabled {
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(capability, "capability");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public <R> R fold(Function<CapabilityDisabled, R> onDisabled, Function<PermissionMissing, R> onMissing) {
      return onDisabled.apply(this);
    }
  }

  /** The environment allows the capability, but {@code actor} holds no permission for it there. */
  record PermissionMissing(Actor actor, Environment environment, Capability capability) implements EnvironmentRefusal {
    public PermissionMissing {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(capability, "capability");
    }

    @Override
    public String message() {
      String scope = environment == Environment.PROD ? "production" : "staging";
      return actor + " lacks " + scope + " permission for " + capability.words() + " in " + environment.displayName() + ".";
    }

    @Override
    public <R> R fold(Function<CapabilityDisabled, R> onDisabled, Function<PermissionMissing, R> onMissing) {
      return onMissing.apply(this);
    }
  }
}
