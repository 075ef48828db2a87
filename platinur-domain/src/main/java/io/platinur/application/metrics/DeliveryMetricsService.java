package io.platinur.application.metrics;

import io.platinur.domain.metrics.DeliveryCursor;
import io.platinur.domain.metrics.DeliveryEvent;
import io.platinur.domain.metrics.DeliveryLedger;
import io.platinur.domain.metrics.DeliveryRead;
import io.platinur.domain.metrics.DeliveryReport;
import io.platinur.domain.metrics.HistoryProblem;
import io.platinur.domain.metrics.MetricsFilter;
import io.platinur.domain.metrics.MetricsWindow;
import io.platinur.domain.metrics.NoDeliveryData;
import io.platinur.port.DeliveryHistory;
import io.platinur.port.PortFailure;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Delivery metrics for a host: DORA's four keys per lane and per service × environment, computed
 * from the delivery history in Git ({@link DeliveryHistory}) and kept up to date incrementally.
 *
 * <pre>{@code
 * DeliveryMetricsService metrics = new DeliveryMetricsService(git.deliveryHistory(main, PinLayout.standard(), dev));
 * metrics.report(MetricsWindow.last(Duration.ofDays(30), clock.instant()), MetricsFilter.all())
 *     .peek(report -> report.scopes().forEach(scope -> System.out.println(scope.scope().describe() + " " + scope.keys())));
 * }</pre>
 *
 * <p>The first {@link #refresh()} back-fills from the first commit of every history; each later
 * one reads only what was recorded since the last. Nothing is stored outside Git: the ledger lives
 * in this object, and a new service (a restarted host) back-fills again. When a history was
 * rewritten under the cursor, the ledger is dropped and rebuilt from the start. Listeners get every
 * new delivery event exactly once, in the order read: forward them to an event bus or a warehouse.
 * Safe to call from several threads (a scrape and a scheduled refresh).
 */
public final class DeliveryMetricsService {
  private final DeliveryHistory history;
  private final Seq<DeliveryListener> listeners;
  private DeliveryLedger ledger = DeliveryLedger.start();

  /** Gets the delivery events of each refresh, in order, once. */
  @FunctionalInterface
  public interface DeliveryListener {
    void delivered(Seq<DeliveryEvent> events);
  }

  /** What a refresh brought: the new events and problems, whether it rebuilt from the start, and the ledger after it. */
  public record DeliveryUpdate(Seq<DeliveryEvent> events, Seq<HistoryProblem> problems, boolean rebuilt, DeliveryLedger ledger) {
    public DeliveryUpdate {
      Objects.requireNonNull(events, "events");
      Objects.requireNonNull(problems, "problems");
      Objects.requireNonNull(ledger, "ledger");
    }
  }

  /** Delivery metrics read from {@code history}; nothing is read until the first {@link #refresh()}. */
  public DeliveryMetricsService(DeliveryHistory history) {
    this(history, List.empty());
  }

  private DeliveryMetricsService(DeliveryHistory history, Seq<DeliveryListener> listeners) {
    this.history = Objects.requireNonNull(history, "history");
    this.listeners = listeners;
  }

  /** The same service, also telling {@code listener} every delivery event it reads from now on. */
  public DeliveryMetricsService withListener(DeliveryListener listener) {
    return new DeliveryMetricsService(history, listeners.append(Objects.requireNonNull(listener, "listener")));
  }

  /** The ledger as of the last refresh. */
  public synchronized DeliveryLedger ledger() {
    return ledger;
  }

  /** Reads what was recorded since the last refresh and folds it; the first one back-fills. */
  public synchronized Either<PortFailure, DeliveryUpdate> refresh() {
    Either<PortFailure, DeliveryRead> read = history.readSince(ledger.cursor());
    boolean rebuilt = false;
    DeliveryLedger from = ledger;
    if (read.isLeft() && read.getLeft().kind() == PortFailure.Kind.NOT_FOUND && !ledger.cursor().equals(DeliveryCursor.start())) {
      rebuilt = true; // a history was rewritten under the cursor: what was folded may be gone, start over
      from = DeliveryLedger.start();
      read = history.readSince(DeliveryCursor.start());
    }
    DeliveryLedger base = from;
    boolean startedOver = rebuilt;
    return read.map(got -> folded(base, got, startedOver));
  }

  /** {@code got} folded onto {@code from}: the new ledger kept, the listeners told. */
  private synchronized DeliveryUpdate folded(DeliveryLedger from, DeliveryRead got, boolean rebuilt) {
    ledger = from.after(got);
    listeners.forEach(listener -> listener.delivered(got.events()));
    return new DeliveryUpdate(got.events(), got.problems(), rebuilt, ledger);
  }

  /** Refreshes, then the four keys of every scope {@code filter} selects over {@code window}, or why there is nothing to show. */
  public Either<MetricsFailure, DeliveryReport> report(MetricsWindow window, MetricsFilter filter) {
    return refresh()
        .<MetricsFailure>mapLeft(MetricsFailure.Unavailable::new)
        .flatMap(update -> update.ledger().report(window, filter).mapLeft(MetricsFailure.NoData::new));
  }

  /** Refreshes, then each selected scope's figures per day of {@code window} as days begin in {@code zone}: what charts draw. */
  public Either<PortFailure, Seq<DeliveryLedger.Series>> daily(MetricsWindow window, MetricsFilter filter, ZoneId zone) {
    return refresh().map(update -> update.ledger().daily(window, filter, zone));
  }

  /**
   * Refreshes, then the figures of each day of {@code window} added up over every scope {@code
   * filter} selects (the day's median lead time over all its samples): one line of a chart for an
   * environment, a lane or everything.
   */
  public Either<PortFailure, Seq<DeliveryLedger.DayFigures>> dailyTotals(MetricsWindow window, MetricsFilter filter, ZoneId zone) {
    return refresh().map(update -> update.ledger().dailyTotals(window, filter, zone));
  }

  /** Why a report could not be given: nothing to show, or the history could not be read. */
  public sealed interface MetricsFailure permits MetricsFailure.NoData, MetricsFailure.Unavailable {
    String message();

    /** Nothing was recorded for the filter, or nothing happened in the window. */
    record NoData(NoDeliveryData reason) implements MetricsFailure {
      public NoData {
        Objects.requireNonNull(reason, "reason");
      }

      @Override
      public String message() {
        return reason.message();
      }
    }

    /** The history could not be read. */
    record Unavailable(PortFailure failure) implements MetricsFailure {
      public Unavailable {
        Objects.requireNonNull(failure, "failure");
      }

      @Override
      public String message() {
        return failure.message();
      }
    }
  }
}
