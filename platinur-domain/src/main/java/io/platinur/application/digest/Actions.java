package io.platinur.application.digest;

import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.digest.CompleteRejection;
import io.platinur.domain.digest.CompletionStep;
import io.platinur.domain.digest.DigestPromotions;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.PinReading;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackReason;
import io.platinur.port.TimeSource;
import io.vavr.Tuple;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import java.time.Instant;

/**
 * Every target's answers to promote, complete and rollback, without acting: the board's
 * observations read once, then each command's own decision, and for an unfinished promotion the one
 * piece of evidence its next step names (nothing is read for a target with nothing in progress).
 */
final class Actions {
  private final Board board;
  private final PinLayout layout;
  private final Evidence evidence;
  private final TimeSource time;

  Actions(Board board, PinLayout layout, Evidence evidence, TimeSource time) {
    this.board = board;
    this.layout = layout;
    this.evidence = evidence;
    this.time = time;
  }

  Either<UseCaseFailure<NoRefusal>, BoardActions> read(DigestPromotions promotions) {
    return board.observe().map(observed -> {
      PromotionBoard read = board.board(promotions, observed);
      PinReading reading = observed.snapshot().reading(layout);
      Instant now = time.now();
      return new BoardActions(read, TreeMap.ofEntries(read.nextSteps().keySet().addAll(promotions.latest().keySet()).toList()
          .map(target -> Tuple.of(target, new TargetActions(target,
              promotions.promote(reading, observed.statuses(), PromoteRequest.of(target.service(), target.environment())),
              complete(promotions, target, now),
              promotions.rollback(reading.pins(), target, RollbackReason.REQUESTED))))));
    });
  }

  private Either<UseCaseFailure<CompleteRejection>, CompletionStep> complete(DigestPromotions promotions, PromotionTarget target, Instant now) {
    return promotions.complete(target, now).<UseCaseFailure<CompleteRejection>>mapLeft(UseCaseFailure::rejected)
        .flatMap(need -> Complete.step(evidence, need, now));
  }
}
