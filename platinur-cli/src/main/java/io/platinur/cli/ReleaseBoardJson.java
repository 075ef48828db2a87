package io.platinur.cli;

import io.platinur.application.digest.PromotionBoard;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.EnvironmentDrift;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.Promotion;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.StepDecision;
import io.platinur.domain.digest.StepFailure;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.util.List;

/**
 * {@code release board --json}: the board as data (see {@code docs/release-command.md} for the
 * shape). Every environment's pins and platform version; every target (service × environment after
 * the first) with its pin, the state of its latest promotion, what its next step waits for in the
 * board's words, and, while a promotion or rollback PR is open, its gate with every unmet
 * condition; the values files that could not be read; and the drift.
 */
final class ReleaseBoardJson {
  private ReleaseBoardJson() {}

  /** Whether {@code promotion} has a PR open whose gate decides it: a promotion PR or a revert PR. */
  static boolean hasOpenPr(DigestPromotion promotion) {
    return promotion instanceof DigestPromotion.PrOpen || promotion instanceof DigestPromotion.RollingBack;
  }

  /** The fields after {@code ok} and {@code command}; {@code gates} holds the gate of every open PR. */
  static Json of(PromotionBoard board, Map<PromotionTarget, StepDecision> gates) {
    List<Json> environments = board.path().environments().map(env -> {
      Json pins = Json.object();
      board.snapshot().pins().manifest(env).services().forEach(pin -> pins.put(pin._1.value(), pin._2.value()));
      return Json.object().put("name", env.value()).put("platformVersion", board.platformVersions().get(env).get()).put("pins", pins);
    }).toJavaList();
    List<Json> targets = board.nextSteps().map(step -> {
      PromotionTarget target = step._1;
      Option<DigestPromotion> latest = board.promotions().get(target);
      return Json.object()
          .put("service", target.service().value())
          .put("environment", target.environment().value())
          .put("from", board.path().source(target.environment()).map(EnvironmentName::value).getOrNull())
          .put("pinned", board.snapshot().pins().pin(target).map(digest -> digest.value()).getOrNull())
          .put("state", latest.map(ReleaseBoardJson::state).getOrElse("none"))
          .put("promotion", latest.map(ReleaseBoardJson::promotion).getOrNull())
          .put("nextStep", step._2)
          .put("gate", gates.get(target).map(ReleaseBoardJson::gate).getOrNull());
    }).toJavaList();
    return Json.object()
        .put("commit", board.snapshot().commit().hex())
        .put("path", board.path().environments().map(EnvironmentName::value).toJavaList())
        .put("services", board.snapshot().pins().services().map(service -> service.value()).toJavaList())
        .put("environments", environments)
        .put("targets", targets)
        .put("unreadable", board.snapshot().problems()
            .map(problem -> Json.object().put("file", problem.file().value()).put("message", problem.message())).toJavaList())
        .put("drift", board.drift().map(ReleaseBoardJson::drift).toJavaList());
  }

  /** The state's name: {@code proposed}, {@code pr_open}, {@code merged}, {@code canary}, … */
  static String state(DigestPromotion promotion) {
    return promotion.fold(proposed -> "proposed", open -> "pr_open", merged -> "merged", canary -> "canary", promoted -> "promoted",
        withdrawn -> "withdrawn", rolling -> "rolling_back", rolled -> "rolled_back");
  }

  /** What the promotion moves, and what its state knows: its PR, merge commit, canary start, revert PR. */
  private static Json promotion(DigestPromotion latest) {
    Promotion promotion = latest.promotion();
    Json json = Json.object()
        .put("digest", promotion.digest().value())
        .put("from", promotion.from().value())
        .put("previous", promotion.previous().map(digest -> digest.value()).getOrNull())
        .put("description", latest.describe());
    return latest.fold(
        proposed -> json,
        open -> json.put("pr", open.pr().value()),
        merged -> json.put("pr", merged.pr().value()).put("mergeCommit", merged.mergeCommit().hex()),
        canary -> json.put("pr", canary.pr().value()).put("mergeCommit", canary.mergeCommit().hex())
            .put("canarySince", canary.startedAt().toString()),
        promoted -> json.put("pr", promoted.pr().value()).put("mergeCommit", promoted.mergeCommit().hex()),
        withdrawn -> json.put("pr", withdrawn.pr().value()),
        rolling -> json.put("pr", rolling.pr().value()).put("mergeCommit", rolling.mergeCommit().hex())
            .put("revertPr", rolling.revertPr().value()).put("reason", rolling.reason().words()),
        rolled -> json.put("pr", rolled.pr().value()).put("mergeCommit", rolled.mergeCommit().hex())
            .put("revertPr", rolled.revertPr().value()).put("reason", rolled.reason().words()));
  }

  private static Json gate(StepDecision decision) {
    return decision.fold(
        passed -> Json.object().put("passes", true).put("unmet", List.of()),
        blocked -> Json.object().put("passes", false).put("unmet", blocked.failures().map(ReleaseBoardJson::unmet).toJavaList()));
  }

  private static Json unmet(StepFailure failure) {
    return Json.object().put("condition", failure.condition().name()).put("message", failure.message());
  }

  private static Json drift(EnvironmentDrift.DriftedFile file) {
    return Json.object()
        .put("path", file.relativePath())
        .put("missingIn", file.contentByEnvironment().filterValues(Option::isEmpty).keySet().map(EnvironmentName::value).toJavaList())
        .put("message", file.message());
  }
}
