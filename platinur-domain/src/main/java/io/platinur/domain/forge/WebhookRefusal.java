package io.platinur.domain.forge;

import java.util.Objects;

/**
 * Why a webhook delivery was refused. Answer the delivery with {@link Reason#httpStatus()} and
 * act on nothing in it. Messages never contain the secret, the signature, the token or the payload.
 */
public record WebhookRefusal(Reason reason, String message) {

  /** Why a delivery was refused. */
  public enum Reason {
    /**
     * No proof of origin: GitHub's {@code X-Hub-Signature-256} header missing or not of the form
     * {@code sha256=<64 hex digits>}; GitLab's {@code X-Gitlab-Token} header missing.
     */
    MISSING_SIGNATURE(401),
    /** The signature does not match the body and the shared secret, or the GitLab token is not the secret. */
    WRONG_SIGNATURE(401),
    /** Signed correctly, but the payload is not the JSON the forge sends for that event. */
    MALFORMED_PAYLOAD(400);

    private final int httpStatus;

    Reason(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    /** The HTTP status to answer the delivery with. */
    public int httpStatus() {
      return httpStatus;
    }
  }

  public WebhookRefusal {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }
}
