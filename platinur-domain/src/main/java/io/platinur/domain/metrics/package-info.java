/**
 * Delivery metrics from Git history: DORA's four keys (deployment frequency, lead time for changes,
 * change failure rate, time to restore) per staging lane and per service × environment, over any
 * window.
 *
 * <p>The history is read as {@link io.platinur.domain.metrics.DeliveryEvent}s
 * ({@link io.platinur.domain.metrics.LaneDelivery} from a lane's saved changes,
 * {@link io.platinur.domain.metrics.DigestDelivery} from consecutive states of the digest
 * promotions and the first environment's pins); a {@link io.platinur.domain.metrics.DeliveryLedger}
 * folds them and remembers where reading stopped, so the next read brings only what came after.
 * Pure: time comes from the history, nothing is read here.
 */
package io.platinur.domain.metrics;
