package io.platinur.git;

import static io.platinur.git.Fixtures.writing;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.application.lane.SyncResult;
import io.platinur.domain.Actor;
import io.platinur.domain.sync.SyncNote;
import io.platinur.port.PortFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Git {@code .lock} file left by a writer that crashed: reported at once as what it is (the file
 * and its age) instead of being retried as a race, and removed by Sync Promotions once it is older
 * than the stale age, with an entry in the lane's history.
 */
class GitLockFileTest {
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  @TempDir Path dir;
  GitStaging git;
  GitCli cli;
  StagingLaneService lane;
  Path lock;

  @BeforeEach
  void start() {
    git = Fixtures.init(dir);
    cli = new GitCli(dir.resolve("lane.git"));
    lane = new StagingLaneService(LaneServiceWorkers.LANE, git.staging(), git.laneStateStore(), git.offlineHost().pullRequests(), () -> NOW);
    lock = dir.resolve("lane.git/refs/heads/staging.lock");
  }

  @AfterEach
  void close() {
    git.close();
  }

  void leaveLock(long secondsAgo) throws Exception {
    Files.writeString(lock, "");
    Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
  }

  PortFailure unavailable(UseCaseFailure<?> failure) {
    assertThat(failure).isInstanceOf(UseCaseFailure.Unavailable.class);
    return ((UseCaseFailure.Unavailable) failure).failure();
  }

  @Test
  void a_lock_held_longer_than_a_write_is_reported_at_once_with_its_age_and_nothing_moves() throws Exception {
    String refs = cli.run("for-each-ref");
    leaveLock(30);

    long started = System.nanoTime();
    PortFailure failure = unavailable(lane.apply(writing("p-1", "Orders", "models/orders.sql"), Fixtures.AUTHOR).getLeft());
    long tookMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(failure.kind()).isEqualTo(PortFailure.Kind.UNAVAILABLE);
    assertThat(failure.message()).matches("Lock file refs/heads/staging\\.lock is held \\(3\\d s old\\): another Git process is writing "
        + "to the repository, or one crashed\\. Try again shortly; once it is 2 min old, Sync Promotions removes it\\.");
    // One look, no retries: far below one JGit lock retry round (3.1 s), let alone eight of them.
    assertThat(tookMillis).isLessThan(3000);
    assertThat(cli.run("for-each-ref")).isEqualTo(refs);

    // Younger than the stale age, Sync Promotions leaves it where it is, and says so the same way.
    assertThat(unavailable(lane.syncPromotions(Actor.of("ada")).getLeft()).message().replaceFirst("\\d+ s old", "N s old"))
        .isEqualTo(failure.message().replaceFirst("\\d+ s old", "N s old"));
    assertThat(lock).exists();
    assertThat(cli.run("for-each-ref")).isEqualTo(refs);
  }

  @Test
  void sync_removes_a_lock_older_than_the_stale_age_records_it_and_the_lane_works_again() throws Exception {
    lane.apply(writing("p-1", "Orders", "models/orders.sql"), Fixtures.AUTHOR).get();
    leaveLock(3600);
    String refs = cli.run("for-each-ref");

    PortFailure failure = unavailable(lane.apply(writing("p-2", "Revenue", "marts/revenue.sql"), Fixtures.AUTHOR).getLeft());
    assertThat(failure.kind()).isEqualTo(PortFailure.Kind.REPOSITORY_DAMAGED);
    assertThat(failure.message()).isEqualTo(
        "Lock file refs/heads/staging.lock was left behind 60 min ago, probably by a crashed process. Sync Promotions removes it.");
    assertThat(cli.run("for-each-ref")).isEqualTo(refs);

    SyncResult synced = lane.syncPromotions(Actor.of("ada")).get();

    assertThat(synced.notes().map(SyncNote::message)).containsExactly("Removed lock file refs/heads/staging.lock, left behind 60 min ago by a crashed writer.");
    assertThat(lock).doesNotExist();
    assertThat(lane.history().get().last().audit().action())
        .isEqualTo("Sync Promotions: Removed lock file refs/heads/staging.lock, left behind 60 min ago by a crashed writer.");
    assertThat(lane.history().get().last().audit().actor().name()).isEqualTo("ada");
    assertThat(lane.apply(writing("p-2", "Revenue", "marts/revenue.sql"), Fixtures.AUTHOR).isRight()).isTrue();
    assertThat(cli.run("log", "--reverse", "--format=%s", "main..staging")).isEqualTo("Orders\nRevenue\n");
    cli.assertFsckClean();
  }
}
