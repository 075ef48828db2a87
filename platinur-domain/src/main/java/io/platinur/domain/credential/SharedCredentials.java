package io.platinur.domain.credential;

import io.platinur.domain.Refusal;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * A configuration refused because Staging and Prod share credentials: every secret value and
 * database instance found in both, by names only. {@link #message()} lists them all, one sentence
 * each.
 */
public record SharedCredentials(Seq<CredentialSharing> sharings) implements Refusal {
  public SharedCredentials {
    Objects.requireNonNull(sharings, "sharings");
    if (sharings.isEmpty()) {
      throw new IllegalArgumentException("A refusal for shared credentials names at least one sharing.");
    }
  }

  @Override
  public String message() {
    return sharings.map(CredentialSharing::message).mkString(" ");
  }
}
