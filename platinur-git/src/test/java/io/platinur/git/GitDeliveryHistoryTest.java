package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.metrics.DeliveryCursor;
import io.platinur.domain.metrics.DeliveryEvent;
import io.platinur.domain.metrics.DeliveryRead;
import io.platinur.domain.metrics.HistoryProblem;
import io.platinur.domain.repository.CommitAuthor;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the Git delivery history does with records it cannot read: it names them, skips them, and reads on. */
class GitDeliveryHistoryTest {
  @TempDir Path dir;

  private static StagingLaneService lane(GitStaging git) {
    LaneConfiguration.Builder config = LaneConfiguration.builder();
    config.stagingBranch(Fixtures.STAGING).productionBranch(Fixtures.MAIN).addStagingSchemas("analytics_staging").addProductionSchemas("analytics");
    return new StagingLaneService(config.build(), git.staging(), git.laneStateStore(), git.offlineHost().pullRequests(), () -> Instant.parse("2026-11-24T10:00:00Z"));
  }

  /** A commit on {@code ref} after its head, with the head's tree and {@code message}; returns its id. */
  private static String appendJunk(GitCli cli, String ref, String message) {
    String head = cli.run("rev-parse", ref).strip();
    String commit = cli.run("commit-tree", head + "^{tree}", "-p", head, "-m", message).strip();
    cli.run("update-ref", ref, commit, head);
    return commit;
  }

  @Test
  void a_lane_change_that_does_not_parse_is_named_and_skipped_and_the_next_ones_are_read() {
    try (GitStaging git = Fixtures.init(dir)) {
      GitCli cli = new GitCli(dir.resolve("lane.git"));
      StagingLaneService lane = lane(git);
      lane.apply(Fixtures.writing("p-1", "One", "models/one.sql"), Fixtures.AUTHOR).get();
      String junk = appendJunk(cli, "refs/platinur/lanes/staging", "Lane staging: by hand\n\nnot a lane change");
      lane.apply(Fixtures.writing("p-2", "Two", "models/two.sql"), new CommitAuthor("Ada", "ada@example.com", Instant.parse("2026-11-24T11:00:00Z"))).get();

      DeliveryRead read = git.deliveryHistory().readSince(DeliveryCursor.start()).get();
      assertThat(read.events().map(DeliveryEvent::describe)).containsExactly("Proposal p-1 applied to staging", "Proposal p-2 applied to staging");
      assertThat(read.problems()).singleElement().isInstanceOfSatisfying(HistoryProblem.Unreadable.class, problem -> {
        assertThat(problem.where()).isEqualTo("refs/platinur/lanes/staging at " + junk.substring(0, 7));
        assertThat(problem.message()).startsWith("refs/platinur/lanes/staging at " + junk.substring(0, 7) + " does not parse (").endsWith("); skipped.");
      });
      assertThat(read.events().head()).isInstanceOfSatisfying(DeliveryEvent.ProposalApplied.class,
          applied -> assertThat(applied.authored()).contains(Fixtures.AUTHOR.when()));
      assertThat(read.cursor().at("refs/platinur/lanes/staging")).contains(cli.run("rev-parse", "refs/platinur/lanes/staging").strip());
    }
  }

  @Test
  void a_digest_state_that_does_not_parse_is_named_and_the_next_one_is_read_against_the_last_readable() throws Exception {
    try (GitStaging git = Fixtures.init(dir)) {
      Path bare = dir.resolve("lane.git");
      GitDigestPromotionTest.seedGitOpsLayout(bare, dir.resolve("work"));
      GitCli cli = new GitCli(bare);
      io.platinur.port.DigestPromotionStore store = git.digestPromotionStore();
      store.save(io.vavr.control.Option.none(), io.vavr.collection.List.empty(), io.vavr.collection.List.empty(),
          new io.platinur.port.AuditEntry(io.platinur.domain.Actor.of("ana"), java.time.Instant.parse("2026-12-01T10:00:00Z"), "Nothing yet")).get();
      String head = cli.run("rev-parse", GitDigestPromotionStore.REF).strip();
      String blob = cli.runWithInput("garbage\tline\n", "hash-object", "-w", "--stdin").strip();
      String tree = cli.runWithInput("100644 blob " + blob + "\tpromotions\n", "mktree").strip();
      String junk = cli.run("commit-tree", tree, "-p", head, "-m", "Digest promotions").strip();
      cli.run("update-ref", GitDigestPromotionStore.REF, junk, head);

      DeliveryRead read = git.deliveryHistory(Fixtures.MAIN, PinLayout.standard(), io.platinur.domain.digest.EnvironmentName.of("dev"))
          .readSince(DeliveryCursor.start()).get();
      assertThat(read.problems().map(HistoryProblem::message)).containsExactly(GitDigestPromotionStore.REF + " at " + junk.substring(0, 7)
          + " does not parse (" + GitDigestPromotionStore.REF + " does not hold readable digest promotions.); skipped.");
      assertThat(read.events().map(DeliveryEvent::describe)).containsExactly(
          "sha256:a1a1a1a1a1a1 of api pinned in dev", "sha256:a1a1a1a1a1a1 of web pinned in dev");
    }
  }
}
