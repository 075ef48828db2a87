package io.platinur.application.lane;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Actor;
import io.platinur.domain.environment.Capability;
import io.platinur.domain.environment.Environment;
import io.platinur.domain.environment.EnvironmentPolicy;
import io.platinur.domain.environment.EnvironmentRefusal;
import io.platinur.domain.environment.Grant;
import io.platinur.port.Permissions;
import io.vavr.control.Either;
import java.util.Objects;

/**
 * The environment guard, as a use case: before an action runs in an environment, the
 * environment's {@link EnvironmentPolicy} decides whether it is allowed there at all (Prod
 * disables assistant development, has no Initial Run and never takes proposals directly), then the
 * host's {@link Permissions} whether the actor holds it there (production permissions for Prod).
 * A refusal is an {@link EnvironmentRefusal} with the exact message, naming the environment.
 *
 * <pre>{@code
 * EnvironmentGuard guard = new EnvironmentGuard(permissions);
 * guard.authorize(Actor.of("ana"), Environment.PROD, Capability.ASSISTANT_DEVELOPMENT)
 *     .peekLeft(refused -> show(refused.message()));
 * // Assistant development is disabled in Prod. Develop in Staging and promote the batch.
 * }</pre>
 */
public final class EnvironmentGuard {
  private final Permissions permissions;

  public EnvironmentGuard(Permissions permissions) {
    this.permissions = Objects.requireNonNull(permissions, "permissions");
  }

  /** The guard of a host without a permission model: only the environments' policy refuses. */
  public static EnvironmentGuard policyOnly() {
    return new EnvironmentGuard(Permissions.everything());
  }

  /** May {@code actor} do this here? The grant that allows it, or the refusal. */
  public Either<UseCaseFailure<EnvironmentRefusal>, Grant> authorize(Actor actor, Environment environment, Capability capability) {
    return EnvironmentPolicy.authorize(actor, permissions.grantsOf(actor), environment, capability).mapLeft(UseCaseFailure::rejected);
  }
}
