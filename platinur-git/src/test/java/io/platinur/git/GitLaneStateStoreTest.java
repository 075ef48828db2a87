package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.platinur.port.AuditEntry;
import io.platinur.port.LaneStateStore.LaneVersion;
import io.platinur.port.LaneStateStore.StoredLane;
import io.platinur.port.LaneStateStore;
import io.platinur.port.PortFailure;
import io.platinur.port.StagingRepository;
import io.platinur.testkit.contract.LaneStateStoreContract;
import io.vavr.Tuple3;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitLaneStateStoreTest extends LaneStateStoreContract {
  @TempDir Path dir;
  GitStaging git;
  GitCli cli;

  @Override
  protected World newWorld() {
    git = Fixtures.init(dir);
    cli = new GitCli(dir.resolve("lane.git"));
    return new World() {
      @Override
      public LaneStateStore store() {
        return git.laneStateStore();
      }

      @Override
      public StagingRepository staging() {
        return git.staging();
      }

      @Override
      public void close() {
        git.close();
      }
    };
  }

  @AfterEach
  void repository_stays_valid_and_the_state_ref_agrees_with_the_branch() {
    cli.assertFsckClean();
    // Tests that move staging by hand (a "Stranger" commit) or write a junk state check their own outcome.
    boolean movedByHand = cli.run("log", "-1", "--format=%s", "staging").strip().equals("Stranger");
    if (!movedByHand && cli.tryRun("rev-parse", "--verify", "--quiet", "refs/platinur/lanes/staging").exit() == 0
        && !cli.run("log", "-1", "--format=%s", "refs/platinur/lanes/staging").strip().equals("junk")) {
      try (GitStaging reopened = GitStaging.open(dir.resolve("lane.git"), Fixtures.CONFIG).get()) {
        StagingLane stored = ok(reopened.laneStateStore().load()).get().lane();
        assertThat(cli.revParse("staging")).isEqualTo(stored.stagingHead().hex());
      }
    }
  }

  @Test
  void keeps_the_state_as_a_commit_chain_git_can_list() {
    Staged first = stage(StagingLane.start(production), "p-1", "Orders", "models/orders.sql");
    StoredLane v1 = ok(store.save(Option.none(), first.lane(), first.events(), AUDIT));
    Staged second = stage(first.lane(), "p-2", "Revenue", "marts/revenue.sql");
    StoredLane v2 = ok(store.save(Option.some(v1.version()), second.lane(), second.events(), AUDIT));

    assertThat(cli.log("refs/platinur/lanes/staging")).containsExactly(v1.version().token(), v2.version().token());
    assertThat(cli.run("log", "-1", "--format=%B", "refs/platinur/lanes/staging"))
        .startsWith("Lane staging: Apply to Staging")
        .contains("actor\tada")
        .contains("event\tstaged\tp-2\t" + second.lane().stagingHead().hex() + "\tRevenue\tmarts/revenue.sql");
  }

  @Test
  void a_save_writes_only_the_entries_of_the_lane_that_changed() {
    StagingLane lane = StagingLane.start(production);
    Option<LaneVersion> version = Option.none();
    for (int i = 0; i < 3; i++) {
      Staged next = stage(lane, "p-" + i, "Model " + i, "models/m" + i + ".sql");
      lane = next.lane();
      version = Option.some(ok(store.save(version, lane, next.events(), AUDIT)).version());
    }
    String before = version.get().token();
    Staged fourth = stage(lane, "p-3", "Model 3", "models/m3.sql");
    String after = ok(store.save(version, fourth.lane(), fourth.events(), AUDIT)).version().token();

    // the new proposal's entry, and the head record naming the new staging head
    assertThat(cli.run("diff-tree", "-r", "--name-only", before + "^{tree}", after + "^{tree}").strip().split("\n"))
        .containsExactly("batch/000/003", "lane");
    assertThat(cli.run("ls-tree", "-r", "--name-only", after).strip().split("\n"))
        .containsExactly("batch/000/000", "batch/000/001", "batch/000/002", "batch/000/003", "lane");
  }

  @Test
  void another_store_on_the_same_repository_follows_every_save() {
    try (GitStaging other = GitStaging.open(dir.resolve("lane.git"), Fixtures.CONFIG).get()) {
      LaneStateStore follower = other.laneStateStore();
      StagingLane lane = StagingLane.start(production);
      Option<LaneVersion> version = Option.none();
      for (int i = 0; i < 4; i++) {
        Staged next = stage(lane, "p-" + i, "Model " + i, "models/m" + i + ".sql");
        lane = next.lane();
        version = Option.some(ok(store.save(version, lane, next.events(), AUDIT)).version());
        assertThat(ok(follower.load()).get().lane()).isEqualTo(lane);
      }
      Seq<LaneEvent> opened = lane.openPromotionPr(io.platinur.domain.forge.PullRequestNumber.of(1)).get();
      StagingLane locked = lane.after(opened).get();
      Seq<LaneEvent> merged = locked.promotionPrMerged(io.platinur.domain.forge.PullRequestNumber.of(1), locked.stagingHead()).get();
      StagingLane awaiting = locked.after(merged).get();
      Seq<LaneEvent> synced = awaiting.sync(lane.stagingHead());
      StagingLane released = awaiting.after(synced).get();
      // the follower saves this time, from the state it last read
      StoredLane saved = ok(follower.save(version, released, opened.appendAll(merged).appendAll(synced), AUDIT));

      StoredLane loaded = ok(store.load()).get();
      assertThat(loaded).isEqualTo(saved);
      assertThat(loaded.lane().deployed()).hasSize(4);
      assertThat(loaded.lane().batch().isEmpty()).isTrue();
      assertThat(cli.run("ls-tree", "-r", "--name-only", saved.version().token()).strip().split("\n"))
          .hasSize(5).contains("lane").noneMatch(path -> path.startsWith("batch/"));
    }
  }

  @Test
  void a_stale_lock_on_the_state_ref_is_reported_and_nothing_moves() throws Exception {
    Staged first = stage(StagingLane.start(production), "p-1", "Orders", "models/orders.sql");
    Path lock = dir.resolve("lane.git/refs/platinur/lanes/staging.lock");
    Files.createDirectories(lock.getParent());
    Files.writeString(lock, "");
    Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(3600)));

    PortFailure failure = failed(store.save(Option.none(), first.lane(), first.events(), AUDIT));

    Files.delete(lock);
    assertThat(failure.kind()).isEqualTo(PortFailure.Kind.REPOSITORY_DAMAGED);
    assertThat(ok(store.load())).isEmpty();
    assertThat(cli.revParse("staging")).isEqualTo(production.hex());
  }

  @Test
  void a_damaged_state_is_reported_not_guessed() {
    String blob = cli.runWithInput("not a lane\n", "hash-object", "-w", "--stdin").strip();
    String tree = cli.runWithInput("100644 blob " + blob + "\tlane\n", "mktree").strip();
    String commit = cli.run("commit-tree", tree, "-m", "junk").strip();
    cli.run("update-ref", "refs/platinur/lanes/staging", commit);

    PortFailure failure = failed(store.load());

    assertThat(failure.kind()).isEqualTo(PortFailure.Kind.REPOSITORY_DAMAGED);
  }
}
