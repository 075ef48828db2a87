package io.platinur.console;

import static io.platinur.console.Html.escape;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.port.AuditEntry;
import io.vavr.collection.Seq;
import io.vavr.control.Either;

/**
 * A history as people read it, newest first: when, who, and what happened in words — each event's
 * own sentence ("Merged promotion PR #1 as 4f2a9c1."), the recorded action where a change has no
 * events (a repair from Git) — never an event's type name. The lane's history and the digest
 * promotions' audit are both shown this way.
 */
final class HistorySection {
  /** One change as shown: its audit entry and what happened in words. */
  record Entry(AuditEntry audit, Seq<String> words) {
    String what() {
      return words.isEmpty() ? audit.action() : words.mkString(" ");
    }
  }

  private HistorySection() {}

  /**
   * @param read the latest page, one more than {@code shown} to know whether there are older changes
   */
  static String render(String id, String heading, String nothing, Either<? extends UseCaseFailure<?>, Seq<Entry>> read, int shown) {
    StringBuilder html = new StringBuilder();
    if (read.isLeft()) {
      html.append("<p>The history cannot be read: ").append(escape(read.getLeft().message())).append("</p>");
    } else if (read.get().isEmpty()) {
      html.append("<p class=\"empty\">").append(nothing).append("</p>");
    } else {
      html.append("<table><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Who</th><th scope=\"col\">What</th></tr></thead><tbody>");
      for (Entry entry : read.get().take(shown)) {
        html.append("<tr><td>").append(Forms.time(entry.audit().at())).append("</td><td>").append(escape(entry.audit().actor().name()))
            .append("</td><td>").append(escape(entry.what())).append("</td></tr>");
      }
      html.append("</tbody></table>");
      if (read.get().size() > shown) {
        html.append("<p>The latest ").append(shown).append(" changes are shown.</p>");
      }
    }
    return "<section id=\"" + id + "\" class=\"history\" aria-labelledby=\"" + id + "-heading\"><h2 id=\"" + id + "-heading\">" + heading
        + "</h2>" + html + "</section>\n";
  }
}
