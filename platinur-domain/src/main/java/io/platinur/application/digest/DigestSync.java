package io.platinur.application.digest;

import io.platinur.application.core.Decision;
import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.Transaction;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.digest.DigestPromotionService.Ports;
import io.platinur.domain.Actor;
import io.platinur.domain.digest.CompletionNeed;
import io.platinur.domain.digest.CompletionStep;
import io.platinur.domain.digest.DigestPromotionEvent;
import io.platinur.domain.digest.DigestPromotions;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackWaiting;
import io.platinur.domain.digest.UnrecordedPr;
import io.platinur.domain.digest.UnrecordedPrNote;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.port.PinSnapshot;
import io.platinur.port.PortFailure;
import io.platinur.port.TimeSource;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * Sync: for every promotion, ask the aggregate what it needs observed to move on by itself (a PR's
 * state, its gate where the step merges automatically, a canary's verdict), read exactly that, and
 * carry out and record what it decides. Then adopt or close every promotion or rollback PR a
 * crashed host left unrecorded. Nothing here refuses: a step that must wait is left for the next
 * sync, and a rollback that waits for its gate says so.
 *
 * <p>A canary that failed or timed out has its revert PR opened and recorded first; a second pass
 * of the same sync then merges it when its gate already holds. Recording the revert before merging
 * it is what lets a sync after a crash find it again: a merged PR is no longer among the open ones.
 *
 * <p>Before anything else, the lock files a crashed writer left on the GitOps repository are
 * removed ({@link io.platinur.port.PinBranches#removeAbandonedLocks}), as the staging lane's sync
 * does, so a crash never blocks the promotions; the removal is recorded in the history.
 */
final class DigestSync {
  private final Transaction<DigestPromotions, String, DigestChange> transaction;
  private final PinLayout layout;
  private final BranchName gitopsBranch;
  private final Ports ports;
  private final Evidence evidence;
  private final ForgeWrites writes;
  private final TimeSource time;

  DigestSync(Transaction<DigestPromotions, String, DigestChange> transaction, PinLayout layout, BranchName gitopsBranch, Ports ports,
      Evidence evidence, ForgeWrites writes, TimeSource time) {
    this.transaction = transaction;
    this.layout = layout;
    this.gitopsBranch = gitopsBranch;
    this.ports = ports;
    this.evidence = evidence;
    this.writes = writes;
    this.time = time;
  }

  /**
   * What a sync has done so far: the promotions after it, what it recorded and closed, which rollbacks
   * wait, and whether it opened a rollback (which a second pass may merge).
   */
  private record Progress(DigestPromotions current, PromotionSync report, boolean openedRollback) {
    Progress recording(DigestPromotions next, Seq<DigestPromotionEvent> events) {
      return new Progress(next, report.recording(events), openedRollback);
    }
  }

  /** Syncs for {@code actor} (the audit entry's); a revert commit it writes is authored by {@code author}. */
  Either<UseCaseFailure<NoRefusal>, PromotionSync> run(Actor actor, CommitAuthor author) {
    return PortCalls.<NoRefusal, Seq<String>>unavailable(ports.branches().removeAbandonedLocks())
        .flatMap(removed -> synced(actor, author).flatMap(report -> removed.isEmpty()
            ? Either.right(report)
            : transaction.<NoRefusal, PromotionSync>run(actor, (promotions, attempt) -> Either.right(Decision.record(
                    new DigestChange(promotions, List.empty()), "Synced the digest promotions: " + removed.mkString(" "), report)))
                .map(recorded -> recorded.afterRemoving(removed))));
  }

  private Either<UseCaseFailure<NoRefusal>, PromotionSync> synced(Actor actor, CommitAuthor author) {
    return transaction.<NoRefusal, Progress>run(actor, (promotions, attempt) -> decide(promotions, author))
        .flatMap(first -> first.openedRollback()
            ? transaction.<NoRefusal, Progress>run(actor, (promotions, attempt) -> decide(promotions, author))
                .map(second -> new PromotionSync(first.report().events().appendAll(second.report().events()),
                    first.report().closed().appendAll(second.report().closed()), second.report().waiting()))
            : Either.right(first.report()));
  }

  private Either<UseCaseFailure<NoRefusal>, Decision<DigestChange, Progress>> decide(DigestPromotions promotions, CommitAuthor author) {
    Progress start = new Progress(promotions, PromotionSync.NOTHING, false);
    return promotions.latest().keySet().toList()
        .foldLeft(Either.<UseCaseFailure<NoRefusal>, Progress>right(start),
            (progress, target) -> progress.flatMap(done -> advance(done, target, author)))
        .flatMap(this::repair)
        .flatMap(done -> done.report().events().isEmpty()
            ? Either.right(Decision.keep(done))
            : DigestChange.decide(promotions, done.report().events(), "Synced the digest promotions", next -> done));
  }

  /** Takes {@code target}'s promotion one step on by itself, unless it waits or needs a person. */
  private Either<UseCaseFailure<NoRefusal>, Progress> advance(Progress progress, PromotionTarget target, CommitAuthor author) {
    return progress.current().sync(target).fold(() -> Either.right(progress), need ->
        PortCalls.<NoRefusal, Either<Option<RollbackWaiting>, CompletionStep>>unavailable(outcome(need))
            .flatMap(outcome -> outcome.fold(
                waiting -> Either.right(new Progress(progress.current(), progress.report().waiting(waiting), progress.openedRollback())),
                step -> PortCalls.<NoRefusal, Seq<DigestPromotionEvent>>unavailable(writes.carry(step, author))
                    .flatMap(events -> DigestChange.<NoRefusal>after(progress.current(), events)
                        .map(moved -> new Progress(moved, progress.report().recording(events),
                            progress.openedRollback() || step.fold(merge -> false, record -> false, rollBack -> true, done -> false)))))));
  }

  /** The step a need decides once its evidence is read, or, when it must wait, the note a waiting rollback leaves. */
  private Either<PortFailure, Either<Option<RollbackWaiting>, CompletionStep>> outcome(CompletionNeed need) {
    Instant now = time.now();
    return need.fold(
        nothing -> Either.right(Either.right(nothing.step())),
        prState -> evidence.prState(prState).map(state -> Either.right(prState.decide(state, now))),
        gate -> evidence.gate(gate.question()).map(observed -> gate.decide(observed, now).mapLeft(gate::waiting)),
        verdict -> evidence.verdict(verdict).map(seen -> verdict.decide(seen, now).mapLeft(running -> Option.none())));
  }

  /** Adopts or closes every unrecorded promotion and rollback PR (one listing of the open PRs). */
  private Either<UseCaseFailure<NoRefusal>, Progress> repair(Progress progress) {
    return PortCalls.<NoRefusal, Seq<UnrecordedPr>>unavailable(
            ports.openPullRequests().listOpen().map(open -> progress.current().unrecorded(gitopsBranch, open)))
        .flatMap(unrecorded -> unrecorded.isEmpty()
            ? Either.right(progress)
            : PortCalls.<NoRefusal, PinSnapshot>unavailable(ports.pins().current()).flatMap(snapshot -> unrecorded.foldLeft(
                Either.<UseCaseFailure<NoRefusal>, Progress>right(progress),
                (so, pr) -> so.flatMap(done -> adoptOrClose(done, snapshot, pr)))));
  }

  private Either<UseCaseFailure<NoRefusal>, Progress> adoptOrClose(Progress progress, PinSnapshot snapshot, UnrecordedPr pr) {
    PromotionTarget target = pr.target();
    return PortCalls.<NoRefusal, Either<UnrecordedPrNote, Seq<DigestPromotionEvent>>>unavailable(
            evidence.sourceStatuses(target.environment(), target.service()).flatMap(statuses ->
                ports.pins().diff(pr.head(), layout.pinPath(target.environment(), target.service()), layout.key())
                    .map(diff -> progress.current().adopt(snapshot.reading(layout), statuses, pr, diff))))
        .flatMap(decided -> decided.fold(
            note -> PortCalls.<NoRefusal, Object>unavailable(writes.close(pr.pr()).map(closed -> closed))
                .map(closed -> new Progress(progress.current(), progress.report().closing(note), progress.openedRollback())),
            events -> DigestChange.<NoRefusal>after(progress.current(), events).map(adopted -> progress.recording(adopted, events))));
  }
}
