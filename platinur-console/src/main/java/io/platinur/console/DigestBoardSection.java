package io.platinur.console;

import static io.platinur.console.Html.escape;

import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.digest.BoardActions;
import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.digest.PromotionBoard;
import io.platinur.application.digest.TargetActions;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotionRejection;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.function.Function;

/**
 * The digest board: environments × services, each cell the pinned digest (short; the full digest
 * on hover and focus), the platform version of each environment, the state of the target's latest
 * promotion, what its next step waits for, and Promote, Complete and Roll back — each decided by
 * its command's own rules ({@link DigestPromotionService#actions()}) and, when it cannot act now,
 * disabled with the very refusal the command would give (the gate's unmet conditions word for
 * word, the canary's deadline). Then the drift between environment directories.
 */
final class DigestBoardSection {
  static final String NONE = Forms.section("digest-board", "Digest board",
      "<p class=\"empty\">No digest promotion is configured for this console.</p>");
  /** The one form every board button submits (each names its target and its action): one token for the whole board. */
  static final String FORM = "digest-action";

  private final DigestPromotionService service;
  private final Function<PullRequestNumber, String> pullRequest;

  DigestBoardSection(DigestPromotionService service, Function<PullRequestNumber, String> pullRequest) {
    this.service = service;
    this.pullRequest = pullRequest;
  }

  String render() {
    Either<UseCaseFailure<NoRefusal>, BoardActions> read = service.actions();
    if (read.isLeft()) {
      return Forms.section("digest-board", "Digest board",
          "<p class=\"failed\">The board cannot be read: " + escape(read.getLeft().message()) + "</p>");
    }
    PromotionBoard board = read.get().board();
    Seq<EnvironmentName> environments = board.path().environments();
    StringBuilder html = new StringBuilder("<form method=\"post\" action=\"digest-promote\" id=\"" + FORM + "\">" + Forms.csrfField()
        + "<button type=\"submit\" formaction=\"digest-sync\" id=\"digest-sync\" aria-describedby=\"digest-sync-about\">"
        + "Sync digest promotions</button> <span id=\"digest-sync-about\">records what happened on the forge since, and takes every "
        + "promotion whose evidence allows it one step on (a rollback merges once its gate passes)</span></form><table class=\"board\"><caption class=\"visually-hidden\">Pinned digest of each service in each environment</caption>"
        + "<thead><tr><th scope=\"col\">Service</th>");
    for (EnvironmentName environment : environments) {
      html.append("<th scope=\"col\" id=\"env-").append(escape(environment.value())).append("\">").append(escape(environment.value()))
          .append(board.platformVersions().get(environment).filter(version -> !version.isEmpty())
              .map(version -> "<br><small>platform " + escape(version) + "</small>").getOrElse(""))
          .append("</th>");
    }
    html.append("</tr></thead><tbody>");
    for (ServiceName name : board.snapshot().pins().services()) {
      String service = escape(name.value());
      html.append("<tr id=\"board-").append(service).append("\"><th scope=\"row\">").append(service).append("</th>");
      for (EnvironmentName environment : environments) {
        html.append(cell(board, read.get().targets().get(new PromotionTarget(name, environment)), new PromotionTarget(name, environment)));
      }
      html.append("</tr>");
    }
    html.append("</tbody></table>");
    board.snapshot().problems().forEach(problem -> html.append("<p class=\"failed\">").append(escape(problem.message())).append("</p>"));
    board.drift().forEach(drifted -> html.append("<p class=\"drift\">Drift: ").append(escape(drifted.message())).append("</p>"));
    return Forms.section("digest-board", "Digest board", html.toString());
  }

  private String cell(PromotionBoard board, Option<TargetActions> actions, PromotionTarget target) {
    String id = escape(target.service().value() + "-" + target.environment().value());
    Option<DigestPromotion> promotion = board.promotions().get(target);
    StringBuilder html = new StringBuilder("<td id=\"board-").append(id).append("\"")
        .append(promotion.map(p -> " data-state=\"" + state(p) + "\"").getOrElse("")).append(">")
        .append(board.snapshot().pins().pin(target).map(DigestBoardSection::digest).getOrElse("<span class=\"unpinned\">not pinned</span>"));
    promotion.forEach(p -> html.append("<p class=\"promotion\">").append(describe(p)).append("</p>"));
    // an unfinished promotion's next step is its state, said just above; a refused promote says it beside its button
    board.nextSteps().get(target).filter(next -> promotion.forAll(DigestPromotion::isFinished) && actions.forAll(can -> can.promote().isRight()))
        .forEach(next -> html.append("<p class=\"next\">Next: ").append(escape(next)).append("</p>"));
    actions.forEach(can -> html.append("<div class=\"target-actions\">")
        .append(button("digest-promote", "promote-" + id, "Promote", target, refusal(can.promote())))
        .append(button("digest-complete", "complete-" + id, "Complete", target,
            can.complete().swap().map(failure -> failure.fold(DigestPromotionRejection::message,
                unavailable -> "The next step cannot be decided now: " + unavailable.message())).toOption()))
        .append(button("digest-rollback", "rollback-" + id, "Roll back", target, refusal(can.rollback())))
        .append("</div>"));
    return html.append("</td>").toString();
  }

  /** The short digest, focusable, with the full one shown on hover and on focus. */
  private static String digest(ImageDigest digest) {
    String full = escape(digest.value());
    return "<code class=\"digest\" tabindex=\"0\" title=\"" + full + "\" data-full=\"" + full + "\">" + escape(digest.abbreviated()) + "</code>";
  }

  private String describe(DigestPromotion promotion) {
    String words = escape(promotion.describe());
    // the PR a person may want to open: linked where the forge has pages
    return promotion.openPr().map(pr -> words.replace(escape(pr.toString()), pullRequest.apply(pr))).getOrElse(words);
  }

  private static String state(DigestPromotion promotion) {
    return promotion.fold(p -> "proposed", o -> "pr-open", m -> "merged", c -> "canary", p -> "promoted", w -> "withdrawn",
        r -> "rolling-back", r -> "rolled-back");
  }

  private static Option<String> refusal(Either<? extends DigestPromotionRejection, ?> answer) {
    return answer.swap().map(DigestPromotionRejection::message).toOption();
  }

  /**
   * A button of the board's one form: it names its target, its accessible name says which (Promote
   * api to prod), and when its command would refuse it is disabled and described by the refusal.
   */
  private static String button(String action, String id, String label, PromotionTarget target, Option<String> refusal) {
    return "<button type=\"submit\" form=\"" + FORM + "\" formaction=\"" + action + "\" name=\"target\" value=\""
        + escape(target.service().value() + "/" + target.environment().value()) + "\" id=\"" + id + "\""
        + refusal.map(reason -> " disabled aria-describedby=\"reason-" + id + "\"").getOrElse("") + ">" + label
        + "<span class=\"visually-hidden\"> " + escape(target.service().value()) + " in " + escape(target.environment().value()) + "</span>"
        + "</button>" + refusal.map(reason -> "<p class=\"reason\" id=\"reason-" + id + "\">" + escape(reason) + "</p>").getOrElse("");
  }
}
