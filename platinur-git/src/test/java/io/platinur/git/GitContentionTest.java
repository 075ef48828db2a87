package io.platinur.git;

import static io.platinur.git.Fixtures.AUTHOR;
import static io.platinur.git.Fixtures.writing;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.lane.ApplyRejection;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.proposal.ProposalId;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight hosts on one lane (threads, each with its own {@code GitStaging}), started together, apply
 * non-overlapping proposals with the services' default bound and {@link GitStaging#retryBackoff()}:
 * no {@code CONFLICT} reaches a caller, every apply is staged exactly once, retries were taken
 * (the hosts did race) and counted, and {@code git fsck --strict} finds nothing wrong.
 */
class GitContentionTest {
  private static final int HOSTS = 8;
  private static final Instant NOW = Instant.parse("2026-12-02T02:00:00Z");

  @TempDir Path dir;

  @Test
  void eight_hosts_on_one_bare_repository_see_no_conflict() throws Exception {
    Fixtures.init(dir).close();
    Path bare = dir.resolve("lane.git");
    assertEightHostsApply(4, host -> GitStaging.open(bare, Fixtures.CONFIG).getOrElseThrow(f -> new AssertionError(f.toString())));
    new GitCli(bare).assertFsckClean();
  }

  @Test
  void eight_hosts_sharing_a_remote_see_no_conflict() throws Exception {
    Fixtures.init(dir).close();
    assertEightHostsApply(1, host -> GitRemoteTest.host(dir, "host" + host));
    new GitCli(dir.resolve("lane.git")).assertFsckClean();
  }

  private void assertEightHostsApply(int appliesEach, Function<Integer, GitStaging> open) throws Exception {
    java.util.List<GitStaging> hosts = new ArrayList<>();
    java.util.List<StagingLaneService> lanes = new ArrayList<>();
    for (int h = 0; h < HOSTS; h++) {
      GitStaging git = open.apply(h);
      hosts.add(git);
      lanes.add(new StagingLaneService(LaneServiceWorkers.LANE, git.staging(), git.laneStateStore(), git.offlineHost().pullRequests(), () -> NOW)
          .withBackoff(git.retryBackoff()));
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(HOSTS);
    try {
      java.util.List<Future<List<Either<UseCaseFailure<ApplyRejection>, StagedProposal>>>> runs = new ArrayList<>();
      for (int h = 0; h < HOSTS; h++) {
        int host = h;
        runs.add(pool.submit(() -> {
          start.await();
          List<Either<UseCaseFailure<ApplyRejection>, StagedProposal>> outcomes = List.empty();
          for (int i = 0; i < appliesEach; i++) {
            outcomes = outcomes.append(lanes.get(host).apply(
                writing("h" + host + "-" + i, "Host " + host + " change " + i, "models/h" + host + "/f" + i + ".sql"), AUTHOR));
          }
          return outcomes;
        }));
      }
      start.countDown();
      List<Either<UseCaseFailure<ApplyRejection>, StagedProposal>> outcomes = List.empty();
      for (Future<List<Either<UseCaseFailure<ApplyRejection>, StagedProposal>>> run : runs) {
        outcomes = outcomes.appendAll(run.get(120, TimeUnit.SECONDS));
      }

      assertThat(outcomes.filter(Either::isLeft).map(Either::getLeft).map(UseCaseFailure::message)).isEmpty();
      StagingLane lane = lanes.get(0).lane().get();
      assertThat(lane.batch().proposals().map(StagedProposal::id))
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(outcomes.map(Either::get).map(StagedProposal::id))
          .hasSize(HOSTS * appliesEach);
      assertThat(lane.batch().proposals().map(StagedProposal::id)).contains(ProposalId.of("h7-" + (appliesEach - 1)));
      assertThat(lanes.stream().mapToLong(StagingLaneService::retriesTaken).sum())
          .as("eight hosts started together lost some races")
          .isPositive();
    } finally {
      pool.shutdownNow();
      hosts.forEach(GitStaging::close);
    }
  }
}
