package io.platinur.console;

import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.digest.PromotionSync;
import io.platinur.application.preview.PreviewEnvironmentService;
import io.platinur.application.preview.PreviewReport;
import io.platinur.console.ConsoleSessions.Answer;
import io.platinur.domain.Actor;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotionEvent;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackWaiting;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.digest.UnrecordedPrNote;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What the forms of the sections outside the lane do — the digest board's promote, complete,
 * rollback and sync, the previews' reconcile — each one use case call answered in the library's
 * words. They need no staging lane.
 */
final class ProductActions {
  private final Option<PreviewEnvironmentService> previews;
  private final Option<DigestPromotionService> digests;
  private final String authorName;

  ProductActions(Option<PreviewEnvironmentService> previews, Option<DigestPromotionService> digests, String authorName) {
    this.previews = previews;
    this.digests = digests;
    this.authorName = authorName;
  }

  /** Every action by its path. */
  Map<String, Function<Map<String, String>, Answer>> byPath() {
    Map<String, Function<Map<String, String>, Answer>> actions = new HashMap<>();
    previews.forEach(service -> actions.put("/reconcile-previews", form -> reconcilePreviews(service)));
    digests.forEach(service -> {
      actions.put("/digest-promote", form -> promote(service, target(form)));
      actions.put("/digest-complete", form -> {
        PromotionTarget target = target(form);
        return ConsoleActions.answer(service.complete(target, actor()), after -> state(target, after));
      });
      actions.put("/digest-rollback", form -> {
        PromotionTarget target = target(form);
        return ConsoleActions.answer(service.rollback(target, actor()), after -> state(target, after));
      });
      actions.put("/digest-sync", form -> ConsoleActions.answer(service.sync(actor()), ProductActions::synced));
    });
    return actions;
  }

  private Answer promote(DigestPromotionService service, PromotionTarget target) {
    return ConsoleActions.answer(service.promote(PromoteRequest.of(target.service(), target.environment()), actor()), open -> "Opened promotion PR "
        + open.pr() + ": " + open.promotion().digest().abbreviated() + " of " + target.service() + " from " + open.promotion().from()
        + " to " + target.environment() + ".");
  }

  private static String state(PromotionTarget target, DigestPromotion after) {
    return target.service() + " in " + target.environment() + ": " + after.describe() + ".";
  }

  /** What the sync recorded, the unrecorded PRs it closed and the rollbacks that wait for their gate, in words. */
  private static String synced(PromotionSync sync) {
    return sync.isEmpty() ? "Digest promotions synced: nothing had changed."
        : "Digest promotions synced: " + sync.events().map(DigestPromotionEvent::words).appendAll(sync.closed().map(UnrecordedPrNote::message))
            .appendAll(sync.waiting().map(RollbackWaiting::message)).mkString(" ");
  }

  private Actor actor() {
    return Actor.of(authorName);
  }

  private static Answer reconcilePreviews(PreviewEnvironmentService service) {
    Either<UseCaseFailure<NoRefusal>, PreviewReport> reconciled = service.reconcile();
    if (reconciled.isLeft()) {
      return new Answer("failed", reconciled.getLeft().message());
    }
    PreviewReport report = reconciled.get();
    StringBuilder text = new StringBuilder(report.plan().actions().isEmpty() ? "Previews reconciled: nothing to change." : "Previews reconciled:");
    report.plan().actions().forEach(action -> text.append(' ').append(action.message()));
    report.cleanupFailures().forEach(failure -> text.append(' ').append(failure.message()));
    return new Answer(report.cleanupFailures().isEmpty() ? "done" : "failed", text.toString());
  }

  /** The board's target, {@code service/environment}, as its buttons send it. */
  private static PromotionTarget target(Map<String, String> form) {
    String target = ConsoleActions.required(form, "target");
    int slash = target.indexOf('/');
    if (slash < 0) {
      throw new BadRequest(400, "‘" + target + "’ is not a target of the digest board (service/environment).");
    }
    return ServiceName.parse(target.substring(0, slash))
        .flatMap(service -> EnvironmentName.parse(target.substring(slash + 1)).map(environment -> new PromotionTarget(service, environment)))
        .toEither().getOrElseThrow(problem -> new BadRequest(400, problem));
  }

}
