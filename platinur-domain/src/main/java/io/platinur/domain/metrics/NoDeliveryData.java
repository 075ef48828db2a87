package io.platinur.domain.metrics;

import java.util.Objects;

/**
 * Why a report has nothing to show: the history holds nothing for the filter at all, or nothing
 * was deployed, failed or restored in the window. {@link #message()} says which, in one sentence.
 */
public record NoDeliveryData(MetricsWindow window, MetricsFilter filter, boolean historyEmpty) {
  public NoDeliveryData {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(filter, "filter");
  }

  public String message() {
    String forWhat = filter.isAll() ? "" : " for " + filter.describe();
    return historyEmpty
        ? "No delivery is recorded" + forWhat + ": no lane change and no digest promotion in the history read."
        : "Nothing was deployed, failed or restored" + forWhat + " between " + window.from() + " and " + window.until() + ".";
  }
}
