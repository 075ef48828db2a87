package io.platinur.git;

import static io.platinur.git.Fixtures.writing;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.Actor;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.RejectionReason;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.AuditEntry;
import io.platinur.port.LaneStateStore.StoredLane;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole release on plain Git: stage, open the promotion PR, merge it, sync, and start again. */
class GitLifecycleTest {
  static final AuditEntry AUDIT = new AuditEntry(Actor.of("ada"), Instant.parse("2026-11-24T12:00:00Z"), "step");

  @TempDir Path dir;
  GitStaging git;
  GitCli cli;

  @BeforeEach
  void start() {
    git = Fixtures.init(dir);
    cli = new GitCli(dir.resolve("lane.git"));
  }

  @AfterEach
  void repository_stays_valid() {
    git.close();
    cli.assertFsckClean();
  }

  StoredLane stored() {
    return git.laneStateStore().load().get().get();
  }

  StoredLane save(StoredLane from, Seq<LaneEvent> events) {
    return git.laneStateStore().save(Option.some(from.version()), from.lane().after(events).get(), events, AUDIT).get();
  }

  @Test
  void a_merged_promotion_once_synced_resets_staging_to_production_and_marks_the_batch_deployed() {
    assertThat(LaneWriter.apply(git, writing("p-1", "Orders", "models/orders.sql"), "ada")).isInstanceOf(LaneWriter.Applied.class);
    assertThat(LaneWriter.apply(git, writing("p-2", "Revenue", "marts/revenue.sql"), "ada")).isInstanceOf(LaneWriter.Applied.class);
    CommitId stagedHead = stored().lane().stagingHead();

    PromotionPullRequest pr = git.offlineHost().pullRequests().openPromotionPr(Fixtures.STAGING, Fixtures.MAIN, "Promote", "").get();
    StoredLane locked = save(stored(), stored().lane().openPromotionPr(pr.number()).get());
    assertThat(LaneWriter.apply(git, writing("p-3", "Late", "late.sql"), "ada")).isInstanceOfSatisfying(LaneWriter.Rejected.class,
        r -> assertThat(r.rejection().reason()).isEqualTo(RejectionReason.PROMOTION_PR_OPEN));

    CommitId merge = git.offlineHost().pullRequests().merge(pr.number(), stagedHead).get();
    assertThat(git.offlineHost().pullRequests().state(pr.number()).get()).isEqualTo(new PullRequestState.Merged(merge));
    StoredLane awaiting = save(locked, locked.lane().promotionPrMerged(pr.number(), merge).get());

    CommitId production = git.staging().heads().get().production();
    assertThat(git.staging().isAncestor(merge, production).get()).isTrue();
    StoredLane synced = save(awaiting, awaiting.lane().sync(production));

    StagingLane lane = synced.lane();
    assertThat(cli.revParse("staging")).isEqualTo(cli.revParse("main")).isEqualTo(merge.hex());
    assertThat(git.staging().readBatch().get().proposals()).isEmpty();
    assertThat(lane.batch().isEmpty()).isTrue();
    assertThat(lane.deployed()).containsExactlyInAnyOrder(ProposalId.of("p-1"), ProposalId.of("p-2"));
    assertThat(cli.run("ls-tree", "-r", "--name-only", "main").lines().toList())
        .containsExactly("README.md", "marts/revenue.sql", "models/orders.sql");

    // the next batch starts on the new production head
    assertThat(LaneWriter.apply(git, writing("p-3", "Late", "late.sql"), "ada")).isInstanceOf(LaneWriter.Applied.class);
    assertThat(git.staging().readBatch().get().base()).isEqualTo(merge);
    assertThat(LaneWriter.apply(git, writing("p-1", "Orders", "models/orders2.sql"), "ada")).isInstanceOfSatisfying(LaneWriter.Rejected.class,
        r -> assertThat(r.rejection().reason()).isEqualTo(RejectionReason.ALREADY_DEPLOYED));
  }

  @Test
  void a_closed_promotion_leaves_production_alone_and_keeps_the_batch() {
    assertThat(LaneWriter.apply(git, writing("p-1", "Orders", "models/orders.sql"), "ada")).isInstanceOf(LaneWriter.Applied.class);
    String production = cli.revParse("main");
    PromotionPullRequest pr = git.offlineHost().pullRequests().openPromotionPr(Fixtures.STAGING, Fixtures.MAIN, "Promote", "").get();
    StoredLane locked = save(stored(), stored().lane().openPromotionPr(pr.number()).get());

    git.offlineHost().pullRequests().close(pr.number()).get();
    StoredLane unlocked = save(locked, locked.lane().promotionPrClosed(pr.number()).get());

    assertThat(cli.revParse("main")).isEqualTo(production);
    assertThat(unlocked.lane().batch().size()).isEqualTo(1);
    assertThat(LaneWriter.apply(git, writing("p-2", "Revenue", "marts/revenue.sql"), "ada")).isInstanceOf(LaneWriter.Applied.class);
  }
}
