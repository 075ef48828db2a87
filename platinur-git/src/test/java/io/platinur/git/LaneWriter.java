package io.platinur.git;

import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.Rejection;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.repository.BranchHeads;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.AuditEntry;
import io.platinur.port.LaneStateStore;
import io.platinur.port.LaneStateStore.StoredLane;
import io.platinur.port.PortFailure;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a host does to apply one proposal, as the issue spells it: load the lane, check, write the
 * commit, save with compare-and-swap, and on a lost race start again from a fresh read (bounded).
 */
final class LaneWriter {
  static final int ATTEMPTS = 400;

  sealed interface Outcome permits Applied, Rejected, Failed {}

  record Applied(CommitId commit, int attempts) implements Outcome {}

  record Rejected(Rejection rejection) implements Outcome {}

  record Failed(PortFailure failure) implements Outcome {}

  private LaneWriter() {}

  static Outcome apply(GitStaging git, Proposal proposal, String actor) {
    LaneStateStore store = git.laneStateStore();
    PortFailure last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Either<PortFailure, Option<StoredLane>> loaded = store.load();
      Either<PortFailure, BranchHeads> heads = git.staging().heads();
      if (loaded.isLeft() || heads.isLeft()) {
        last = loaded.isLeft() ? loaded.getLeft() : heads.getLeft();
      } else {
        StagingLane lane = loaded.get().map(StoredLane::lane).getOrElse(() -> StagingLane.start(heads.get().production()));
        if (loaded.get().isDefined() && !lane.stagingHead().equals(heads.get().staging())) {
          // Either a save landed between the two reads (the next round sees it) or the branch moved
          // alone; reconcile settles the second case and is a no-op or a conflict in the first.
          Either<PortFailure, StoredLane> reconciled = git.reconcileLane(audit(actor, "Reconcile lane with the staging branch"));
          last = reconciled.isLeft() ? reconciled.getLeft() : PortFailure.of(PortFailure.Kind.CONFLICT, "re-read");
          if (!last.isConflict()) {
            return new Failed(last);
          }
          continue;
        }
        Either<Rejection, Proposal> checked = lane.checkApply(proposal);
        if (checked.isLeft()) {
          return new Rejected(checked.getLeft());
        }
        CommitAuthor author = new CommitAuthor(actor, actor + "@example.com", Instant.parse("2026-11-24T12:00:00Z"));
        Either<PortFailure, CommitId> commit = git.staging().writeProposalCommit(lane.stagingHead(), proposal, author);
        if (commit.isLeft()) {
          return new Failed(commit.getLeft());
        }
        Seq<LaneEvent> events = lane.apply(proposal, commit.get()).get();
        Either<PortFailure, StoredLane> saved = store.save(
            loaded.get().map(StoredLane::version), lane.after(events), events,
            audit(actor, "Apply " + proposal.id() + " to Staging"));
        if (saved.isRight()) {
          return new Applied(commit.get(), attempt);
        }
        last = saved.getLeft();
      }
      if (!last.isConflict()) {
        return new Failed(last);
      }
      backOff(attempt);
    }
    return new Failed(last);
  }

  private static AuditEntry audit(String actor, String action) {
    return new AuditEntry(actor, Instant.parse("2026-11-24T12:00:00Z"), action);
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(1, 2 + Math.min(attempt, 20)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
