package io.platinur.examples.embed;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.lane.SyncResult;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.testkit.GitCli;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineLaneExampleTest {
  @TempDir
  Path dir;

  @Test
  void stages_promotes_and_deploys_a_proposal_on_a_new_repository() {
    Path repository = dir.resolve("lane.git");
    SyncResult synced = OfflineLaneExample.run(repository, Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC)).get();

    assertThat(synced.lane().deployed()).containsExactly(ProposalId.of("orders-model"));
    assertThat(synced.lane().lock().isLocked()).isFalse();
    GitCli git = new GitCli(repository);
    assertThat(git.revParse("staging")).isEqualTo(git.revParse("main")).isEqualTo(synced.lane().stagingHead().hex());
    assertThat(git.run("log", "-1", "--format=%s", "main^2")).isEqualTo("Add orders model\n");
    assertThat(git.run("show", "main:models/orders.sql")).isEqualTo("select id, amount from raw.orders\n");
    git.assertFsckClean();
  }

  @Test
  void run_again_on_the_same_repository_says_the_proposal_is_already_deployed() {
    Path repository = dir.resolve("lane.git");
    Clock clock = Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC);
    OfflineLaneExample.run(repository, clock).get();
    String main = new GitCli(repository).revParse("main");

    assertThat(OfflineLaneExample.run(repository, clock).getLeft().message()).isEqualTo("Proposal ‘Add orders model’ is already deployed.");
    assertThat(new GitCli(repository).revParse("main")).isEqualTo(main);
  }
}
