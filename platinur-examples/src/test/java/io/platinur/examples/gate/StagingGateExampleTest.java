package io.platinur.examples.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.gate.GateCondition;
import io.platinur.domain.gate.GateDecision;
import io.platinur.domain.gate.GateFailure;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.examples.ExampleLanes;
import io.platinur.git.GitStaging;
import io.platinur.testkit.StagingServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingGateExampleTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC);
  static final StagingGateExample.PipelineFacts GREEN = new StagingGateExample.PipelineFacts(0, DeploymentState.SUCCESS, CiState.GREEN);

  @TempDir
  Path dir;
  GitStaging git;
  StagingLaneService lane;
  StagingServer staging;

  @BeforeEach
  void stage() throws IOException {
    CommitAuthor ana = new CommitAuthor("Ana", "ana@example.com", CLOCK.instant());
    git = GitStaging.init(dir.resolve("lane.git"), ExampleLanes.gitConfig(), ana).get();
    lane = new StagingLaneService(ExampleLanes.configuration(), git.staging(), git.laneStateStore(), git.offlineHost().pullRequests(), CLOCK::instant);
    lane.apply(Proposal.builder(ProposalId.of("p-1"), "Add orders model").write("models/orders.sql", "select 1\n").build(), ana).get();
    staging = new StagingServer();
  }

  @AfterEach
  void stop() {
    staging.close();
    git.close();
  }

  @Test
  void authorizes_the_staging_head_when_staging_answers_and_the_pipeline_is_green() {
    GateDecision decision = StagingGateExample.evaluate(lane, staging.url("/health"), GREEN, CLOCK).get();
    assertThat(decision).isEqualTo(new GateDecision.Authorized(lane.lane().get().stagingHead()));
  }

  @Test
  void blocks_and_says_why_when_staging_fails_its_smoke_check() {
    staging.status = 503;
    GateDecision decision = StagingGateExample.evaluate(lane, staging.url("/health"), GREEN, CLOCK).get();
    assertThat(decision).isInstanceOf(GateDecision.Blocked.class);
    assertThat(((GateDecision.Blocked) decision).failures().map(GateFailure::condition)).containsExactly(GateCondition.SMOKE_AND_E2E);
  }

  @Test
  void blocks_when_staging_is_unreachable_and_ci_is_red() throws IOException {
    URI nowhere;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      nowhere = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/health");
    }
    GateDecision decision = StagingGateExample.evaluate(lane, nowhere,
        new StagingGateExample.PipelineFacts(0, DeploymentState.SUCCESS, CiState.RED), CLOCK).get();
    assertThat(((GateDecision.Blocked) decision).failures().map(GateFailure::condition))
        .containsExactlyInAnyOrder(GateCondition.SMOKE_AND_E2E, GateCondition.CI);
  }
}
