package io.platinur.console;

import static io.platinur.console.Html.escape;

import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.lane.CommandRejection;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.proposal.RepoPath;
import io.vavr.control.Option;

/** The staged batch in order, each proposal with its files and Unapply (disabled with unapply's refusal). */
final class BatchSection {
  private BatchSection() {}

  static String render(StagingLane current) {
    StringBuilder html = new StringBuilder();
    if (current.batch().isEmpty()) {
      html.append("<p class=\"empty\">Nothing is staged.</p>");
    } else {
      html.append("<ol>");
      for (StagedProposal staged : current.batch().proposals()) {
        String id = escape(staged.id().value());
        html.append("<li class=\"staged\" id=\"staged-").append(id).append("\"><span class=\"title\" id=\"staged-title-").append(id).append("\">")
            .append(escape(staged.title())).append("</span> <span class=\"id\">").append(id).append("</span> <code class=\"commit\">")
            .append(escape(staged.commit().abbreviated())).append("</code>")
            .append(files(staged.files()))
            .append(Forms.form("unapply", "unapply-" + staged.id().value(), "Unapply", Option.some(staged.id().value()),
                Option.some("staged-title-" + staged.id().value()), current.unapply(staged.id()).swap().map(CommandRejection::message).toOption()))
            .append("</li>");
      }
      html.append("</ol>");
    }
    return Forms.section("batch", "Staged batch", html.toString());
  }

  static String files(Iterable<RepoPath> paths) {
    StringBuilder html = new StringBuilder("<ul class=\"files\">");
    for (RepoPath path : paths) {
      html.append("<li><code>").append(escape(path.value())).append("</code></li>");
    }
    return html.append("</ul>").toString();
  }
}
