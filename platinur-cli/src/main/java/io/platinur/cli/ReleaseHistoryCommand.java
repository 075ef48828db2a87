package io.platinur.cli;

import io.platinur.application.digest.DigestPromotionService;
import io.platinur.port.DigestPromotionChange;
import io.vavr.collection.Seq;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code platinur release history}: the audit history of the digest promotions, newest first, a
 * page at a time: each change with its version, time, actor and action, and what happened in words.
 * When the page is full, its last line names the {@code --before} that shows the next one.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = {"List what changed the digest promotions, newest first: who, when, what, and every event in words.",
        "A page holds --limit changes; --before VERSION shows the page after it (a full page ends with the --before to use)."})
final class ReleaseHistoryCommand extends ReleaseCommand.Base {
  /** As many changes as fit a screen, about. */
  static final int PAGE = 20;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "" + PAGE,
      description = "How many changes a page holds (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--before", paramLabel = "VERSION",
      description = "Show the changes saved before this one (a version from an earlier page).")
  String before;

  @Override
  int run(Out out, DigestPromotionService service) {
    if (limit < 1) {
      throw new Common.BadInput("--limit takes a number of changes of at least 1; got " + limit + ".");
    }
    return service.history(io.vavr.control.Option.of(before), limit).fold(failure -> failed(out, failure), page -> out.done(text(page),
        Json.object().put("changes", page.map(ReleaseHistoryCommand::json)).put("before", next(page).getOrNull())));
  }

  /** The version to page on from: the last change's, when the page is full (there may be more). */
  private io.vavr.control.Option<String> next(Seq<DigestPromotionChange> page) {
    return page.size() < limit ? io.vavr.control.Option.none() : io.vavr.control.Option.some(page.last().version());
  }

  String text(Seq<DigestPromotionChange> page) {
    if (page.isEmpty()) {
      return before == null ? "No digest promotion has been recorded yet." : "No changes before " + before + ".";
    }
    StringBuilder text = new StringBuilder();
    for (DigestPromotionChange change : page) {
      text.append(change.version()).append("  ").append(change.audit().at()).append("  ").append(change.audit().actor())
          .append(": ").append(change.audit().action()).append('\n');
      change.events().forEach(event -> text.append("    ").append(event.words()).append('\n'));
    }
    next(page).forEach(version -> text.append("More: --before ").append(version).append('\n'));
    return text.toString().stripTrailing();
  }

  private static Json json(DigestPromotionChange change) {
    return Json.object().put("version", change.version()).put("at", change.audit().at().toString())
        .put("actor", change.audit().actor().toString()).put("action", change.audit().action())
        .put("events", change.events().map(event -> Json.object().put("type", event.getClass().getSimpleName()).put("text", event.words())));
  }
}
