package io.platinur.domain.credential;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.environment.Environment;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import org.junit.jupiter.api.Test;

class CredentialIsolationTest {
  private static final String SECRET_VALUE = "s3cr3t-password-value";

  @Test
  void reports_a_shared_secret_value_by_names_only() {
    EnvironmentCredentials staging = new EnvironmentCredentials(Environment.STAGING,
        HashMap.of("STAGING_DB_PASSWORD", SecretFingerprint.of(SECRET_VALUE.toCharArray()),
            "API_KEY", SecretFingerprint.of("staging-key".toCharArray())),
        HashSet.of("staging-db.internal"));
    EnvironmentCredentials prod = new EnvironmentCredentials(Environment.PROD,
        HashMap.of("DB_PASSWORD", SecretFingerprint.of(SECRET_VALUE.toCharArray()),
            "API_KEY", SecretFingerprint.of("prod-key".toCharArray())),
        HashSet.of("prod-db.internal"));

    assertThat(CredentialIsolation.violations(staging, prod)).containsExactly(
        "Secret STAGING_DB_PASSWORD in Staging and secret DB_PASSWORD in Prod have the same value. Each environment must own its secrets.");
    assertThat(CredentialIsolation.violations(staging, prod).mkString()).doesNotContain(SECRET_VALUE);
  }

  @Test
  void reports_a_shared_database_instance() {
    EnvironmentCredentials staging = new EnvironmentCredentials(Environment.STAGING, HashMap.empty(), HashSet.of("DB.internal"));
    EnvironmentCredentials prod = new EnvironmentCredentials(Environment.PROD, HashMap.empty(), HashSet.of("db.internal"));
    assertThat(CredentialIsolation.violations(staging, prod)).containsExactly(
        "Database instance ‘DB.internal’ is used by both Staging and Prod. Each environment must use its own database instance.");
  }

  @Test
  void isolated_environments_have_no_violations() {
    EnvironmentCredentials staging = new EnvironmentCredentials(Environment.STAGING,
        HashMap.of("KEY", SecretFingerprint.of("a".toCharArray())), HashSet.of("staging-db"));
    EnvironmentCredentials prod = new EnvironmentCredentials(Environment.PROD,
        HashMap.of("KEY", SecretFingerprint.of("b".toCharArray())), HashSet.of("prod-db"));
    assertThat(CredentialIsolation.violations(staging, prod)).isEmpty();
  }

  @Test
  void a_fingerprint_never_prints_the_value_or_the_whole_digest() {
    SecretFingerprint fingerprint = SecretFingerprint.of(SECRET_VALUE.toCharArray());
    assertThat(fingerprint.toString()).doesNotContain(SECRET_VALUE).doesNotContain(fingerprint.hex()).hasSize("SecretFingerprint[".length() + 8 + 2);
  }
}
