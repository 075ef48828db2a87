package io.platinur.console;

import static io.platinur.console.Html.escape;

import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What every section's HTML is built from: forms with the session's CSRF token, labelled fields
 * that carry their problem, times. The token is written as {@link #CSRF_PLACEHOLDER} while the
 * shared sections are rendered and replaced per response; escaped text never contains a {@code <},
 * so nothing shown can pose as it.
 */
final class Forms {
  static final String CSRF_PLACEHOLDER = "<csrf>";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private Forms() {}

  /**
   * A form with one button. Acting on a proposal, the button's accessible name also names the
   * proposal ({@code labelledBy}: the element holding its title), so ten "Apply to Staging" buttons
   * read as ten different actions; when it cannot act now, it is disabled and described by the
   * reason, shown beside it, that the action would be refused with.
   */
  static String form(String action, String id, String label, Option<String> proposal, Option<String> labelledBy,
      Option<String> disabledReason) {
    String button = "button-" + id;
    return "<form method=\"post\" action=\"" + action + "\" id=\"" + escape(id) + "\">" + csrfField()
        + proposal.map(p -> hidden("id", p)).getOrElse("")
        + "<button type=\"submit\"" + labelledBy.map(title -> " id=\"" + escape(button) + "\" aria-labelledby=\"" + escape(button) + " "
            + escape(title) + "\"").getOrElse("")
        + disabledReason.map(reason -> " disabled aria-describedby=\"reason-" + escape(id) + "\"").getOrElse("")
        + ">" + escape(label) + "</button>"
        + disabledReason.map(reason -> "<p class=\"reason\" id=\"reason-" + escape(id) + "\">" + escape(reason) + "</p>").getOrElse("")
        + "</form>";
  }

  /** The hidden field carrying the session's (masked) CSRF token, written as the placeholder. */
  static String csrfField() {
    return "<input type=\"hidden\" name=\"csrf\" value=\"" + CSRF_PLACEHOLDER + "\">";
  }

  static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">";
  }

  /**
   * A labelled text field with the value it was sent with; when it had a problem, the problem is
   * shown beside it and is its description, and the field is marked invalid.
   */
  static String input(String name, String label, Option<ConsoleSessions.FormState> sent, String attributes) {
    Option<String> problem = sent.flatMap(f -> f.problems().get(name));
    String value = sent.map(f -> f.value(name)).getOrElse("");
    return "<label>" + label + " <input name=\"" + name + "\" id=\"field-" + name + "\"" + attributes
        + (value.isEmpty() ? "" : " value=\"" + escape(value) + "\"")
        + problem.map(p -> " aria-invalid=\"true\" aria-describedby=\"problem-" + name + "\"").getOrElse("") + "></label>"
        + problem.map(p -> "<span class=\"problem\" id=\"problem-" + name + "\">" + escape(p) + "</span>").getOrElse("");
  }

  static String select(String name, String label, Seq<String> values, String chosen) {
    StringBuilder html = new StringBuilder("<label>").append(label).append(" <select name=\"").append(name).append("\">");
    for (String value : values) {
      html.append("<option value=\"").append(value).append("\"").append(value.equals(chosen) ? " selected" : "").append(">")
          .append(value.isEmpty() ? "not run" : value.toLowerCase(Locale.ROOT).replace('_', ' ')).append("</option>");
    }
    return html.append("</select></label>").toString();
  }

  /** A time as people read it, in UTC, marked up for machines too. */
  static String time(Instant at) {
    return "<time datetime=\"" + at + "\">" + TIME.format(at) + "</time>";
  }

  /** A section with its heading: the heading names the section for assistive technology. */
  static String section(String id, String heading, String body) {
    return "<section id=\"" + id + "\" aria-labelledby=\"" + id + "-heading\"><h2 id=\"" + id + "-heading\">" + heading + "</h2>" + body
        + "</section>\n";
  }
}
