package io.platinur.console;

import static io.platinur.console.Html.escape;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.platinur.port.LaneChange;
import io.vavr.collection.Seq;
import java.util.function.Function;

/** The lock banner: unlocked, or the promotion PR with since when and who opened it, and what finishes the release. */
final class LockBanner {
  private final boolean offline;
  private final Function<PullRequestNumber, String> pullRequest;

  LockBanner(boolean offline, Function<PullRequestNumber, String> pullRequest) {
    this.offline = offline;
    this.pullRequest = pullRequest;
  }

  String render(StagingLane current, Seq<LaneChange> history) {
    return current.lock().fold(
        unlocked -> "<section id=\"lock\" class=\"lock unlocked\"><h2>Staging is unlocked</h2>"
            + "<p>Proposals can be applied to Staging. Opening the promotion PR locks Staging until the release completes.</p></section>\n",
        open -> "<section id=\"lock\" class=\"lock locked\"><h2>Staging is locked</h2><p>Promotion PR " + pullRequest.apply(open.pr())
            + " is open" + since(history, open.pr(), true) + ".</p>"
            + "<p>To finish the release, merge or close it in GitHub" + (offline ? " (or below, on the offline host)" : "")
            + ", then Sync Promotions.</p></section>\n",
        awaiting -> "<section id=\"lock\" class=\"lock locked\"><h2>Staging is locked</h2><p>Promotion PR " + pullRequest.apply(awaiting.pr())
            + " was merged as <code>" + escape(awaiting.mergeCommit().abbreviated()) + "</code>" + since(history, awaiting.pr(), false) + ".</p>"
            + "<p>Sync Promotions finishes the release: the staged proposals are marked deployed, Staging resets to the production branch "
            + "and unlocks.</p></section>\n");
  }

  /** When the PR was opened (or merged) and by whom, from the latest page of the lane's history (newest first). */
  private static String since(Seq<LaneChange> history, PullRequestNumber pr, boolean opened) {
    return history
        .find(change -> change.events().exists(event -> opened
            ? event instanceof LaneEvent.PromotionPrOpened o && o.pr().equals(pr)
            : event instanceof LaneEvent.PromotionPrMerged m && m.pr().equals(pr)))
        .map(change -> opened
            ? " since " + Forms.time(change.audit().at()) + " (opened by " + escape(change.audit().actor().name()) + ")"
            : " (recorded " + Forms.time(change.audit().at()) + " by " + escape(change.audit().actor().name()) + ")")
        .getOrElse("");
  }
}
