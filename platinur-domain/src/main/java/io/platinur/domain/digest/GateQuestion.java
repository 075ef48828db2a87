package io.platinur.domain.digest;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.Review;
import io.platinur.domain.gate.CiResult;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * A step gate to evaluate, as the aggregate asks for it: PR {@code pr} (the promotion PR, or the
 * revert PR of a rollback, per {@code kind}) of {@code promotion}, under {@code policy}; once merged
 * it must leave the target's pin at {@code expectedPin}. The caller reads the PR's state, and while
 * it is open the evidence at its head, and answers with a {@link GateObservation}.
 */
public record GateQuestion(Promotion promotion, PullRequestNumber pr, PromotionBranch.Kind kind, StepPolicy policy,
    Option<ImageDigest> expectedPin) {
  public GateQuestion {
    Objects.requireNonNull(promotion, "promotion");
    Objects.requireNonNull(pr, "pr");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(expectedPin, "expectedPin");
  }

  public PromotionTarget target() {
    return promotion.target();
  }

  /** The environment whose deployment statuses the soak is measured from. */
  public EnvironmentName source() {
    return promotion.from();
  }

  /**
   * The gate's decision from what was observed at the PR's {@code head}: CI there, every review,
   * the PR's author, the deployment statuses of the service in {@link #source()}, what the PR
   * changes, and the time.
   */
  public StepDecision decide(PinLayout layout, CommitId head, String author, Option<CiResult> ci, Seq<Review> reviews,
      Seq<DigestDeployment> sourceStatuses, PromotionDiff diff, Instant now) {
    PromotionTarget target = target();
    return StepGate.evaluate(policy, new StepEvidence(target, promotion.from(), promotion.digest(), expectedPin,
        layout.pinPath(target.environment(), target.service()), layout.key(), head, author, ci, reviews, sourceStatuses, diff, now));
  }

  /**
   * The answer of {@code platinur release gate}: the decision while the PR is open; a PR closed or
   * merged since it was recorded is not gated any more, and a sync records what happened.
   */
  public Either<EvaluateRejection, StepDecision> answer(GateObservation observed) {
    return observed.fold(
        gated -> Either.right(gated.decision()),
        closed -> Either.left(new EvaluateRejection.PrClosed(target(), pr)),
        merged -> Either.left(new EvaluateRejection.PrMerged(target(), pr)));
  }
}
