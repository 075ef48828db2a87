/**
 * Sync Promotions, decided purely: {@link io.platinur.domain.sync.SyncPromotions} takes the lane and
 * what was observed in Git and on the forge ({@link io.platinur.domain.sync.SyncObservations}) and
 * returns the events to record and the {@link io.platinur.domain.sync.SyncNote notes} to show. The
 * use case only gathers the observations and stores the decision.
 */
package io.platinur.domain.sync;
