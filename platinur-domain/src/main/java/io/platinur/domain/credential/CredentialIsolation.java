package io.platinur.domain.credential;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Locale;

/**
 * ADR-005's credential isolation: each environment owns its secrets, so no secret value and no
 * database instance may be shared between Staging and Prod. Values are compared by fingerprint
 * and never appear in a message; secrets are named by their names only.
 */
public final class CredentialIsolation {
  private CredentialIsolation() {}

  /** Every sharing found between the two environments; empty when they are isolated. */
  public static Seq<String> violations(EnvironmentCredentials one, EnvironmentCredentials other) {
    List<String> found = List.empty();
    for (var mine : one.secrets().toList().sortBy(e -> e._1)) {
      for (var theirs : other.secrets().toList().sortBy(e -> e._1)) {
        if (mine._2.equals(theirs._2)) {
          found = found.append(
              "Secret " + mine._1 + " in " + one.environment() + " and secret " + theirs._1 + " in " + other.environment()
                  + " have the same value. Each environment must own its secrets.");
        }
      }
    }
    for (String instance : one.databaseInstances().toList().sorted()) {
      String key = instance.toLowerCase(Locale.ROOT);
      if (other.databaseInstances().exists(i -> i.toLowerCase(Locale.ROOT).equals(key))) {
        found = found.append(
            "Database instance ‘" + instance + "’ is used by both " + one.environment() + " and " + other.environment()
                + ". Each environment must use its own database instance.");
      }
    }
    return found;
  }
}
