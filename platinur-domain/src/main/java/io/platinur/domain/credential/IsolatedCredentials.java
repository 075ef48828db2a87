package io.platinur.domain.credential;

import io.platinur.domain.InvalidValueException;
import io.platinur.domain.environment.Environment;
import io.vavr.control.Either;
import java.util.Objects;

/**
 * The credentials of Staging and of Prod, known to share no secret value and no database instance
 * (ADR-005: a leaked or misconfigured staging secret cannot reach production data). The only way to
 * one is {@link #of}, which refuses credentials that are not isolated.
 *
 * <pre>{@code
 * EnvironmentCredentials staging = EnvironmentCredentials.builder(Environment.STAGING)
 *     .secret("DB_PASSWORD", stagingPassword).databaseInstance("db-staging.internal").build();
 * EnvironmentCredentials prod = EnvironmentCredentials.builder(Environment.PROD)
 *     .secret("DB_PASSWORD", prodPassword).databaseInstance("db-prod.internal").build();
 * IsolatedCredentials.of(staging, prod).peekLeft(shared -> fail(shared.message()));
 * }</pre>
 */
public final class IsolatedCredentials {
  private final EnvironmentCredentials staging;
  private final EnvironmentCredentials prod;

  private IsolatedCredentials(EnvironmentCredentials staging, EnvironmentCredentials prod) {
    this.staging = staging;
    this.prod = prod;
  }

  /**
   * Staging's and Prod's credentials when they share nothing; otherwise what they share, every
   * sharing at once. Throws {@link InvalidValueException} when {@code staging} is not Staging's or
   * {@code prod} not Prod's (a mix-up in the caller, not a sharing).
   */
  public static Either<SharedCredentials, IsolatedCredentials> of(EnvironmentCredentials staging, EnvironmentCredentials prod) {
    Objects.requireNonNull(staging, "staging");
    Objects.requireNonNull(prod, "prod");
    if (staging.environment() != Environment.STAGING || prod.environment() != Environment.PROD) {
      throw new InvalidValueException("Give Staging's credentials first and Prod's second; got " + staging.environment()
          + "'s and " + prod.environment() + "'s.");
    }
    var sharings = CredentialIsolation.sharings(staging, prod);
    return sharings.isEmpty() ? Either.right(new IsolatedCredentials(staging, prod)) : Either.left(new SharedCredentials(sharings));
  }

  /**
   * Staging's and Prod's credentials, for an entry point that refuses a configuration before
   * anything runs: throws {@link SharedCredentialsException} (naming every sharing, by names only)
   * when they share a secret value or a database instance.
   */
  public static IsolatedCredentials require(EnvironmentCredentials staging, EnvironmentCredentials prod) {
    return of(staging, prod).getOrElseThrow(SharedCredentialsException::new);
  }

  public EnvironmentCredentials staging() {
    return staging;
  }

  public EnvironmentCredentials prod() {
    return prod;
  }

  /** The secrets' names and the database instances; never a value or a fingerprint. */
  @Override
  public String toString() {
    return "IsolatedCredentials[Staging: " + staging.secrets().keySet().toSortedSet().mkString(", ") + " on "
        + staging.databaseInstances().toSortedSet().mkString(", ") + "; Prod: " + prod.secrets().keySet().toSortedSet().mkString(", ")
        + " on " + prod.databaseInstances().toSortedSet().mkString(", ") + "]";
  }
}
