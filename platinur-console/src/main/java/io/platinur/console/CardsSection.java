package io.platinur.console;

import static io.platinur.console.Html.escape;

import io.platinur.domain.card.ProposalCard;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.proposal.Proposal;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/**
 * Every proposal card with its status, and Apply disabled with the very message apply would be
 * refused with; what the catalog holds but cannot offer shows as an Invalid card with why.
 */
final class CardsSection {
  private CardsSection() {}

  static String render(StagingLane current, Seq<Proposal> proposals, Seq<ProposalCatalog.Refused> refused) {
    StringBuilder html = new StringBuilder();
    if (proposals.isEmpty() && refused.isEmpty()) {
      html.append("<p class=\"empty\">No proposals yet.</p>");
    }
    for (Proposal proposal : proposals) {
      ProposalCard card = ProposalCard.of(current, proposal);
      String id = escape(card.id().value());
      html.append("<article class=\"card\" id=\"card-").append(id).append("\" data-status=\"").append(card.status().name()).append("\">")
          .append("<h3 class=\"title\" id=\"title-").append(id).append("\">").append(escape(card.title())).append("</h3>")
          .append("<p class=\"id\">").append(id).append("</p>")
          .append("<p class=\"status\">").append(escape(card.status().label())).append("</p>")
          .append(BatchSection.files(proposal.fileSet()))
          .append(Forms.form("apply", "apply-" + card.id().value(), "Apply to Staging", Option.some(card.id().value()),
              Option.some("title-" + card.id().value()), card.canApply() ? Option.none() : card.applyDisabledReason()))
          .append("</article>");
    }
    // A card never promises what apply refuses.
    for (ProposalCatalog.Refused invalid : refused) {
      String id = escape(invalid.id());
      html.append("<article class=\"card\" id=\"card-").append(id).append("\" data-status=\"INVALID\">")
          .append("<h3 class=\"title\" id=\"title-").append(id).append("\">").append(id).append("</h3>")
          .append("<p class=\"status\">Invalid</p>")
          .append(Forms.form("apply", "apply-" + invalid.id(), "Apply to Staging", Option.some(invalid.id()), Option.some("title-" + invalid.id()),
              Option.some(invalid.reason())))
          .append("</article>");
    }
    return Forms.section("cards", "Proposals", html.toString());
  }
}
