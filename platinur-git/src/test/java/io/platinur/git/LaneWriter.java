package io.platinur.git;

import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.lane.ApplyRejection;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import java.time.Instant;

/**
 * What a host does to apply one proposal: the apply use case on this repository's lane (load,
 * check, write the commit, save with compare-and-swap, and on a lost race decide again from a
 * fresh read, bounded), with the outcome as a small value the tests can compare across JVMs.
 */
final class LaneWriter {
  static final int ATTEMPTS = 400;
  private static final Instant NOON = Instant.parse("2026-11-24T12:00:00Z");

  sealed interface Outcome permits Applied, Rejected, Failed {}

  record Applied(CommitId commit) implements Outcome {}

  record Rejected(ApplyRejection rejection) implements Outcome {}

  record Failed(PortFailure failure) implements Outcome {}

  private LaneWriter() {}

  static Outcome apply(GitStaging git, Proposal proposal, String actor) {
    StagingLaneService lane = new StagingLaneService(LaneServiceWorkers.LANE, git.staging(), git.laneStateStore(),
        git.offlineHost().pullRequests(), () -> NOON).withMaxAttempts(ATTEMPTS);
    return lane.apply(proposal, new CommitAuthor(actor, actor + "@example.com", NOON)).fold(
        failure -> failure.<Outcome>fold(Rejected::new, Failed::new),
        staged -> new Applied(staged.commit()));
  }
}
