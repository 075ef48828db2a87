package io.platinur.github;

import java.util.Objects;

/**
 * Why a webhook delivery was refused. Answer the delivery with {@link Reason#httpStatus()} and
 * act on nothing in it. Messages never contain the secret, the signature or the payload.
 */
public record WebhookRefusal(Reason reason, String message) {

  /** Why a delivery was refused. */
  public enum Reason {
    /** No {@code X-Hub-Signature-256} header, or not of the form {@code sha256=<64 hex digits>}. */
    MISSING_SIGNATURE(401),
    /** The signature does not match the body and the shared secret. */
    WRONG_SIGNATURE(401),
    /** Signed correctly, but the payload is not the JSON GitHub sends for that event. */
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
