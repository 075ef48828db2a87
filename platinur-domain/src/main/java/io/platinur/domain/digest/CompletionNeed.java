package io.platinur.domain.digest;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * What taking a promotion one step on needs observed first, as {@link DigestPromotions#complete} or
 * {@link DigestPromotions#sync} asked for it: {@linkplain Evidence nothing, the PR's state, its gate,
 * or the canary's verdict}. The caller gathers exactly that, once, and hands it to the need's own
 * {@code decide}, which answers the {@link CompletionStep} (or why it must wait).
 */
public sealed interface CompletionNeed permits CompletionNeed.Nothing, CompletionNeed.PrState, CompletionNeed.Gate, CompletionNeed.Verdict {

  /** Which evidence a step needs. */
  enum Evidence {
    /** Nothing outside: the step is decided already. */
    NONE,
    /** The state of the PR the promotion waits on (open, closed, merged). */
    PR_STATE,
    /** The PR's state and, while it is open, its gate at its head. */
    GATE,
    /** The canary analysis's verdict on the digest in canary. */
    CANARY_VERDICT
  }

  PromotionTarget target();

  Evidence evidence();

  <R> R fold(Function<Nothing, R> onNothing, Function<PrState, R> onPrState, Function<Gate, R> onGate, Function<Verdict, R> onVerdict);

  /** The step needs no evidence. */
  record Nothing(PromotionTarget target, CompletionStep step) implements CompletionNeed {
    public Nothing {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(step, "step");
    }

    @Override
    public Evidence evidence() {
      return Evidence.NONE;
    }

    @Override
    public <R> R fold(Function<Nothing, R> onNothing, Function<PrState, R> onPrState, Function<Gate, R> onGate, Function<Verdict, R> onVerdict) {
      return onNothing.apply(this);
    }
  }

  /** A step a person merges: only whether PR {@code pr} was closed or merged meanwhile is recorded. */
  record PrState(PromotionPath path, DigestPromotion current, PullRequestNumber pr) implements CompletionNeed {
    public PrState {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(current, "current");
      Objects.requireNonNull(pr, "pr");
    }

    @Override
    public PromotionTarget target() {
      return current.target();
    }

    @Override
    public Evidence evidence() {
      return Evidence.PR_STATE;
    }

    /** What the PR's {@code state} means: nothing while it is open; its closing or merge otherwise. */
    public CompletionStep decide(PullRequestState state, Instant now) {
      return new CompletionStep.Record(DigestPromotions.observed(path, current, pr, state, now));
    }

    @Override
    public <R> R fold(Function<Nothing, R> onNothing, Function<PrState, R> onPrState, Function<Gate, R> onGate, Function<Verdict, R> onVerdict) {
      return onPrState.apply(this);
    }
  }

  /** A step whose PR merges once its gate passes: the PR's state, and its gate while open. */
  record Gate(PromotionPath path, DigestPromotion current, GateQuestion question) implements CompletionNeed {
    public Gate {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(current, "current");
      Objects.requireNonNull(question, "question");
    }

    @Override
    public PromotionTarget target() {
      return current.target();
    }

    @Override
    public Evidence evidence() {
      return Evidence.GATE;
    }

    /**
     * Merge when the gate passed at the PR's head; refused with every unmet condition when it is
     * blocked. A PR closed or merged meanwhile (by a person, or by another host) is recorded as
     * what it is: the step is then done, never refused for a gate that no longer matters.
     */
    public Either<CompleteRejection.GateBlocked, CompletionStep> decide(GateObservation observed, Instant now) {
      PromotionTarget target = target();
      PullRequestNumber pr = question.pr();
      return observed.fold(
          gated -> gated.decision().fold(
              passed -> Either.right(new CompletionStep.Merge(target, pr, gated.head(), question.kind(), switch (question.kind()) {
                case PROMOTION -> DigestPromotions.afterMerge(path, target, now);
                case ROLLBACK -> List.empty();
              })),
              blocked -> Either.left(new CompleteRejection.GateBlocked(target, pr, blocked.failures()))),
          closed -> Either.right(new CompletionStep.Record(DigestPromotions.observed(path, current, pr, new PullRequestState.ClosedUnmerged(), now))),
          merged -> Either.right(new CompletionStep.Record(
              DigestPromotions.observed(path, current, pr, new PullRequestState.Merged(merged.mergeCommit()), now))));
    }

    /**
     * For a sync that finds a rollback PR's gate {@code blocked}: the note that the next sync merges
     * it once the gate passes. None for a promotion PR.
     */
    public Option<RollbackWaiting> waiting(CompleteRejection.GateBlocked blocked) {
      return question.kind() == PromotionBranch.Kind.ROLLBACK
          ? Option.some(new RollbackWaiting(target(), question.pr(), blocked.failures()))
          : Option.none();
    }

    @Override
    public <R> R fold(Function<Nothing, R> onNothing, Function<PrState, R> onPrState, Function<Gate, R> onGate, Function<Verdict, R> onVerdict) {
      return onGate.apply(this);
    }
  }

  /** A canary waiting for its verdict. */
  record Verdict(PromotionPath path, DigestPromotion.Canary canary) implements CompletionNeed {
    public Verdict {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(canary, "canary");
    }

    @Override
    public PromotionTarget target() {
      return canary.target();
    }

    /** The digest the canary analysis judges. */
    public ImageDigest digest() {
      return canary.promotion().digest();
    }

    @Override
    public Evidence evidence() {
      return Evidence.CANARY_VERDICT;
    }

    /**
     * Passed completes the promotion; failed, or no verdict by the step's timeout, rolls it back;
     * no verdict before the timeout waits (refused with the deadline).
     */
    public Either<CompleteRejection.CanaryRunning, CompletionStep> decide(CanaryVerdict verdict, Instant now) {
      PromotionTarget target = target();
      Duration timeout = path.policyFor(target.environment()).flatMap(StepPolicy::canaryTimeout).getOrElse(Duration.ZERO);
      return CanaryJudgement.judge(canary.startedAt(), timeout, verdict, now).fold(
          pass -> Either.right(new CompletionStep.Record(List.of(new DigestPromotionEvent.PromotionCompleted(target)))),
          wait -> Either.left(new CompleteRejection.CanaryRunning(target, wait.deadline())),
          rollBack -> Either.right(new CompletionStep.RollBack(new RollbackAccepted(canary, rollBack.reason()))));
    }

    @Override
    public <R> R fold(Function<Nothing, R> onNothing, Function<PrState, R> onPrState, Function<Gate, R> onGate, Function<Verdict, R> onVerdict) {
      return onVerdict.apply(this);
    }
  }
}
