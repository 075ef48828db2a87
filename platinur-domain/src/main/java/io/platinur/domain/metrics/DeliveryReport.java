package io.platinur.domain.metrics;

import io.vavr.collection.Seq;
import java.util.Objects;

/** The four keys of every selected scope over one window, and the problems met reading the history. */
public record DeliveryReport(MetricsWindow window, MetricsFilter filter, Seq<ScopeKeys> scopes, Seq<HistoryProblem> problems) {
  public DeliveryReport {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(scopes, "scopes");
    Objects.requireNonNull(problems, "problems");
  }

  /** One scope's keys. */
  public record ScopeKeys(DeliveryScope scope, DeliveryKeys keys) {
    public ScopeKeys {
      Objects.requireNonNull(scope, "scope");
      Objects.requireNonNull(keys, "keys");
    }
  }
}
