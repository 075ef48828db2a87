package io.platinur.console;

import static io.platinur.console.Html.escape;

import io.platinur.application.metrics.DeliveryMetricsJson;
import io.platinur.application.metrics.DeliveryMetricsService;
import io.platinur.domain.metrics.DeliveryLedger;
import io.platinur.domain.metrics.MetricsFilter;
import io.platinur.domain.metrics.MetricsWindow;
import io.platinur.domain.preview.DurationWords;
import io.platinur.port.PortFailure;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The delivery metrics of the last {@value #DAYS} days, every lane and every service ×
 * environment together: the totals in words, and four small charts (median lead time, deployments,
 * failures and restores per day) that the page's own script draws with uPlot from {@code
 * /metrics.json} — {@link DeliveryMetricsJson#dailyTotals}, so the charts and {@code platinur
 * metrics --json} speak the same shape.
 */
final class MetricsSection {
  static final int DAYS = 30;
  private static final String[][] CHARTS = {
      {"lead-time", "Median lead time per day, in hours"},
      {"deployments", "Deployments per day"},
      {"failures", "Failures per day (deployments rolled back or reverted)"},
      {"restores", "Restores per day"}};

  private final DeliveryMetricsService service;
  private final Clock clock;

  MetricsSection(DeliveryMetricsService service, Clock clock) {
    this.service = service;
    this.clock = clock;
  }

  private MetricsWindow window() {
    return MetricsWindow.last(Duration.ofDays(DAYS), clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)));
  }

  private Either<PortFailure, Seq<DeliveryLedger.DayFigures>> days(MetricsWindow window) {
    return service.dailyTotals(window, MetricsFilter.all(), ZoneOffset.UTC);
  }

  /** The figures the charts are drawn from. */
  String json() {
    MetricsWindow window = window();
    return days(window).fold(
        failure -> "{\"failed\":" + jsonString(failure.message()) + "}",
        days -> DeliveryMetricsJson.dailyTotals(window, ZoneOffset.UTC, MetricsFilter.all(), days));
  }

  String render() {
    Either<PortFailure, Seq<DeliveryLedger.DayFigures>> read = days(window());
    if (read.isLeft()) {
      return Forms.section("metrics", "Delivery metrics",
          "<p class=\"failed\">The delivery history cannot be read: " + escape(read.getLeft().message()) + "</p>");
    }
    Seq<DeliveryLedger.DayFigures> days = read.get();
    int deployments = days.map(DeliveryLedger.DayFigures::deployments).sum().intValue();
    int failures = days.map(DeliveryLedger.DayFigures::failures).sum().intValue();
    int restores = days.map(DeliveryLedger.DayFigures::restores).sum().intValue();
    Seq<Duration> medians = days.flatMap(DeliveryLedger.DayFigures::medianLeadTime).sorted();
    StringBuilder html = new StringBuilder("<p id=\"metrics-summary\">In the last ").append(DAYS).append(" days (UTC), everywhere: ")
        .append(deployments).append(deployments == 1 ? " deployment" : " deployments").append(", ")
        .append(failures).append(failures == 1 ? " failure" : " failures").append(", ")
        .append(restores).append(restores == 1 ? " restore" : " restores")
        .append(medians.isEmpty() ? "; no lead time yet." : "; the median of the daily median lead times is "
            + escape(DurationWords.of(medians.get(medians.size() / 2))) + ".")
        .append("</p><div id=\"metrics-charts\" class=\"charts\">");
    for (String[] chart : CHARTS) {
      html.append("<figure><figcaption id=\"chart-").append(chart[0]).append("-caption\">").append(chart[1]).append("</figcaption>")
          .append("<div class=\"chart\" id=\"chart-").append(chart[0]).append("\" data-series=\"").append(chart[0])
          .append("\" role=\"img\" aria-labelledby=\"chart-").append(chart[0]).append("-caption metrics-summary\"></div></figure>");
    }
    return Forms.section("metrics", "Delivery metrics", html.append("</div>").toString());
  }

  private static String jsonString(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
