package io.platinur.application.digest;

import io.platinur.application.core.Decision;
import io.platinur.application.core.Transaction;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Actor;
import io.platinur.domain.digest.DigestDeployment;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotions;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.PromoteRejection;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.port.PinSnapshot;
import io.platinur.port.PinnedDigests;
import io.vavr.collection.Seq;
import io.vavr.control.Either;

/**
 * Promote: read the pins and the source's deployment statuses, let the aggregate decide, write the
 * pin change on the promotion branch and open its PR, record both. A host that loses the race to
 * record decides again on what the winner recorded: the PR it finds open is refused as already
 * open, never reported as opened twice.
 */
final class Promote {
  private final Transaction<DigestPromotions, String, DigestChange> transaction;
  private final PinLayout layout;
  private final PinnedDigests pins;
  private final Evidence evidence;
  private final ForgeWrites writes;

  Promote(Transaction<DigestPromotions, String, DigestChange> transaction, PinLayout layout, PinnedDigests pins, Evidence evidence,
      ForgeWrites writes) {
    this.transaction = transaction;
    this.layout = layout;
    this.pins = pins;
    this.evidence = evidence;
    this.writes = writes;
  }

  /** Promotes for {@code actor} (the audit entry's), the promotion commit authored by {@code author}. */
  Either<UseCaseFailure<PromoteRejection>, DigestPromotion.PrOpen> run(PromoteRequest request, Actor actor, CommitAuthor author) {
    return transaction.run(actor, (promotions, attempt) -> decide(promotions, request, author));
  }

  private Either<UseCaseFailure<PromoteRejection>, Decision<DigestChange, DigestPromotion.PrOpen>> decide(
      DigestPromotions promotions, PromoteRequest request, CommitAuthor author) {
    PromotionTarget target = request.promotionTarget();
    return PortCalls.<PromoteRejection, PinSnapshot>unavailable(pins.current()).flatMap(snapshot ->
        PortCalls.<PromoteRejection, Seq<DigestDeployment>>unavailable(evidence.sourceStatuses(request.target(), request.service()))
            .flatMap(statuses -> promotions.promote(snapshot.reading(layout), statuses, request).mapLeft(UseCaseFailure::rejected))
            .flatMap(accepted -> PortCalls.<PromoteRejection, PullRequestNumber>unavailable(writes.openPromotion(accepted, snapshot.commit(), author))
                .flatMap(pr -> DigestChange.decide(promotions, accepted.events(pr),
                    "Opened promotion PR " + pr + " of " + target.service() + " to " + target.environment() + ": "
                        + accepted.promotion().digest().abbreviated() + " from " + accepted.promotion().from(),
                    next -> accepted.opened(pr)))));
  }
}
