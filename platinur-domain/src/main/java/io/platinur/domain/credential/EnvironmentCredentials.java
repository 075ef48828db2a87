package io.platinur.domain.credential;

import io.platinur.domain.InvalidValueException;
import io.platinur.domain.environment.Environment;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import java.util.Objects;

/**
 * What one environment holds: its secrets by name (as fingerprints, never values) and the
 * database instances its connection strings point to (host names, which are not secret).
 *
 * <pre>{@code
 * EnvironmentCredentials staging = EnvironmentCredentials.builder(Environment.STAGING)
 *     .secret("DB_PASSWORD", System.getenv("STAGING_DB_PASSWORD").toCharArray())
 *     .databaseInstance("db-staging.internal")
 *     .build();
 * }</pre>
 */
public record EnvironmentCredentials(
    Environment environment, Map<String, SecretFingerprint> secrets, Set<String> databaseInstances) {
  public EnvironmentCredentials {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(secrets, "secrets");
    Objects.requireNonNull(databaseInstances, "databaseInstances");
  }

  /** Credentials of {@code environment}, secret by secret. */
  public static Builder builder(Environment environment) {
    return new Builder(Objects.requireNonNull(environment, "environment"));
  }

  /** Collects one environment's secrets (keeping only their fingerprints) and database instances. */
  public static final class Builder {
    private final Environment environment;
    private Map<String, SecretFingerprint> secrets = HashMap.empty();
    private Set<String> databaseInstances = HashSet.empty();

    private Builder(Environment environment) {
      this.environment = environment;
    }

    /**
     * The secret named {@code name} (a variable or key name, never printed with its value): only
     * its fingerprint is kept. Throws {@link InvalidValueException} for a blank name or value, or a
     * name given twice.
     */
    public Builder secret(String name, char[] value) {
      if (name == null || name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
        throw new InvalidValueException("A secret needs a name: one non-blank line.");
      }
      if (value == null || value.length == 0) {
        throw new InvalidValueException("Secret " + name + " of " + environment + " has no value.");
      }
      if (secrets.containsKey(name)) {
        throw new InvalidValueException("Secret " + name + " of " + environment + " is given twice.");
      }
      secrets = secrets.put(name, SecretFingerprint.of(value));
      return this;
    }

    /** A database instance this environment's connection strings point to (its host name). */
    public Builder databaseInstance(String instance) {
      if (instance == null || instance.isBlank()) {
        throw new InvalidValueException("A database instance needs a name: its host name.");
      }
      databaseInstances = databaseInstances.add(instance);
      return this;
    }

    public EnvironmentCredentials build() {
      return new EnvironmentCredentials(environment, secrets, databaseInstances);
    }
  }
}
