package io.platinur.application.digest;

import io.platinur.application.core.Attempt;
import io.platinur.application.core.Decision;
import io.platinur.application.core.Transaction;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Actor;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotions;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackReason;
import io.platinur.domain.digest.RollbackRejection;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.port.PinSnapshot;
import io.platinur.port.PinnedDigests;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rollback: let the aggregate plan the revert of the target's latest merged promotion, write it on
 * the rollback branch and open its PR, record it. After a lost race, a promotion that has moved on
 * since (the same revert recorded by another host, say) is answered as it now is.
 */
final class Rollback {
  private final Transaction<DigestPromotions, String, DigestChange> transaction;
  private final PinnedDigests pins;
  private final ForgeWrites writes;

  Rollback(Transaction<DigestPromotions, String, DigestChange> transaction, PinnedDigests pins, ForgeWrites writes) {
    this.transaction = transaction;
    this.pins = pins;
    this.writes = writes;
  }

  /** Rolls back for {@code actor} (the audit entry's), the revert commit authored by {@code author}. */
  Either<UseCaseFailure<RollbackRejection>, DigestPromotion> run(PromotionTarget target, Actor actor, CommitAuthor author) {
    AtomicReference<Option<DigestPromotion>> decidedOn = new AtomicReference<>(Option.none());
    return transaction.run(actor, (promotions, attempt) -> alreadyDone(promotions, target, attempt, decidedOn.get())
        .<Either<UseCaseFailure<RollbackRejection>, Decision<DigestChange, DigestPromotion>>>map(done -> Either.right(Decision.keep(done)))
        .getOrElse(() -> {
          decidedOn.set(promotions.latest(target));
          return decide(promotions, target, author);
        }));
  }

  private static Option<DigestPromotion> alreadyDone(
      DigestPromotions promotions, PromotionTarget target, Attempt attempt, Option<DigestPromotion> decidedOn) {
    return decidedOn.filter(earlier -> attempt.afterLostRace()).flatMap(earlier -> promotions.movedOn(target, earlier));
  }

  private Either<UseCaseFailure<RollbackRejection>, Decision<DigestChange, DigestPromotion>> decide(
      DigestPromotions promotions, PromotionTarget target, CommitAuthor author) {
    return PortCalls.<RollbackRejection, PinSnapshot>unavailable(pins.current())
        .flatMap(snapshot -> promotions.rollback(snapshot.pins(), target, RollbackReason.REQUESTED).mapLeft(UseCaseFailure::rejected))
        .flatMap(accepted -> PortCalls.<RollbackRejection, PullRequestNumber>unavailable(writes.openRollback(accepted, author))
            .flatMap(revertPr -> DigestChange.decide(promotions, accepted.events(revertPr),
                accepted.events(revertPr).head().words(), next -> accepted.opened(revertPr))));
  }
}
