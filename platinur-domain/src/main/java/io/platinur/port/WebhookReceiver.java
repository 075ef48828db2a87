package io.platinur.port;

import io.platinur.domain.forge.WebhookDelivery;
import io.platinur.domain.forge.WebhookEvent;
import io.platinur.domain.forge.WebhookRefusal;
import io.vavr.control.Either;

/**
 * Where a forge's webhook deliveries are checked and read: proof of origin first (GitHub's HMAC
 * signature, GitLab's secret token, each compared in constant time), then the payload, mapped to
 * the same {@link WebhookEvent} values whichever forge sent it. A delivery whose id was already
 * received is {@link WebhookEvent.Ignored}: forges re-send deliveries, and each should wake a host
 * once.
 *
 * <p>Webhooks are a fast path only: treat each event as a reason to sync or re-evaluate now, never
 * as a state to apply; polling with sync stays the truth.
 */
public interface WebhookReceiver {

  /** Checks and reads one delivery; a refusal says which HTTP status to answer with. */
  Either<WebhookRefusal, WebhookEvent> receive(WebhookDelivery delivery);
}
