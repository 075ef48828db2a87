package io.platinur.cli;

import io.platinur.application.metrics.DeliveryMetricsJson;
import io.platinur.application.metrics.DeliveryMetricsService;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.metrics.DeliveryKeys;
import io.platinur.domain.metrics.DeliveryLedger;
import io.platinur.domain.metrics.DeliveryReport;
import io.platinur.domain.metrics.DurationSummary;
import io.platinur.domain.metrics.HistoryProblem;
import io.platinur.domain.metrics.MetricsFilter;
import io.platinur.domain.metrics.MetricsWindow;
import io.platinur.domain.preview.DurationWords;
import io.platinur.domain.repository.BranchName;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitStaging;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code platinur metrics}: DORA's four keys from the repository's history, per lane and per
 * service × environment, over a window (the last 30 days by default).
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
    description = {"Delivery metrics from Git history: deployments, lead time, change failure rate and time to restore,",
        "per staging lane and per service × environment. See docs/metrics.md for what each figure reads."})
final class MetricsCommand extends Subcommand {
  @Option(names = "--repository", paramLabel = "PATH",
      description = "The bare repository to read (default: the lane's, from .platinur/ in the directory).")
  Path repository;

  @Option(names = "--staging", paramLabel = "BRANCH", description = "The lane's staging branch (default: the lane's, else staging).")
  String staging;

  @Option(names = "--production", paramLabel = "BRANCH", description = "The lane's production branch (default: the lane's, else main).")
  String production;

  @Option(names = "--branch", paramLabel = "BRANCH", defaultValue = "main",
      description = "The GitOps branch whose first environment's builds are read (default: ${DEFAULT-VALUE}).")
  String branch;

  @Option(names = "--first-environment", paramLabel = "ENV", defaultValue = "dev",
      description = "The first environment of the promotion path, where digests are built (default: ${DEFAULT-VALUE}).")
  String firstEnvironment;

  @Option(names = "--layout", paramLabel = "TEMPLATE", defaultValue = "environments/{env}/{service}/values.yaml",
      description = "Where a service's pin lives (default: ${DEFAULT-VALUE}).")
  String layout;

  @Option(names = "--key", paramLabel = "KEY", defaultValue = "image.digest", description = "The pin's YAML key (default: ${DEFAULT-VALUE}).")
  String key;

  @Option(names = "--since", paramLabel = "WHEN", defaultValue = "30d",
      description = "Start of the window: a date (2026-11-01, midnight UTC), an instant (2026-11-01T09:00:00Z) or a length back from --until (30d, 12h) (default: ${DEFAULT-VALUE}).")
  String since;

  @Option(names = "--until", paramLabel = "WHEN", description = "End of the window, excluded: a date or an instant (default: now).")
  String until;

  @Option(names = "--lane", paramLabel = "BRANCH", description = "Only this lane (named by its staging branch).")
  String lane;

  @Option(names = "--service", paramLabel = "NAME", description = "Only this service (in every environment, unless --environment).")
  String service;

  @Option(names = "--environment", paramLabel = "ENV", description = "Only this environment (of every service, unless --service).")
  String environment;

  @Option(names = "--daily", description = "Figures per day instead of the window's totals.")
  boolean daily;

  @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC", description = "Where days begin, for --daily (default: ${DEFAULT-VALUE}).")
  String zone;

  @Option(names = "--events", description = "List the delivery events read, oldest first per history (JSON: one object per event).")
  boolean events;

  @Override
  int run(Out out) throws IOException {
    MetricsWindow window = window();
    MetricsFilter filter = filter();
    ZoneId days = zone();
    PinLayout pins = PinLayout.parse(layout, key).toEither().getOrElseThrow(problems -> new Common.BadInput(problems.mkString(" ")));
    EnvironmentName first = ReleaseCommand.Base.valid(EnvironmentName.parse(firstEnvironment));
    BranchName gitops = ReleaseCommand.Base.valid(BranchName.parse(branch));
    Path repo;
    BranchName stagingBranch = BranchName.of("staging");
    BranchName productionBranch = BranchName.of("main");
    if (repository != null) {
      repo = start().resolve(repository);
    } else {
      Either<String, LaneHome.Config> config = new LaneHome(start()).config();
      if (config.isLeft()) {
        return out.error("NO_REPOSITORY", "No repository to read: pass --repository PATH, or run in a lane's directory. " + config.getLeft());
      }
      repo = config.get().repository();
      stagingBranch = config.get().staging();
      productionBranch = config.get().production();
    }
    stagingBranch = staging == null ? stagingBranch : ReleaseCommand.Base.valid(BranchName.parse(staging));
    productionBranch = production == null ? productionBranch : ReleaseCommand.Base.valid(BranchName.parse(production));
    var opened = GitStaging.open(repo, GitLaneConfig.of(productionBranch, stagingBranch));
    if (opened.isLeft()) {
      return out.error("NO_REPOSITORY", opened.getLeft().message());
    }
    try (GitStaging git = opened.get()) {
      DeliveryMetricsService metrics = new DeliveryMetricsService(git.deliveryHistory(gitops, pins, first));
      if (events) {
        return metrics.refresh().fold(failure -> out.error(failure.kind().name(), failure.message()), update -> {
          Seq<io.platinur.domain.metrics.DeliveryEvent> inWindow = update.events().filter(e -> window.contains(e.at()) && filter.selects(e.scope()));
          return out.done(inWindow.map(e -> e.at() + "  " + e.scope().describe() + "  " + e.describe()).mkString("\n"),
              Json.object().put("events", inWindow.map(e -> new Json.Raw(DeliveryMetricsJson.event(e))).toJavaList()));
        });
      }
      if (daily) {
        return metrics.daily(window, filter, days).fold(failure -> out.error(failure.kind().name(), failure.message()),
            series -> out.done(dailyText(window, days, series), Json.object().put("daily", new Json.Raw(DeliveryMetricsJson.daily(window, days, series)))));
      }
      return metrics.report(window, filter).fold(
          failure -> failure instanceof DeliveryMetricsService.MetricsFailure.Unavailable unavailable
              ? out.error(unavailable.failure().kind().name(), failure.message())
              : out.done(failure.message(), Json.object().put("noData", true).put("message", failure.message())),
          report -> out.done(text(report), Json.object().put("report", new Json.Raw(DeliveryMetricsJson.report(report)))));
    }
  }

  // ---- reading the options ----------------------------------------------------------------------

  private MetricsWindow window() {
    Instant end = until == null ? clock.instant() : instant("--until", until);
    Instant start = since.matches("[0-9]{1,6}[dhms]") ? end.minus(ReleaseSettings.duration("--since", since)) : instant("--since", since);
    if (!start.isBefore(end)) {
      throw new Common.BadInput("--since (" + start + ") must be before --until (" + end + ").");
    }
    return new MetricsWindow(start, end);
  }

  private static Instant instant(String option, String text) {
    try {
      return text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeException e) {
      throw new Common.BadInput(option + " takes a date (2026-11-01), an instant (2026-11-01T09:00:00Z)"
          + (option.equals("--since") ? " or a length such as 30d" : "") + "; got ‘" + text + "’.");
    }
  }

  private MetricsFilter filter() {
    MetricsFilter filter = MetricsFilter.all();
    if (lane != null && (service != null || environment != null)) {
      throw new Common.BadInput("--lane selects a staging lane; --service and --environment select services: give one or the other.");
    }
    if (lane != null) {
      filter = filter.lane(ReleaseCommand.Base.valid(BranchName.parse(lane)));
    }
    if (service != null) {
      filter = filter.service(ReleaseCommand.Base.valid(ServiceName.parse(service)));
    }
    if (environment != null) {
      filter = filter.environment(ReleaseCommand.Base.valid(EnvironmentName.parse(environment)));
    }
    return filter;
  }

  private ZoneId zone() {
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new Common.BadInput("Unknown time zone ‘" + zone + "’: use an IANA zone name such as Europe/Berlin or UTC.");
    }
  }

  // ---- the table --------------------------------------------------------------------------------

  static String text(DeliveryReport report) {
    List<String> header = List.of("", "deployments", "per day", "lead time (median)", "change failure rate", "time to restore (median)");
    List<List<String>> rows = report.scopes().toList().map(scope -> row(scope.scope().describe(), scope.keys()));
    List<Integer> widths = List.range(0, header.size()).map(column -> rows.prepend(header).map(row -> row.get(column).length()).max().get());
    StringBuilder text = new StringBuilder("Delivery metrics from " + report.window().from() + " to " + report.window().until()
        + " (" + days(report.window()) + "), " + report.filter().describe() + ":\n\n");
    for (List<String> row : rows.prepend(header)) {
      text.append(row.zipWithIndex().map(cell -> cell._2 == 0 ? pad(cell._1, widths.get(0)) : padLeft(cell._1, widths.get(cell._2)))
          .mkString("  ").stripTrailing()).append('\n');
    }
    for (HistoryProblem problem : report.problems()) {
      text.append("\nSkipped: ").append(problem.message());
    }
    return text.toString().stripTrailing();
  }

  private static List<String> row(String scope, DeliveryKeys keys) {
    return List.of(scope, Integer.toString(keys.deployments()), String.format(Locale.ROOT, "%.2f", keys.deploymentsPerDay()),
        median(keys.leadTime()),
        keys.changeFailureRate().rate().map(rate -> Math.round(rate * 100) + "% (" + keys.changeFailureRate().failed() + " of "
            + keys.changeFailureRate().deployments() + ")").getOrElse("—"),
        keys.timeToRestore().median().map(median -> DurationWords.of(median) + " (" + keys.timeToRestore().count() + ")").getOrElse("—"));
  }

  private static String median(DurationSummary summary) {
    return summary.median().map(DurationWords::of).getOrElse("—");
  }

  static String dailyText(MetricsWindow window, ZoneId zone, Seq<DeliveryLedger.Series> series) {
    StringBuilder text = new StringBuilder("Delivery per day from " + window.from() + " to " + window.until() + " (days in " + zone + "):");
    for (DeliveryLedger.Series one : series) {
      text.append("\n\n").append(one.scope().describe()).append('\n');
      for (DeliveryLedger.DayFigures day : one.days().filter(d -> d.deployments() > 0 || d.failures() > 0 || d.restores() > 0)) {
        text.append("  ").append(day.day()).append("  ").append(day.deployments()).append(" deployed")
            .append(day.medianLeadTime().map(lead -> ", lead time " + DurationWords.of(lead)).getOrElse(""))
            .append(day.failures() > 0 ? ", " + day.failures() + " failed" : "")
            .append(day.restores() > 0 ? ", " + day.restores() + " restored" : "").append('\n');
      }
    }
    return text.toString().stripTrailing();
  }

  private static String days(MetricsWindow window) {
    double days = window.days();
    return days == Math.rint(days) ? (long) days + (days == 1 ? " day" : " days") : String.format(Locale.ROOT, "%.1f days", days);
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }

  private static String padLeft(String text, int width) {
    return " ".repeat(Math.max(0, width - text.length())) + text;
  }
}
