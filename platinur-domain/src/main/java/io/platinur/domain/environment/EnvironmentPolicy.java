package io.platinur.domain.environment;

import io.platinur.domain.Actor;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * What each environment allows:
 *
 * <table>
 *   <caption>Capabilities</caption>
 *   <tr><th>capability</th><th>Staging</th><th>Prod</th></tr>
 *   <tr><td>assistant development</td><td>allowed</td><td>disabled</td></tr>
 *   <tr><td>Initial Run</td><td>allowed (only here)</td><td>not available</td></tr>
 *   <tr><td>apply proposals</td><td>yes (then promoted)</td><td>never directly</td></tr>
 *   <tr><td>runs</td><td>from the staging branch</td><td>from the production branch</td></tr>
 *   <tr><td>refreshes and schedules</td><td>staging permissions</td><td>production permissions</td></tr>
 * </table>
 *
 * A disallowed action is rejected with a message naming the environment; an allowed one still
 * needs the actor to hold a {@link Grant} for it in that environment.
 */
public final class EnvironmentPolicy {
  private EnvironmentPolicy() {}

  /** Why the environment never allows the capability, or none when it may be allowed. */
  public static Option<String> disallowedReason(Environment environment, Capability capability) {
    if (environment == Environment.STAGING) {
      return Option.none();
    }
    // A switch expression: a new capability fails to compile here until Prod's rule is decided.
    return switch (capability) {
      case ASSISTANT_DEVELOPMENT -> Option.some(
          "Assistant development is disabled in Prod. Develop in Staging and promote the batch.");
      case INITIAL_RUN -> Option.some("Initial Run is not available in Prod. It is available only in Staging.");
      case APPLY_PROPOSALS -> Option.some(
          "Proposals are never applied to Prod directly. Apply them to Staging and promote the batch through a promotion PR.");
      case RUN, REFRESH_AND_SCHEDULE -> Option.none();
    };
  }

  /** Whether the environment allows the capability at all. */
  public static boolean allows(Environment environment, Capability capability) {
    return disallowedReason(environment, capability).isEmpty();
  }

  /**
   * May {@code actor}, holding {@code grants}, do this here? First the environment's policy, then
   * the actor's permission in that environment (production permissions for Prod).
   */
  public static Either<EnvironmentRefusal, Grant> authorize(
      Actor actor, Set<Grant> grants, Environment environment, Capability capability) {
    Option<String> disallowed = disallowedReason(environment, capability);
    if (disallowed.isDefined()) {
      return Either.left(new EnvironmentRefusal.CapabilityDisabled(environment, capability, disallowed.get()));
    }
    Grant needed = new Grant(environment, capability);
    return grants.contains(needed)
        ? Either.right(needed)
        : Either.left(new EnvironmentRefusal.PermissionMissing(actor, environment, capability));
  }
}
