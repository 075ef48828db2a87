package io.platinur.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.platinur.application.metrics.DeliveryMetricsService;
import io.platinur.application.metrics.DeliveryMetricsService.DeliveryUpdate;
import io.platinur.domain.metrics.DeliveryEvent;
import io.platinur.domain.metrics.DeliveryKeys;
import io.platinur.domain.metrics.DeliveryLedger;
import io.platinur.domain.metrics.DeliveryScope;
import io.platinur.domain.metrics.MetricsWindow;
import io.platinur.port.PortFailure;
import io.platinur.port.TimeSource;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

/**
 * Delivery metrics as Micrometer meters: DORA's four keys per staging lane and per service ×
 * environment, from the delivery history in Git ({@link DeliveryMetricsService}).
 *
 * <pre>{@code
 * DeliveryMetricsBinder delivery = new DeliveryMetricsBinder(metrics, clock::instant);
 * delivery.bindTo(registry);   // back-fills, then registers every meter
 * delivery.refresh();          // on a schedule (every minute, say): reads only what is new
 * }</pre>
 *
 * <p>Two families, each with its own tags so every registry (Prometheus included) sees one set of
 * tag keys per name. Counters and timers count what this binder reads: let it make the service's
 * refreshes (the first one, at {@link #bindTo}, back-fills the whole history onto them). Lanes: {@code platinur.lane.*} tagged {@code platinur.lane} (the staging
 * branch). Services: {@code platinur.digest.*} tagged {@code service.name} and
 * {@code deployment.environment.name}, OpenTelemetry's attribute names. In each family:
 * <ul>
 *   <li>counters {@code .deployments} (releases finalized; digests that reached the environment),
 *       {@code .failures} (reverts of releases; rollbacks opened) and {@code .restores};
 *   <li>timers {@code .lead.time} (one sample per deployed change) and {@code .restore.time} (one per
 *       restore), recorded once as the history is read, the back-fill included;
 *   <li>gauges over the trailing window (30 days unless {@link #withWindow} says otherwise), as of the
 *       last refresh: {@code .deployment.frequency} (per day), {@code .change.failure.rate} (0 to 1),
 *       {@code .lead.time.median} and {@code .restore.time.median} (seconds; NaN without samples).
 * </ul>
 * Plus {@code platinur.delivery.history.problems}: records of the history skipped because they do
 * not parse or leave a gap (their messages are in the service's ledger). Refresh from one thread at
 * a time; meters may be read from any.
 */
public final class DeliveryMetricsBinder implements MeterBinder {
  private final DeliveryMetricsService metrics;
  private final TimeSource time;
  private final Duration window;
  private final Map<DeliveryScope, DeliveryKeys> current = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<MeterRegistry> registries = new CopyOnWriteArrayList<>();
  private volatile int problems;

  public DeliveryMetricsBinder(DeliveryMetricsService metrics, TimeSource time) {
    this(metrics, time, Duration.ofDays(30));
  }

  private DeliveryMetricsBinder(DeliveryMetricsService metrics, TimeSource time, Duration window) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.time = Objects.requireNonNull(time, "time");
    this.window = Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new io.platinur.domain.InvalidValueException("The gauges' window must be longer than zero, got " + window + ".");
    }
  }

  /** The same binder with gauges over the trailing {@code length} instead of 30 days. */
  public DeliveryMetricsBinder withWindow(Duration length) {
    return new DeliveryMetricsBinder(metrics, time, length);
  }

  /** Registers the meters on {@code registry} and refreshes: the first refresh reads the whole history and counts it. */
  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    Gauge.builder("platinur.delivery.history.problems", this, binder -> binder.problems)
        .description("Records of the delivery history skipped: they do not parse, or leave a gap").strongReference(true).register(registry);
    registries.add(registry);
    current.keySet().forEach(scope -> gauges(registry, scope));
    refresh();
  }

  /**
   * Reads what the history recorded since the last refresh, counts it on every bound registry, and
   * recomputes the gauges. A failure to read leaves every meter as it was.
   */
  public synchronized Either<PortFailure, DeliveryUpdate> refresh() {
    Either<PortFailure, DeliveryUpdate> update = metrics.refresh();
    update.forEach(got -> {
      for (MeterRegistry registry : registries) {
        record(registry, got.ledger(), got.rebuilt() ? io.vavr.collection.List.empty() : got.events());
      }
      gauges(got.ledger());
    });
    return update;
  }

  private void record(MeterRegistry registry, DeliveryLedger ledger, io.vavr.collection.Seq<DeliveryEvent> events) {
    for (DeliveryEvent event : events) {
      DeliveryScope scope = event.scope();
      if (isDeployment(event)) {
        counter(registry, scope, "deployments", "Deployments: releases finalized, digests that reached the environment").increment();
        Timer lead = timer(registry, scope, "lead.time", "Lead time for changes: applied or built → deployed");
        ledger.leadTimesOf(event).forEach(lead::record);
      }
      if (event instanceof DeliveryEvent.ReleaseReverted || event instanceof DeliveryEvent.DigestRollbackOpened) {
        counter(registry, scope, "failures", "Failures detected: reverts of releases, rollbacks opened").increment();
      }
      ledger.restoreTimeOf(event).forEach(restored -> {
        counter(registry, scope, "restores", "Restores: reverts landed, rollbacks merged").increment();
        timer(registry, scope, "restore.time", "Time to restore: failure detected → revert or rollback merged").record(restored);
      });
    }
  }

  private static boolean isDeployment(DeliveryEvent event) {
    return event instanceof DeliveryEvent.ReleaseDeployed || event instanceof DeliveryEvent.DigestDeployed
        || event instanceof DeliveryEvent.DigestBuilt;
  }

  private void gauges(DeliveryLedger ledger) {
    MetricsWindow trailing = MetricsWindow.last(window, time.now());
    problems = ledger.problems().size();
    for (DeliveryScope scope : ledger.scopes()) {
      boolean known = current.containsKey(scope);
      current.put(scope, ledger.keys(scope, trailing));
      if (!known) {
        registries.forEach(registry -> gauges(registry, scope));
      }
    }
  }

  private void gauges(MeterRegistry registry, DeliveryScope scope) {
    gauge(registry, scope, "deployment.frequency", "Deployments per day over the trailing window", "deployments/day", DeliveryKeys::deploymentsPerDay);
    gauge(registry, scope, "change.failure.rate", "Deployments in the window followed by a failure, over deployments", "ratio",
        keys -> keys.changeFailureRate().rate().getOrElse(Double.NaN));
    gauge(registry, scope, "lead.time.median", "Median lead time for changes over the window", "seconds",
        keys -> keys.leadTime().median().map(d -> d.toMillis() / 1000.0).getOrElse(Double.NaN));
    gauge(registry, scope, "restore.time.median", "Median time to restore over the window", "seconds",
        keys -> keys.timeToRestore().median().map(d -> d.toMillis() / 1000.0).getOrElse(Double.NaN));
  }

  private void gauge(MeterRegistry registry, DeliveryScope scope, String name, String description, String unit, ToDoubleFunction<DeliveryKeys> figure) {
    Gauge.builder(name(scope, name), current, keys -> keys.containsKey(scope) ? figure.applyAsDouble(keys.get(scope)) : Double.NaN)
        .tags(tags(scope)).description(description).baseUnit(unit).strongReference(true).register(registry);
  }

  private static Counter counter(MeterRegistry registry, DeliveryScope scope, String name, String description) {
    return Counter.builder(name(scope, name)).tags(tags(scope)).description(description).register(registry);
  }

  private static Timer timer(MeterRegistry registry, DeliveryScope scope, String name, String description) {
    return Timer.builder(name(scope, name)).tags(tags(scope)).description(description).register(registry);
  }

  /** {@code platinur.lane.<name>} or {@code platinur.digest.<name>}. */
  static String name(DeliveryScope scope, String name) {
    return scope.fold(lane -> "platinur.lane.", target -> "platinur.digest.") + name;
  }

  /** {@code platinur.lane}; or OpenTelemetry's {@code service.name} and {@code deployment.environment.name}. */
  static Tags tags(DeliveryScope scope) {
    return scope.fold(
        lane -> Tags.of("platinur.lane", lane.staging().name()),
        target -> Tags.of("service.name", target.target().service().value(), "deployment.environment.name", target.target().environment().value()));
  }
}
