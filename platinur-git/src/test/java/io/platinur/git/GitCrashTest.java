package io.platinur.git;

import static io.platinur.git.Fixtures.AUTHOR;
import static io.platinur.git.Fixtures.writing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.application.lane.StagingLaneService;
import io.platinur.application.lane.SyncResult;
import io.platinur.domain.Actor;
import io.platinur.domain.lane.RejectionReason;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.StagingRepository.RecordedBatch;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process dies after each write step of an apply. Whatever it left, the next process reads back a
 * consistent lane (stored state and staging branch agree) and finishes the apply: no proposal lost,
 * none doubled.
 */
class GitCrashTest {
  static final class SimulatedCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(String step) {
      super("process died after step " + step);
    }
  }

  @TempDir Path dir;
  Path repo;
  Proposal next = writing("p-1", "Revenue", "marts/revenue.sql");

  @BeforeEach
  void a_lane_with_one_staged_proposal() {
    Fixtures.init(dir).close();
    repo = dir.resolve("lane.git");
    try (GitStaging git = open()) {
      assertThat(LaneWriter.apply(git, writing("p-0", "Orders", "models/orders.sql"), "ada")).isInstanceOf(LaneWriter.Applied.class);
    }
  }

  GitStaging open() {
    return GitStaging.open(repo, Fixtures.CONFIG).get();
  }

  @Nested
  class When_the_process_dies {

    @Test
    void after_writing_the_proposal_commit_the_lane_is_unchanged_and_a_retry_applies_it_once() {
      try (GitStaging git = open()) {
        CommitId head = git.staging().heads().get().staging();
        git.staging().writeProposalCommit(head, next, AUTHOR).get();
        // dies here: the commit exists, nothing points at it
      }
      assertConsistent("p-0");

      retryApplies();
      assertConsistent("p-0", "p-1");
    }

    @Test
    void after_writing_the_lane_objects_before_any_ref_moved_the_lane_is_unchanged_and_a_retry_applies_it_once() {
      InstrumentedRepo.Lane watched = InstrumentedRepo.open(repo, Fixtures.CONFIG);
      try (GitStaging git = watched.git()) {
        watched.repo().crashAt(step -> {
          if (step.equals("objects-written")) {
            throw new SimulatedCrash(step);
          }
        });
        assertThatThrownBy(() -> LaneWriter.apply(git, next, "ada")).isInstanceOf(SimulatedCrash.class);
      }
      assertConsistent("p-0");

      retryApplies();
      assertConsistent("p-0", "p-1");
    }

    @Test
    void after_moving_both_refs_before_answering_the_proposal_is_staged_and_a_retry_does_not_double_it() {
      InstrumentedRepo.Lane watched = InstrumentedRepo.open(repo, Fixtures.CONFIG);
      try (GitStaging git = watched.git()) {
        watched.repo().crashAt(step -> {
          if (step.equals("refs-moved")) {
            throw new SimulatedCrash(step);
          }
        });
        assertThatThrownBy(() -> LaneWriter.apply(git, next, "ada")).isInstanceOf(SimulatedCrash.class);
      }
      assertConsistent("p-0", "p-1");

      try (GitStaging git = open()) {
        LaneWriter.Outcome retry = LaneWriter.apply(git, next, "ada");
        assertThat(retry).isInstanceOfSatisfying(LaneWriter.Rejected.class,
            r -> assertThat(r.rejection().reason()).isEqualTo(RejectionReason.ALREADY_STAGED));
      }
      assertConsistent("p-0", "p-1");
    }

    @Test
    void with_only_the_staging_branch_moved_the_lane_is_re_derived_from_git_and_nothing_is_lost() {
      try (GitStaging git = open()) {
        // what a crash between two separate ref updates leaves: the branch moved, the state did not
        CommitId head = git.staging().heads().get().staging();
        CommitId commit = git.staging().writeProposalCommit(head, next, AUTHOR).get();
        git.staging().moveStaging(head, commit).get();
      }

      try (GitStaging git = open()) {
        StagingLaneService lane = service(git);
        SyncResult synced = lane.syncPromotions(Actor.of("sync")).get();
        assertThat(synced.repaired()).isTrue();
        assertThat(synced.lane().batch().proposals().map(p -> p.id().value())).containsExactly("p-0", "p-1");
        assertThat(git.laneStateStore().history().get().last().audit().action()).isEqualTo("Sync Promotions repaired the lane from Git");
        // a second sync finds nothing to do and writes nothing
        int saves = git.laneStateStore().history().get().size();
        assertThat(lane.syncPromotions(Actor.of("sync")).get().lane()).isEqualTo(synced.lane());
        assertThat(git.laneStateStore().history().get()).hasSize(saves);
      }
      assertConsistent("p-0", "p-1");

      try (GitStaging git = open()) {
        assertThat(LaneWriter.apply(git, writing("p-2", "Churn", "marts/churn.sql"), "ada")).isInstanceOf(LaneWriter.Applied.class);
      }
      assertConsistent("p-0", "p-1", "p-2");
    }

    @Test
    void with_only_the_staging_branch_moved_the_next_writer_reconciles_on_its_own() {
      try (GitStaging git = open()) {
        CommitId head = git.staging().heads().get().staging();
        CommitId commit = git.staging().writeProposalCommit(head, next, AUTHOR).get();
        git.staging().moveStaging(head, commit).get();
      }

      try (GitStaging git = open()) {
        assertThat(LaneWriter.apply(git, writing("p-2", "Churn", "marts/churn.sql"), "ada")).isInstanceOf(LaneWriter.Applied.class);
        assertThat(LaneWriter.apply(git, writing("p-3", "Twice", "marts/revenue.sql"), "ada"))
            .isInstanceOfSatisfying(LaneWriter.Rejected.class,
                r -> assertThat(r.rejection().reason()).isEqualTo(RejectionReason.FILE_OVERLAP));
      }
      assertConsistent("p-0", "p-1", "p-2");
    }
  }

  static StagingLaneService service(GitStaging git) {
    return new StagingLaneService(LaneServiceWorkers.LANE, git.staging(), git.laneStateStore(), git.offlinePullRequests(),
        () -> Instant.parse("2026-11-24T13:00:00Z"));
  }

  void retryApplies() {
    try (GitStaging git = open()) {
      assertThat(LaneWriter.apply(git, next, "ada")).isInstanceOf(LaneWriter.Applied.class);
    }
  }

  /** A fresh process reads back the lane: state and branch agree, exactly these proposals, in order. */
  void assertConsistent(String... ids) {
    try (GitStaging git = open()) {
      RecordedBatch batch = git.staging().readBatch().get();
      StagingLane lane = git.laneStateStore().load().get().get().lane();
      assertThat(batch.proposals().map(p -> p.id().value())).containsExactly(ids);
      assertThat(lane.batch().proposals()).containsExactlyElementsOf(batch.proposals());
      assertThat(lane.stagingHead()).isEqualTo(git.staging().heads().get().staging());
    }
    GitCli cli = new GitCli(repo);
    assertThat(cli.log("main..staging")).hasSize(ids.length);
    cli.assertFsckClean();
  }
}
