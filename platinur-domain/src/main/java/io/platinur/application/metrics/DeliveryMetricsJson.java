package io.platinur.application.metrics;

import io.platinur.domain.metrics.DeliveryEvent;
import io.platinur.domain.metrics.DeliveryKeys;
import io.platinur.domain.metrics.DeliveryLedger;
import io.platinur.domain.metrics.DeliveryReport;
import io.platinur.domain.metrics.DeliveryScope;
import io.platinur.domain.metrics.DurationSummary;
import io.platinur.domain.metrics.HistoryProblem;
import io.platinur.domain.metrics.MetricsFilter;
import io.platinur.domain.metrics.MetricsWindow;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Delivery metrics as JSON, in the shapes {@code docs/metrics.md} documents: a report
 * ({@link #report}), series per day for charts ({@link #daily}) and one event per line
 * ({@link #event}). Durations are whole seconds; a figure that cannot be computed (a median without
 * samples, a rate without deployments) is {@code null}.
 */
public final class DeliveryMetricsJson {
  private DeliveryMetricsJson() {}

  /** {@code {"window":…,"filter":…,"scopes":[…],"problems":[…]}}. */
  public static String report(DeliveryReport report) {
    StringBuilder out = new StringBuilder("{\"window\":").append(window(report.window()))
        .append(",\"filter\":").append(string(report.filter().describe())).append(",\"scopes\":[");
    out.append(report.scopes().map(scope -> "{" + scope(scope.scope()) + "," + keys(scope.keys()) + "}").mkString(","));
    return out.append("],\"problems\":").append(problems(report.problems())).append('}').toString();
  }

  /** {@code {"window":…,"zone":"UTC","series":[{scope…,"days":[{"day":"2026-12-01","deployments":2,…}]}]}}. */
  public static String daily(MetricsWindow window, ZoneId zone, Seq<DeliveryLedger.Series> series) {
    StringBuilder out = new StringBuilder("{\"window\":").append(window(window)).append(",\"zone\":").append(string(zone.getId()))
        .append(",\"series\":[");
    out.append(series.map(one -> "{" + scope(one.scope()) + ",\"days\":[" + one.days().map(DeliveryMetricsJson::day).mkString(",") + "]}")
        .mkString(","));
    return out.append("]}").toString();
  }

  /**
   * {@code {"window":…,"zone":"UTC","filter":"environment prod","days":[{"day":"2026-12-01","deployments":2,…}]}}: the
   * figures of {@link DeliveryMetricsService#dailyTotals}, in the shape of one series of {@link #daily}.
   */
  public static String dailyTotals(MetricsWindow window, ZoneId zone, MetricsFilter filter, Seq<DeliveryLedger.DayFigures> days) {
    return "{\"window\":" + window(window) + ",\"zone\":" + string(zone.getId()) + ",\"filter\":" + string(filter.describe())
        + ",\"days\":[" + days.map(DeliveryMetricsJson::day).mkString(",") + "]}";
  }

  private static String day(DeliveryLedger.DayFigures day) {
    return "{\"day\":" + string(day.day().toString()) + ",\"deployments\":" + day.deployments() + ",\"medianLeadTimeSeconds\":"
        + seconds(day.medianLeadTime()) + ",\"failures\":" + day.failures() + ",\"restores\":" + day.restores() + "}";
  }

  /** One event: {@code {"type":"DigestDeployed","at":"…","service":"api","environment":"prod","description":"…"}} and the lane when it has one. */
  public static String event(DeliveryEvent event) {
    return "{\"type\":" + string(event.getClass().getSimpleName()) + ",\"at\":" + string(event.at().toString()) + "," + scope(event.scope())
        + ",\"description\":" + string(event.describe()) + "}";
  }

  /** The problems as a JSON array of their messages. */
  public static String problems(Seq<HistoryProblem> problems) {
    return "[" + problems.map(problem -> string(problem.message())).mkString(",") + "]";
  }

  private static String window(MetricsWindow window) {
    return "{\"from\":" + string(window.from().toString()) + ",\"until\":" + string(window.until().toString())
        + ",\"days\":" + number(window.days()) + "}";
  }

  private static String scope(DeliveryScope scope) {
    return scope.fold(
        lane -> "\"scope\":\"lane\",\"lane\":" + string(lane.staging().name()),
        target -> "\"scope\":\"target\",\"service\":" + string(target.target().service().value())
            + ",\"environment\":" + string(target.target().environment().value()));
  }

  private static String keys(DeliveryKeys keys) {
    return "\"deployments\":" + keys.deployments() + ",\"deploymentsPerDay\":" + number(keys.deploymentsPerDay())
        + ",\"leadTime\":" + summary(keys.leadTime()) + ",\"leadTimeFromCommit\":" + summary(keys.leadTimeFromCommit())
        + ",\"changeFailureRate\":{\"failed\":" + keys.changeFailureRate().failed() + ",\"deployments\":" + keys.changeFailureRate().deployments()
        + ",\"rate\":" + keys.changeFailureRate().rate().map(DeliveryMetricsJson::number).getOrElse("null") + "}"
        + ",\"timeToRestore\":" + summary(keys.timeToRestore());
  }

  private static String summary(DurationSummary summary) {
    return "{\"count\":" + summary.count() + ",\"medianSeconds\":" + seconds(summary.median()) + ",\"p90Seconds\":" + seconds(summary.p90())
        + ",\"meanSeconds\":" + seconds(summary.mean()) + "}";
  }

  private static String seconds(Option<Duration> duration) {
    return duration.map(d -> Long.toString(d.getSeconds())).getOrElse("null");
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", ".0");
  }

  static String string(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }
}
