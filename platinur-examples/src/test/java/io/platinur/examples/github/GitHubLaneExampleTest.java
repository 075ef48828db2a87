package io.platinur.examples.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Actor;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.examples.ExampleLanes;
import io.platinur.git.GitStaging;
import io.platinur.port.PortFailure;
import io.platinur.testkit.GitCli;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub lane wired as the example shows, with a local file remote in place of GitHub's Git
 * and an API address where nothing answers: staging works through Git, a promotion PR cannot be
 * opened, and that changes nothing.
 */
class GitHubLaneExampleTest {
  static final CommitAuthor ANA = new CommitAuthor("Ana", "ana@example.com", Instant.parse("2026-11-24T09:00:00Z"));

  @TempDir
  Path dir;

  @Test
  void stages_through_the_shared_repository_and_changes_nothing_when_github_does_not_answer() throws IOException {
    GitStaging.init(dir.resolve("remote.git"), ExampleLanes.gitConfig(), ANA).get().close();
    URI api;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      api = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    GitCli remote = new GitCli(dir.resolve("remote.git"));

    try (GitHubLaneExample.Lane lane = GitHubLaneExample.open(dir.resolve("cache.git"), api, dir.resolve("remote.git").toUri(),
        "acme", "analytics", "ghp_exampletoken0123456789", ExampleLanes.configuration(),
        Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC)).get()) {
      lane.service().apply(Proposal.builder(ProposalId.of("p-1"), "Add orders model").write("models/orders.sql", "select 1\n").build(), ANA).get();
      assertThat(remote.subjects("main..staging")).containsExactly("Add orders model");
      String refs = remote.run("for-each-ref");

      UseCaseFailure<?> failure = lane.service().openPromotionPr(Actor.of("ana")).getLeft();
      assertThat(failure).isInstanceOf(UseCaseFailure.Unavailable.class);
      assertThat(((UseCaseFailure.Unavailable) failure).failure().kind()).isEqualTo(PortFailure.Kind.UNAVAILABLE);
      assertThat(failure.message()).doesNotContain("ghp_exampletoken");
      assertThat(remote.run("for-each-ref")).isEqualTo(refs);
      assertThat(lane.service().lane().get().lock().isLocked()).isFalse();
    }
  }
}
