package io.platinur.console;

import static io.platinur.console.Html.escape;

import io.vavr.control.Option;

/** The form to add a proposal: as it was typed, with each problem beside its field, after a refusal. */
final class ProposeSection {
  /** Stands for the form while the shared sections are rendered: it is per session (what that session typed). */
  static final String PLACEHOLDER = "<propose-form>";

  private ProposeSection() {}

  static String render() {
    return Forms.section("new-proposal", "New proposal", PLACEHOLDER);
  }

  static String form(Option<ConsoleSessions.FormState> sent) {
    Option<String> formProblem = sent.flatMap(f -> f.problems().get("form"));
    String content = sent.map(f -> f.value("content")).getOrElse("");
    return "<form method=\"post\" action=\"proposals\" id=\"propose\">" + Forms.csrfField()
        + Forms.input("title", "Title", sent, " required maxlength=\"200\"") + " "
        + Forms.input("path", "File", sent, " required placeholder=\"models/orders.sql\"") + " "
        + "<label>Content <textarea name=\"content\" rows=\"3\">" + escape(content) + "</textarea></label> "
        + "<button type=\"submit\">Add proposal</button>"
        + formProblem.map(p -> "<p class=\"problem\" id=\"problem-form\">" + escape(p) + "</p>").getOrElse("")
        + "</form>";
  }
}
