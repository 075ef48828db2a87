package io.platinur.domain.credential;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Locale;

/**
 * ADR-005's credential isolation: each environment owns its secrets, so no secret value and no
 * database instance may be shared between Staging and Prod. Values are compared by fingerprint
 * and never appear in a message; secrets are named by their names only.
 *
 * <p>The entry points check it when a host configures its environments
 * ({@code StagingLaneService.builder(…).credentials(staging, prod)}), before anything runs;
 * {@link IsolatedCredentials#of} is the same check as a value.
 */
public final class CredentialIsolation {
  private CredentialIsolation() {}

  /** Every sharing found between the two environments, as typed values; empty when they are isolated. */
  public static Seq<CredentialSharing> sharings(EnvironmentCredentials one, EnvironmentCredentials other) {
    List<CredentialSharing> found = List.empty();
    for (var mine : one.secrets().toList().sortBy(e -> e._1)) {
      for (var theirs : other.secrets().toList().sortBy(e -> e._1)) {
        if (mine._2.equals(theirs._2)) {
          found = found.append(new CredentialSharing.SharedSecret(one.environment(), mine._1, other.environment(), theirs._1));
        }
      }
    }
    for (String instance : one.databaseInstances().toList().sorted()) {
      String key = instance.toLowerCase(Locale.ROOT);
      if (other.databaseInstances().exists(i -> i.toLowerCase(Locale.ROOT).equals(key))) {
        found = found.append(new CredentialSharing.SharedDatabaseInstance(instance, one.environment(), other.environment()));
      }
    }
    return found;
  }

  /** Every sharing found between the two environments, in words; empty when they are isolated. */
  public static Seq<String> violations(EnvironmentCredentials one, EnvironmentCredentials other) {
    return sharings(one, other).map(CredentialSharing::message);
  }
}
