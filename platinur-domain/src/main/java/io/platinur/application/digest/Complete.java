package io.platinur.application.digest;

import io.platinur.application.core.Attempt;
import io.platinur.application.core.Decision;
import io.platinur.application.core.Transaction;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Actor;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.CompleteRejection;
import io.platinur.domain.digest.CompletionNeed;
import io.platinur.domain.digest.CompletionStep;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotionEvent;
import io.platinur.domain.digest.DigestPromotions;
import io.platinur.domain.digest.GateObservation;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.port.TimeSource;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Complete: ask the aggregate what the target's next step needs, read exactly that (the PR's gate,
 * the canary's verdict, or nothing), let it decide, carry the step out (merge, open the rollback),
 * record. After a lost race the aggregate first recognizes what already happened (this attempt's
 * merge saved after all, or another host's), and answers it as done.
 */
final class Complete {
  private final Transaction<DigestPromotions, String, DigestChange> transaction;
  private final Evidence evidence;
  private final ForgeWrites writes;
  private final TimeSource time;

  Complete(Transaction<DigestPromotions, String, DigestChange> transaction, Evidence evidence, ForgeWrites writes, TimeSource time) {
    this.transaction = transaction;
    this.evidence = evidence;
    this.writes = writes;
    this.time = time;
  }

  /** Completes for {@code actor} (the audit entry's); a revert commit it writes is authored by {@code author}. */
  Either<UseCaseFailure<CompleteRejection>, DigestPromotion> run(PromotionTarget target, Actor actor, CommitAuthor author) {
    AtomicReference<Option<DigestPromotion>> decidedOn = new AtomicReference<>(Option.none());
    return transaction.run(actor, (promotions, attempt) -> decide(promotions, target, attempt, decidedOn, author));
  }

  private Either<UseCaseFailure<CompleteRejection>, Decision<DigestChange, DigestPromotion>> decide(
      DigestPromotions promotions, PromotionTarget target, Attempt attempt, AtomicReference<Option<DigestPromotion>> decidedOn,
      CommitAuthor author) {
    Instant now = time.now();
    Either<CompleteRejection, CompletionNeed> need = decidedOn.get().filter(earlier -> attempt.afterLostRace())
        .fold(() -> promotions.complete(target, now), earlier -> promotions.completeAgain(target, earlier, now));
    decidedOn.set(promotions.latest(target));
    return need.<UseCaseFailure<CompleteRejection>>mapLeft(UseCaseFailure::rejected)
        .flatMap(this::step)
        .flatMap(step -> PortCalls.<CompleteRejection, Seq<DigestPromotionEvent>>unavailable(writes.carry(step, author))
            .flatMap(events -> DigestChange.decide(promotions, events, action(target, step, events),
                next -> next.latest(target).orElse(() -> promotions.latest(target)).get())));
  }

  /** The step the need decides, once its evidence is read. */
  private Either<UseCaseFailure<CompleteRejection>, CompletionStep> step(CompletionNeed need) {
    return step(evidence, need, time.now());
  }

  /**
   * The step {@code need} decides at {@code now}, once the evidence it names is read: what complete
   * would do, or why it refuses (the gate's every unmet condition, the canary's deadline). Reads
   * only; {@link DigestPromotionService#actions()} asks it for every unfinished promotion.
   */
  static Either<UseCaseFailure<CompleteRejection>, CompletionStep> step(Evidence evidence, CompletionNeed need, Instant now) {
    return need.fold(
        nothing -> Either.right(nothing.step()),
        prState -> PortCalls.<CompleteRejection, PullRequestState>unavailable(evidence.prState(prState))
            .map(state -> prState.decide(state, now)),
        gate -> PortCalls.<CompleteRejection, GateObservation>unavailable(evidence.gate(gate.question()))
            .flatMap(observed -> gate.decide(observed, now).mapLeft(blocked -> UseCaseFailure.<CompleteRejection>rejected(blocked))),
        verdict -> PortCalls.<CompleteRejection, CanaryVerdict>unavailable(evidence.verdict(verdict))
            .flatMap(seen -> verdict.decide(seen, now).mapLeft(running -> UseCaseFailure.<CompleteRejection>rejected(running))));
  }

  private static String action(PromotionTarget target, CompletionStep step, Seq<DigestPromotionEvent> events) {
    return step.fold(
        merge -> events.head().words(),
        record -> events.isEmpty() ? "Completed " + target : events.map(DigestPromotionEvent::words).mkString(" "),
        rollBack -> events.head().words(),
        done -> "Completed " + target + ": already done");
  }
}
