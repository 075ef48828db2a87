package io.platinur.domain.credential;

import io.platinur.domain.InvalidValueException;

/**
 * Thrown when a host configures a capability with Staging and Prod credentials that are not
 * isolated (ADR-005), before anything runs: {@link #refusal()} names every shared secret (by name)
 * and database instance. No secret value is in the message.
 */
public final class SharedCredentialsException extends InvalidValueException {
  private static final long serialVersionUID = 1L;
  private final transient SharedCredentials refusal;

  public SharedCredentialsException(SharedCredentials refusal) {
    super(refusal.sharings().map(CredentialSharing::message));
    this.refusal = refusal;
  }

  /** What Staging and Prod share. */
  public SharedCredentials refusal() {
    return refusal;
  }
}
