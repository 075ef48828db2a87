package io.platinur.domain.credential;

import io.platinur.domain.environment.Environment;
import java.util.Objects;

/**
 * One thing two environments share that each must own (ADR-005): a secret value or a database
 * instance. Secrets are named by their names only; a value never appears here.
 */
public sealed interface CredentialSharing permits CredentialSharing.SharedSecret, CredentialSharing.SharedDatabaseInstance {

  /** The exact words of the finding. */
  String message();

  /** Secret {@code secret} of {@code environment} has the same value as {@code otherSecret} of {@code other}. */
  record SharedSecret(Environment environment, String secret, Environment other, String otherSecret) implements CredentialSharing {
    public SharedSecret {
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(secret, "secret");
      Objects.requireNonNull(other, "other");
      Objects.requireNonNull(otherSecret, "otherSecret");
    }

    @Override
    public String message() {
      return "Secret " + secret + " in " + environment + " and secret " + otherSecret + " in " + other
          + " have the same value. Each environment must own its secrets.";
    }
  }

  /** Both environments connect to the database instance {@code instance} (a host name, not a secret). */
  record SharedDatabaseInstance(String instance, Environment environment, Environment other) implements CredentialSharing {
    public SharedDatabaseInstance {
      Objects.requireNonNull(instance, "instance");
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(other, "other");
    }

    @Override
    public String message() {
      return "Database instance ‘" + instance + "’ is used by both " + environment + " and " + other
          + ". Each environment must use its own database instance.";
    }
  }
}
