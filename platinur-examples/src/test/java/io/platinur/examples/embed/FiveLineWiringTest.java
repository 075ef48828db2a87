package io.platinur.examples.embed;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.gate.GateDecision;
import io.platinur.domain.gate.SmokeCheck;
import io.platinur.domain.gate.SmokeOutcome;
import io.platinur.domain.health.AlertCause;
import io.platinur.domain.health.PipelineAlert;
import io.platinur.domain.preview.PreviewLayout;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.examples.ExampleLanes;
import io.platinur.examples.GitOpsFixture;
import io.platinur.git.GitPreviews;
import io.platinur.git.GitStaging;
import io.platinur.port.ForgePorts;
import io.platinur.port.PipelineAlerts;
import io.platinur.port.PortFailure;
import io.platinur.testkit.GitCli;
import io.platinur.testkit.memory.InMemoryPullRequests;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every five-line wiring the README shows, run on real bare repositories. */
class FiveLineWiringTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final CommitAuthor ANA = new CommitAuthor("Ana", "ana@example.com", NOW);
  private static final Proposal ORDERS = Proposal.builder(ProposalId.of("orders"), "Add orders model")
      .write("models/orders.sql", "select id from raw.orders\n").build();

  @TempDir
  Path dir;

  private Path newLane() {
    Path bare = dir.resolve("lane.git");
    GitStaging.init(bare, ExampleLanes.gitConfig(), ANA).get().close();
    return bare;
  }

  @Test
  void the_staging_lane_applies_a_proposal_as_one_commit_on_staging() {
    Path bare = newLane();

    assertThat(FiveLineWiring.stagingLane(bare, ORDERS, ANA).get().id()).isEqualTo(ProposalId.of("orders"));

    GitCli git = new GitCli(bare);
    assertThat(git.run("log", "-1", "--format=%s", "staging")).isEqualTo("Add orders model\n");
    assertThat(git.run("show", "staging:models/orders.sql")).isEqualTo("select id from raw.orders\n");
    git.assertFsckClean();
  }

  @Test
  void promote_by_digest_opens_a_pr_on_a_repository_that_has_only_environment_directories() throws Exception {
    Path bare = dir.resolve("gitops.git");
    ServiceName api = ServiceName.of("api");
    ImageDigest built = ImageDigest.of("sha256:" + "a1".repeat(32));
    ImageDigest running = ImageDigest.of("sha256:" + "b2".repeat(32));
    GitOpsFixture.create(bare, Pins.none().with(EnvironmentName.of("dev"), api, built)
        .with(EnvironmentName.of("staging"), api, running).with(EnvironmentName.of("prod"), api, running), NOW);
    new GitCli(bare).run("branch", "-D", "staging");

    DigestPromotion.PrOpen opened = FiveLineWiring.promoteByDigest(bare, (target, digest) -> Either.right(CanaryVerdict.RUNNING)).get();

    assertThat(opened.promotion().digest()).isEqualTo(built);
    assertThat(new GitCli(bare).run("for-each-ref", "--format=%(refname)", "refs/heads/")).doesNotContain("refs/heads/staging\n");
  }

  @Test
  void previews_reconcile_one_preview_per_open_pull_request() {
    Path bare = dir.resolve("previews.git");
    GitPreviews.init(bare, BranchName.of("main"), PreviewLayout.standard()).get().close();
    InMemoryPullRequests pulls = new InMemoryPullRequests(() -> NOW);
    CommitId head = CommitId.of("1f".repeat(20));
    pulls.open(7, "main", head);
    pulls.build(head, ImageDigest.of("sha256:" + "c3".repeat(32)));

    assertThat(FiveLineWiring.previews(bare, pulls, pulls).get().plan().creates()).hasSize(1);

    assertThat(new GitCli(bare).run("ls-tree", "-r", "--name-only", "main")).contains("previews/pr-7/values.yaml");
    assertThat(FiveLineWiring.previews(bare, pulls, pulls).get().plan().isEmpty()).isTrue();
  }

  @Test
  void the_gate_authorizes_the_staging_head_and_pipeline_health_raises_a_failed_deploy() {
    Path bare = newLane();
    FiveLineWiring.stagingLane(bare, ORDERS, ANA).get();
    ForgePorts forge = ForgePorts.builder()
        .deployments((environment, commit) -> Either.right(DeploymentState.SUCCESS))
        .ci(commit -> Either.right(CiState.GREEN))
        .build();
    List<AlertCause> raised = new ArrayList<>();
    PipelineAlerts alerts = new PipelineAlerts() {
      @Override
      public Either<PortFailure, Boolean> raise(PipelineAlert alert) {
        raised.add(alert.cause());
        return Either.right(true);
      }

      @Override
      public Either<PortFailure, Boolean> resolve(AlertCause cause, String note) {
        return Either.right(false);
      }
    };
    try (GitStaging git = GitStaging.open(bare, ExampleLanes.gitConfig()).get()) {
      StagingLaneService lane = StagingLaneService.builder(ExampleLanes.configuration(), git, git.offlineHost()).build();
      String stagingHead = new GitCli(bare).revParse("staging");

      GateDecision decision = FiveLineWiring.promotionGate(lane, forge, (environment, commit) -> Either.right(Option.some(0)),
          commit -> Either.right(new SmokeCheck(commit, SmokeOutcome.PASSED, "200"))).get();
      assertThat(decision).isEqualTo(new GateDecision.Authorized(CommitId.of(stagingHead)));

      assertThat(FiveLineWiring.pipelineHealth(lane, forge, (environment, commit) -> Either.right(Option.some(1)), alerts).get())
          .containsExactly(AlertCause.STAGING_DEPLOY_FAILED);
      assertThat(raised).containsExactly(AlertCause.STAGING_DEPLOY_FAILED);
    }
  }
}
