package io.platinur.port;

import io.platinur.domain.metrics.DeliveryCursor;
import io.platinur.domain.metrics.DeliveryRead;
import io.vavr.control.Either;

/**
 * The delivery history kept in Git, read as delivery events: the lanes' saved changes (with their
 * audit times), the reverts on their production branches, the digest promotions' saved states and
 * the builds pinned in the first environment.
 *
 * <p>Contract: {@link #readSince} answers, for every history it reads, the events recorded after
 * the cursor's position in it (all of them for a history the cursor does not name), oldest first
 * within each history, and a cursor at the last record it read. Reading again from that cursor
 * brings nothing until the history grows; reading from {@link DeliveryCursor#start()} in one step
 * brings the same events as reading in several. A record that does not parse is reported as a
 * {@link io.platinur.domain.metrics.HistoryProblem} and skipped; the read goes on. A cursor whose
 * position is no longer in its history (a rewritten ref) fails with
 * {@link PortFailure.Kind#NOT_FOUND}: read again from the start. Nothing is written.
 */
public interface DeliveryHistory {

  Either<PortFailure, DeliveryRead> readSince(DeliveryCursor cursor);
}
