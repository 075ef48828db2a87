package io.platinur.console;

import io.platinur.domain.lane.CommandRejection;
import io.platinur.domain.lane.NoPromotionPr;
import io.platinur.domain.lane.StagingLane;
import io.vavr.control.Option;

/** The release buttons, each disabled with the reason its action would be refused with now. */
final class ReleaseSection {
  private static final String NOTHING_TO_DISCARD = "Nothing is staged, so there is nothing to discard.";

  private ReleaseSection() {}

  static String render(StagingLane current, boolean offline) {
    StringBuilder html = new StringBuilder("<div class=\"buttons\">");
    html.append(Forms.form("open-pr", "open-pr", "Open promotion PR", Option.none(), Option.none(),
        current.promotionHead().swap().map(CommandRejection::message).toOption()));
    if (offline) {
      Option<String> noPr = current.lock().fold(
          unlocked -> Option.some(new NoPromotionPr().message()),
          open -> Option.none(),
          awaiting -> current.promotionPrClosed(awaiting.pr()).swap().map(CommandRejection::message).toOption());
      html.append(Forms.form("merge", "merge", "Merge promotion PR (offline host)", Option.none(), Option.none(), noPr))
          .append(Forms.form("close", "close", "Close promotion PR (offline host)", Option.none(), Option.none(), noPr));
    }
    html.append(Forms.form("sync", "sync", "Sync Promotions", Option.none(), Option.none(), Option.none()))
        .append(Forms.form("discard", "discard", "Discard staged batch", Option.none(), Option.none(),
            current.discardBatch().swap().map(CommandRejection::message).toOption()
                .orElse(() -> current.batch().isEmpty() ? Option.some(NOTHING_TO_DISCARD) : Option.none())));
    return "<section id=\"actions\" aria-labelledby=\"actions-heading\"><h2 id=\"actions-heading\">Release</h2>" + html + "</div></section>\n";
  }
}
