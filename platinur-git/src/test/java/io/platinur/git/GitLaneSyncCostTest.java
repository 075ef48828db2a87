package io.platinur.git;

import static io.platinur.git.Fixtures.AUTHOR;
import static io.platinur.git.Fixtures.writing;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.lane.StagingLaneService;
import io.platinur.application.lane.SyncResult;
import io.platinur.domain.Actor;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sync Promotions of an unchanged lane on plain Git, counted in ref reads and ref moves: each of
 * the lane's refs (its state, the staging and the production branch) is read once and nothing is
 * written, however many promotions the lane went through before.
 */
class GitLaneSyncCostTest {
  @TempDir Path dir;
  GitStaging git;
  InstrumentedRepo repo;
  StagingLaneService lane;
  int released;

  @BeforeEach
  void start() {
    Fixtures.init(dir).close();
    InstrumentedRepo.Lane watched = InstrumentedRepo.open(dir.resolve("lane.git"), Fixtures.CONFIG);
    git = watched.git();
    repo = watched.repo();
    lane = GitCrashTest.service(git);
  }

  @AfterEach
  void repository_stays_valid() {
    git.close();
    new GitCli(dir.resolve("lane.git")).assertFsckClean();
  }

  /** One promotion of one proposal: apply, open the promotion PR, merge it (which syncs). */
  void release() {
    int n = ++released;
    lane.apply(writing("r-" + n, "Release " + n, "models/r" + n + ".sql"), AUTHOR).get();
    lane.openPromotionPr(Actor.of("ada")).get();
    lane.mergePromotionPr(Actor.of("ada")).get();
  }

  /** The lane's own refs read, and the ref moves made, by one sync. */
  Map<String, Long> syncCost() {
    int saved = git.laneStateStore().history().get().size();
    Map<String, Long> before = repo.reads();
    long movesBefore = repo.moves();

    SyncResult synced = lane.syncPromotions(Actor.of("ada")).get();

    Map<String, Long> after = repo.reads();
    assertThat(synced.events()).isEmpty();
    assertThat(git.laneStateStore().history().get()).hasSize(saved);
    return HashMap.of(
        "state", after.get(Fixtures.CONFIG.laneStateRef()).getOrElse(0L) - before.get(Fixtures.CONFIG.laneStateRef()).getOrElse(0L),
        "staging", after.get("refs/heads/staging").getOrElse(0L) - before.get("refs/heads/staging").getOrElse(0L),
        "production", after.get("refs/heads/main").getOrElse(0L) - before.get("refs/heads/main").getOrElse(0L),
        "moves", repo.moves() - movesBefore);
  }

  static final Map<String, Long> ONCE_EACH_NOTHING_WRITTEN = HashMap.of("state", 1L, "staging", 1L, "production", 1L, "moves", 0L);

  @Test
  void sync_of_an_unchanged_lane_reads_the_state_and_each_head_once_and_moves_no_ref() {
    lane.apply(writing("p-1", "Orders", "models/orders.sql"), AUTHOR).get();
    lane.syncPromotions(Actor.of("ada")).get();

    assertThat(syncCost()).isEqualTo(ONCE_EACH_NOTHING_WRITTEN);
  }

  @Test
  void after_more_promotions_sync_of_an_unchanged_lane_reads_and_writes_no_more() {
    release();
    lane.apply(writing("p-1", "Orders", "models/orders.sql"), AUTHOR).get();
    lane.syncPromotions(Actor.of("ada")).get();
    Map<String, Long> afterOne = syncCost();
    long allReadsAfterOne = allReadsOfOneSync();

    lane.unapply(io.platinur.domain.proposal.ProposalId.of("p-1"), AUTHOR).get();
    for (int k = 0; k < 5; k++) {
      release();
    }
    lane.apply(writing("p-2", "Customers", "models/customers.sql"), AUTHOR).get();
    lane.syncPromotions(Actor.of("ada")).get();

    assertThat(syncCost()).isEqualTo(afterOne).isEqualTo(ONCE_EACH_NOTHING_WRITTEN);
    // every ref read, the pull-request host's included, does not grow with the promotions either
    assertThat(allReadsOfOneSync()).isEqualTo(allReadsAfterOne);
  }

  long allReadsOfOneSync() {
    long before = repo.reads().values().sum().longValue();
    lane.syncPromotions(Actor.of("ada")).get();
    return repo.reads().values().sum().longValue() - before;
  }
}
