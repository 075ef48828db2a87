package io.platinur.domain.credential;

import io.platinur.domain.environment.Environment;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import java.util.Objects;

/**
 * What one environment holds: its secrets by name (as fingerprints, never values) and the
 * database instances its connection strings point to (host names, which are not secret).
 */
public record EnvironmentCredentials(
    Environment environment, Map<String, SecretFingerprint> secrets, Set<String> databaseInstances) {
  public EnvironmentCredentials {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(secrets, "secrets");
    Objects.requireNonNull(databaseInstances, "databaseInstances");
  }
}
