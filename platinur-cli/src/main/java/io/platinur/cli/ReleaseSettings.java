package io.platinur.cli;

import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.StepPolicy;
import io.platinur.domain.digest.SyncWindows;
import io.platinur.domain.digest.WeeklyWindow;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The promotion path, its gates and the pin layout of {@code platinur release}, the same options
 * offline and on GitHub. Every step but the last merges by itself on green CI; the last one (prod)
 * is merged by {@code release complete} once its gate passes, then enters through a canary.
 *
 * <p>Defaults: with GitHub, ADR-0034's ({@link PromotionPath#standard()}: one approval, one hour of
 * soak, a 30-minute canary); offline, where reviews are only those {@code platinur pr approve}
 * records and there are no deployment statuses beyond the branch's history, no approval and no soak
 * unless asked ({@code --approvals}, {@code --soak}), and the same canary.
 */
final class ReleaseSettings {
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})([dhms])");
  private static final Pattern WINDOW = Pattern.compile("\\s*([A-Za-z,\\-]+)\\s+(\\d{1,2}:\\d{2})\\s*[-–]\\s*(\\d{1,2}:\\d{2})\\s+(\\S+)\\s*");
  private static final List<DayOfWeek> WEEK = List.of(DayOfWeek.values());

  @picocli.CommandLine.Option(names = "--environments", paramLabel = "ENV,ENV,…", split = ",",
      description = "The promotion path, first to last (default: dev,staging,prod).")
  java.util.List<String> environments;

  @picocli.CommandLine.Option(names = "--layout", paramLabel = "TEMPLATE", defaultValue = "environments/{env}/{service}/values.yaml",
      description = "Where a service's pin lives (default: ${DEFAULT-VALUE}). {env} must name a directory, the environment's"
          + " directory that drift compares: apps/{env}/{service}.yaml is taken, apps/{service}/{env}.yaml refused.")
  String layout;

  @picocli.CommandLine.Option(names = "--key", paramLabel = "KEY", defaultValue = "image.digest",
      description = "The YAML key of the pin in that file (default: ${DEFAULT-VALUE}).")
  String key;

  @picocli.CommandLine.Option(names = "--approvals", paramLabel = "N",
      description = "Approvals (PR reviews of the current head, never the author's) the last step needs (default: 1 with --github, 0 offline,"
          + " where ‘platinur pr approve’ records them).")
  Integer approvals;

  @picocli.CommandLine.Option(names = "--reviewers", paramLabel = "LOGIN,…", split = ",",
      description = "Only these people's approvals count (default: anyone but the PR's author).")
  java.util.List<String> reviewers;

  @picocli.CommandLine.Option(names = "--soak", paramLabel = "DURATION",
      description = "How long the digest must have been deployed healthy in the environment before the last (default: 1h with --github, 0 offline): 90m, 2h, 1d.")
  String soak;

  @picocli.CommandLine.Option(names = "--window", paramLabel = "'DAYS HH:MM-HH:MM ZONE'",
      description = "When the last step may merge, e.g. 'MON-FRI 09:00-17:00 Europe/Berlin'; repeat for more (default: always).")
  java.util.List<String> windows;

  @picocli.CommandLine.Option(names = "--deny-window", paramLabel = "'DAYS HH:MM-HH:MM ZONE'",
      description = "A freeze: the last step may not merge then, whatever --window says; repeat for more.")
  java.util.List<String> denyWindows;

  @picocli.CommandLine.Option(names = "--canary-timeout", paramLabel = "DURATION|none",
      description = "How long the canary of the last step may go without a verdict before it rolls back (default: 30m); none: no canary.")
  String canaryTimeout;

  /** The path, with ADR-0034's defaults on GitHub and the offline ones otherwise. */
  PromotionPath path(boolean onGitHub) {
    java.util.List<String> names = environments == null ? java.util.List.of("dev", "staging", "prod") : environments;
    List<EnvironmentName> path = List.ofAll(names).map(name -> ReleaseCommand.Base.valid(EnvironmentName.parse(name.strip())));
    if (path.size() < 2) {
      throw new Common.BadInput("--environments needs at least two environments, first to last, such as dev,staging,prod.");
    }
    StepPolicy last;
    try {
      last = StepPolicy.builder()
          .requiredApprovals(approvals != null ? approvals : onGitHub ? 1 : 0)
          .allowedReviewers(reviewers == null ? Set.of() : Set.copyOf(reviewers))
          .minimumSoak(soak != null ? duration("--soak", soak) : onGitHub ? Duration.ofHours(1) : Duration.ZERO)
          .syncWindows(new SyncWindows(windows("--window", windows), windows("--deny-window", denyWindows)))
          .canaryTimeout(canaryTimeout == null ? Option.some(Duration.ofMinutes(30))
              : canaryTimeout.equals("none") ? Option.none() : Option.some(duration("--canary-timeout", canaryTimeout)))
          .mergesAutomatically(false)
          .build();
    } catch (io.platinur.domain.InvalidValueException e) {
      throw new Common.BadInput(e.getMessage());
    }
    PromotionPath.Builder builder = PromotionPath.start(path.head());
    for (EnvironmentName middle : path.tail().init()) {
      builder = builder.then(middle, StepPolicy.automatic());
    }
    return builder.then(path.last(), last).build().toEither().getOrElseThrow(problems -> new Common.BadInput(problems.mkString(" ")));
  }

  PinLayout layout() {
    return PinLayout.parse(layout, key).toEither().getOrElseThrow(problems -> new Common.BadInput(problems.mkString(" ")));
  }

  static Duration duration(String option, String text) {
    Matcher matcher = DURATION.matcher(text.strip());
    if (!matcher.matches()) {
      throw new Common.BadInput(option + " takes a number and d, h, m or s, such as 1d, 2h or 90m; got ‘" + text + "’.");
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "d" -> Duration.ofDays(amount);
      case "h" -> Duration.ofHours(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofSeconds(amount);
    };
  }

  static List<WeeklyWindow> windows(String option, java.util.List<String> given) {
    return given == null ? List.empty() : List.ofAll(given).map(text -> window(option, text));
  }

  /** {@code MON-FRI 09:00-17:00 Europe/Berlin}, {@code SAT,SUN 22:00-02:00 UTC}. */
  static WeeklyWindow window(String option, String text) {
    Matcher matcher = WINDOW.matcher(text);
    if (!matcher.matches()) {
      throw new Common.BadInput(option + " takes ‘DAYS HH:MM-HH:MM ZONE’, such as ‘MON-FRI 09:00-17:00 Europe/Berlin’; got ‘" + text + "’.");
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String part : matcher.group(1).toUpperCase(Locale.ROOT).split(",")) {
      String[] range = part.split("-", -1);
      if (range.length > 2) {
        throw new Common.BadInput(option + ": ‘" + part + "’ is not a day or a range of days such as MON-FRI.");
      }
      int from = day(option, range[0]);
      int to = day(option, range[range.length - 1]);
      for (int d = from; ; d = (d + 1) % 7) {
        days.add(WEEK.get(d));
        if (d == to) {
          break;
        }
      }
    }
    try {
      return WeeklyWindow.parse(days, LocalTime.parse(pad(matcher.group(2))), LocalTime.parse(pad(matcher.group(3))), matcher.group(4)).toEither()
          .getOrElseThrow(problems -> new Common.BadInput(option + ": " + problems.mkString(" ")));
    } catch (DateTimeParseException e) {
      throw new Common.BadInput(option + ": ‘" + text + "’ has a time that is not HH:MM from 00:00 to 23:59.");
    }
  }

  private static int day(String option, String text) {
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().startsWith(text) && text.length() >= 3) {
        return day.ordinal();
      }
    }
    throw new Common.BadInput(option + ": ‘" + text + "’ is not a day; write MON, TUE, WED, THU, FRI, SAT or SUN.");
  }

  private static String pad(String time) {
    return time.length() == 4 ? "0" + time : time;
  }
}
