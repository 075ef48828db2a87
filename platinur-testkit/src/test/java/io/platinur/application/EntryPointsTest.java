package io.platinur.application;

import static io.platinur.application.lane.StagingLaneServiceTest.ANA;
import static io.platinur.application.lane.StagingLaneServiceTest.CONFIG;
import static io.platinur.application.lane.StagingLaneServiceTest.MAIN;
import static io.platinur.application.lane.StagingLaneServiceTest.STAGING;
import static io.platinur.application.lane.StagingLaneServiceTest.proposal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.gate.PromotionGateService;
import io.platinur.application.health.PipelineHealthService;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.application.preview.PreviewEnvironmentService;
import io.platinur.domain.Actor;
import io.platinur.domain.credential.EnvironmentCredentials;
import io.platinur.domain.credential.SharedCredentialsException;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.environment.Environment;
import io.platinur.domain.forge.DeploymentEnvironment;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.gate.GateDecision;
import io.platinur.domain.gate.SmokeCheck;
import io.platinur.domain.gate.SmokeOutcome;
import io.platinur.domain.health.AlertCause;
import io.platinur.domain.health.PipelineAlert;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.ForgePorts;
import io.platinur.port.PipelineAlerts;
import io.platinur.port.PortFailure;
import io.platinur.port.memory.InMemoryDigestPromotionStore;
import io.platinur.testkit.memory.InMemoryForge;
import io.platinur.testkit.memory.InMemoryGitOps;
import io.platinur.testkit.memory.InMemoryPreviewStore;
import io.platinur.testkit.memory.InMemoryPullRequests;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each capability wired from the adapters' bundles in one statement, with the defaults it promises. */
class EntryPointsTest {
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

  @Nested
  class A_staging_lane {
    final InMemoryForge forge = InMemoryForge.of(CONFIG);

    @Test
    void runs_on_the_lane_bundle_with_the_bundles_time_in_its_audit() {
      StagingLaneService lane = StagingLaneService.builder(CONFIG, forge, forge).build();

      lane.apply(proposal("p-1", "Add orders", "models/orders.sql"), ANA).get();
      lane.openPromotionPr(Actor.of("ana")).get();

      assertThat(forge.pullCount()).isEqualTo(1);
      assertThat(lane.history().get().map(change -> change.audit().at())).containsOnly(InMemoryForge.FIXED_TIME);
    }

    @Test
    void takes_the_hosts_clock_when_given() {
      StagingLaneService lane = StagingLaneService.builder(CONFIG, forge, forge).clock(() -> T).build();

      lane.apply(proposal("p-1", "Add orders", "models/orders.sql"), ANA).get();

      assertThat(lane.history().get().map(change -> change.audit().at())).containsOnly(T);
      assertThat(lane.timeSource().now()).isEqualTo(T);
    }

    @Test
    void refuses_staging_and_prod_sharing_a_secret_or_a_database_before_anything_runs() {
      EnvironmentCredentials staging = EnvironmentCredentials.builder(Environment.STAGING)
          .secret("DB_PASSWORD", "same-value".toCharArray()).databaseInstance("db.internal").build();
      EnvironmentCredentials prod = EnvironmentCredentials.builder(Environment.PROD)
          .secret("PROD_DB_PASSWORD", "same-value".toCharArray()).databaseInstance("db.internal").build();
      CommitId before = forge.head(STAGING);

      assertThatThrownBy(() -> StagingLaneService.builder(CONFIG, forge, forge).credentials(staging, prod).build())
          .isInstanceOf(SharedCredentialsException.class)
          .hasMessage("Secret DB_PASSWORD in Staging and secret PROD_DB_PASSWORD in Prod have the same value. Each environment must own its secrets."
              + " Database instance ‘db.internal’ is used by both Staging and Prod. Each environment must use its own database instance.")
          .hasMessageNotContaining("same-value");
      assertThat(forge.head(STAGING)).isEqualTo(before);
      assertThat(forge.laneStateStore().load().get()).isEmpty();
    }

    @Test
    void accepts_isolated_credentials() {
      EnvironmentCredentials staging = EnvironmentCredentials.builder(Environment.STAGING)
          .secret("DB_PASSWORD", "staging-value".toCharArray()).databaseInstance("db-staging.internal").build();
      EnvironmentCredentials prod = EnvironmentCredentials.builder(Environment.PROD)
          .secret("DB_PASSWORD", "prod-value".toCharArray()).databaseInstance("db-prod.internal").build();

      StagingLaneService lane = StagingLaneService.builder(CONFIG, forge, forge).credentials(staging, prod).build();

      assertThat(lane.apply(proposal("p-1", "Add orders", "models/orders.sql"), ANA).isRight()).isTrue();
    }
  }

  @Nested
  class The_promotion_gate_and_pipeline_health {
    final InMemoryForge forge = InMemoryForge.of(CONFIG);
    final StagingLaneService lane = StagingLaneService.builder(CONFIG, forge, forge).build();
    final List<String> environmentsAsked = new ArrayList<>();
    final ForgePorts pipeline = ForgePorts.builder()
        .deployments((environment, commit) -> {
          environmentsAsked.add(environment);
          return Either.right(DeploymentState.SUCCESS);
        })
        .ci(commit -> Either.right(CiState.GREEN))
        .build();

    @Test
    void the_gate_reads_the_forges_ports_under_the_name_staging_by_default() {
      PromotionGateService gate = PromotionGateService.builder(lane, pipeline,
          (environment, commit) -> Either.right(Option.some(0)),
          commit -> Either.right(new SmokeCheck(commit, SmokeOutcome.PASSED, "200"))).build();

      GateDecision decision = gate.evaluate(Option.none(), Option.none()).get();

      assertThat(decision.isAuthorized()).isTrue();
      assertThat(environmentsAsked).containsExactly("staging");
    }

    @Test
    void the_gate_and_health_read_another_deployment_environment_when_named() {
      PromotionGateService.builder(lane, pipeline, (environment, commit) -> Either.right(Option.some(0)),
              commit -> Either.right(new SmokeCheck(commit, SmokeOutcome.PASSED, "200")))
          .stagingEnvironment(DeploymentEnvironment.of("staging-eu")).build()
          .evaluate(Option.none(), Option.none()).get();
      List<AlertCause> raised = new ArrayList<>();
      PipelineHealthService health = PipelineHealthService.builder(pipeline, (environment, commit) -> Either.right(Option.some(1)),
          new PipelineAlerts() {
            @Override
            public Either<PortFailure, Boolean> raise(PipelineAlert alert) {
              raised.add(alert.cause());
              return Either.right(true);
            }

            @Override
            public Either<PortFailure, Boolean> resolve(AlertCause cause, String note) {
              return Either.right(false);
            }
          }).stagingEnvironment(DeploymentEnvironment.of("staging-eu")).build();

      health.check(forge.head(STAGING)).get();

      assertThat(environmentsAsked).containsExactly("staging-eu", "staging-eu");
      assertThat(raised).containsExactly(AlertCause.STAGING_DEPLOY_FAILED);
    }

    @Test
    void replacing_one_port_of_a_bundle_keeps_the_others_and_leaves_the_base_as_it_was() {
      ForgePorts red = ForgePorts.builder(pipeline).ci(commit -> Either.right(CiState.RED)).build();

      assertThat(red.ci().stateAt(forge.head(MAIN)).get()).isEqualTo(CiState.RED);
      assertThat(pipeline.ci().stateAt(forge.head(MAIN)).get()).isEqualTo(CiState.GREEN);
      assertThat(red.deployments()).isSameAs(pipeline.deployments());
      assertThat(red.words()).isEqualTo(io.platinur.domain.forge.ForgeWords.GITHUB);
    }

    @Test
    void a_forge_bundle_without_a_port_says_which_one_is_missing() {
      PortFailure missing = ForgePorts.builder().build().ci().stateAt(forge.head(MAIN)).getLeft();

      assertThat(missing.kind()).isEqualTo(PortFailure.Kind.UNAVAILABLE);
      assertThat(missing.message()).isEqualTo("This forge bundle has no CI: give them with ForgePorts.builder().");
    }
  }

  @Nested
  class Promote_by_digest {
    final ServiceName api = ServiceName.of("api");
    final EnvironmentName dev = EnvironmentName.of("dev");
    final EnvironmentName staging = EnvironmentName.of("staging");
    final ImageDigest built = ImageDigest.of("sha256:" + "a1".repeat(32));
    final ImageDigest running = ImageDigest.of("sha256:" + "b2".repeat(32));
    final InMemoryGitOps gitops = new InMemoryGitOps(MAIN, PinLayout.standard(),
        Pins.none().with(dev, api, built).with(staging, api, running).with(EnvironmentName.of("prod"), api, running), () -> T);

    @Test
    void runs_on_one_in_memory_repository_as_gitops_forge_and_canary_on_the_standard_path() {
      gitops.deploy(dev, api, built, DeploymentState.SUCCESS, T.minus(Duration.ofDays(1)));
      DigestPromotionService digests = DigestPromotionService.builder(gitops, gitops, gitops).build();

      DigestPromotion.PrOpen opened = digests.promote(PromoteRequest.of(api, staging), Actor.of("alice")).get();

      assertThat(opened.promotion().digest()).isEqualTo(built);
      assertThat(digests.path().environments().map(EnvironmentName::value)).containsExactly("dev", "staging", "prod");
      assertThat(gitops.digestPromotionStore().load().get()).isNotEmpty();
      assertThat(digests.history(Option.none(), 10).get().map(change -> change.audit().at())).containsExactly(T);
    }

    @Test
    void keeps_the_promotions_in_the_store_given() {
      gitops.deploy(dev, api, built, DeploymentState.SUCCESS, T.minus(Duration.ofDays(1)));
      InMemoryDigestPromotionStore elsewhere = new InMemoryDigestPromotionStore();
      DigestPromotionService digests = DigestPromotionService.builder(gitops, gitops, gitops).store(elsewhere).build();

      digests.promote(PromoteRequest.of(api, staging), Actor.of("alice")).get();

      assertThat(elsewhere.load().get()).isNotEmpty();
      assertThat(gitops.digestPromotionStore().load().get()).isEmpty();
    }
  }

  @Nested
  class Preview_environments {
    @Test
    void reconcile_on_the_store_and_the_pull_requests_bundles() {
      InMemoryPullRequests pulls = new InMemoryPullRequests(() -> T);
      InMemoryPreviewStore store = new InMemoryPreviewStore();
      CommitId head = CommitId.of("1f".repeat(20));
      pulls.open(4, "main", head);
      pulls.build(head, ImageDigest.of("sha256:" + "c3".repeat(32)));

      PreviewEnvironmentService previews = PreviewEnvironmentService.builder(store, pulls, pulls).clock(() -> T).build();

      assertThat(previews.reconcile().get().plan().creates()).hasSize(1);
      assertThat(store.inventory().previews().keySet().map(pr -> pr.value())).containsExactly(4L);
      assertThat(previews.reconcile().get().plan().isEmpty()).isTrue();
    }
  }
}
