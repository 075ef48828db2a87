package io.platinur.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitStaging;
import io.platinur.github.GitHubPlatform;
import io.platinur.micrometer.DeliveryMetricsBinder;
import io.platinur.port.TimeSource;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;

/** Every condition and property of the auto-configuration, on a real bare repository, each context started and checked. */
class PlatinurAutoConfigurationTest {
  static final String TOKEN = "ghp_autoConfigurationTestToken0123456789";

  @TempDir
  Path dir;
  Path repository;
  ApplicationContextRunner runner;

  @BeforeEach
  void repository() {
    repository = dir.resolve("lane.git");
    GitStaging.init(repository, GitLaneConfig.of(BranchName.of("main"), BranchName.of("staging")),
        new CommitAuthor("Ana", "ana@example.com", Instant.parse("2026-11-24T09:00:00Z"))).get().close();
    runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PlatinurAutoConfiguration.class))
        .withPropertyValues("platinur.repository.path=" + repository, "PLATINUR_TEST_TOKEN=" + TOKEN);
  }

  /** The one {@link PlatinurPropertyException} the start failed with, and Spring Boot's report of it. */
  static PlatinurPropertyException failure(ApplicationContextAssertProvider<?> context) {
    assertThat(context.getStartupFailure()).as("the start failed").isNotNull();
    Throwable cause = context.getStartupFailure();
    while (cause != null && !(cause instanceof PlatinurPropertyException)) {
      cause = cause.getCause();
    }
    assertThat(cause).as("a PlatinurPropertyException in %s", context.getStartupFailure()).isNotNull();
    FailureAnalysis analysis = new PlatinurFailureAnalyzer().analyze(context.getStartupFailure());
    assertThat(analysis.getDescription()).isEqualTo(cause.getMessage());
    assertThat(analysis.getAction()).isEqualTo(((PlatinurPropertyException) cause).action());
    return (PlatinurPropertyException) cause;
  }

  @Nested
  class With_a_repository_path_alone {
    @Test
    void runs_the_lane_offline_with_its_syncs_schedule_health_info_and_metrics() {
      runner.run(context -> {
        assertThat(context).hasNotFailed();
        assertThat(context).hasSingleBean(GitStaging.class).hasSingleBean(StagingLaneService.class).hasSingleBean(PlatinurSyncs.class)
            .hasSingleBean(SyncSchedule.class).hasSingleBean(PlatinurHealthIndicator.class).hasSingleBean(PlatinurInfoContributor.class)
            .hasSingleBean(PlatinurSanitizer.class).hasSingleBean(DeliveryMetricsBinder.class).hasSingleBean(TimeSource.class)
            .hasBean("platinurDeliveryMetricsRefresh");
        assertThat(context).doesNotHaveBean(GitHubPlatform.class).doesNotHaveBean(DigestPromotionService.class);
        StagingLaneService lane = context.getBean(StagingLaneService.class);
        assertThat(lane.configuration().stagingBranch()).isEqualTo(BranchName.of("staging"));
        assertThat(lane.configuration().productionBranch()).isEqualTo(BranchName.of("main"));
        assertThat(lane.lane().get().lock().isLocked()).isFalse();
        assertThat(context.getBean(PlatinurSyncs.class).available()).containsExactly(PlatinurSyncs.Kind.LANE);
        assertThat(context.getBean(SyncSchedule.class).interval()).hasMinutes(5);
      });
    }

    @Test
    void the_lane_takes_its_branches_and_schemas_from_properties() {
      GitStaging.init(dir.resolve("other.git"), GitLaneConfig.of(BranchName.of("release"), BranchName.of("next")),
          new CommitAuthor("Ana", "ana@example.com", Instant.parse("2026-11-24T09:00:00Z"))).get().close();
      runner.withPropertyValues("platinur.repository.path=" + dir.resolve("other.git"), "platinur.lane.production-branch=release",
          "platinur.lane.staging-branch=next", "platinur.lane.staging-schemas=dbt_staging", "platinur.lane.production-schemas=dbt_prod",
          "platinur.sync.interval=30s").run(context -> {
            StagingLaneService lane = context.getBean(StagingLaneService.class);
            assertThat(lane.configuration().productionBranch()).isEqualTo(BranchName.of("release"));
            assertThat(lane.configuration().stagingBranch()).isEqualTo(BranchName.of("next"));
            assertThat(lane.configuration().stagingSchemas()).containsExactly("dbt_staging");
            assertThat(context.getBean(SyncSchedule.class).interval()).hasSeconds(30);
          });
    }
  }

  @Nested
  class With_a_remote_repository {
    @Test
    void opens_it_through_a_local_cache_and_shows_its_url_without_credentials() {
      Path cache = dir.resolve("cache.git");
      runner.withPropertyValues("platinur.repository.path=", "platinur.repository.url=" + repository.toUri(),
          "platinur.repository.cache=" + cache).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(StagingLaneService.class);
            assertThat(context.getBean(StagingLaneService.class).lane().get().lock().isLocked()).isFalse();
            assertThat(cache).isDirectory();
            org.springframework.boot.actuate.info.Info.Builder info = new org.springframework.boot.actuate.info.Info.Builder();
            context.getBean(PlatinurInfoContributor.class).contribute(info);
            assertThat(info.build().getDetails().get("platinur").toString()).contains("repository=" + repository.toUri());
          });
    }

    @Test
    void a_url_is_shown_without_its_user_name_or_password() {
      assertThat(Wiring.withoutUserInfo("https://x-access-token:ghp_secret@github.com/acme/analytics.git"))
          .isEqualTo("https://github.com/acme/analytics.git");
      assertThat(Wiring.withoutUserInfo("ssh://git@example.com/acme/analytics.git")).isEqualTo("ssh://example.com/acme/analytics.git");
      assertThat(Wiring.withoutUserInfo("file:///srv/analytics.git")).isEqualTo("file:///srv/analytics.git");
    }

    @Test
    void github_com_keeps_git_data_at_github_com_and_enterprise_server_at_its_host() {
      assertThat(GitHubWiring.defaultGitHubUrl(java.net.URI.create("https://api.github.com"), "acme", "analytics"))
          .isEqualTo("https://github.com/acme/analytics.git");
      assertThat(GitHubWiring.defaultGitHubUrl(java.net.URI.create("https://ghe.example.com:8443/api/v3"), "acme", "analytics"))
          .isEqualTo("https://ghe.example.com:8443/acme/analytics.git");
    }
  }

  @Nested
  class Switches {
    @Test
    void platinur_enabled_false_configures_nothing() {
      runner.withPropertyValues("platinur.enabled=false", "platinur.repository.path=").run(context -> {
        assertThat(context).hasNotFailed().doesNotHaveBean(GitStaging.class).doesNotHaveBean(PlatinurSyncs.class);
      });
    }

    @Test
    void without_the_lane_no_lane_service_and_no_lane_sync() {
      runner.withPropertyValues("platinur.lane.enabled=false").run(context -> {
        assertThat(context).hasNotFailed().hasSingleBean(GitStaging.class).doesNotHaveBean(StagingLaneService.class);
        assertThat(context.getBean(PlatinurSyncs.class).available()).isEmpty();
      });
    }

    @Test
    void without_the_schedule_no_schedule() {
      runner.withPropertyValues("platinur.sync.enabled=false").run(context ->
          assertThat(context).hasNotFailed().hasSingleBean(PlatinurSyncs.class).doesNotHaveBean(SyncSchedule.class));
    }

    @Test
    void health_indicator_off_by_management_health_platinur_enabled() {
      runner.withPropertyValues("management.health.platinur.enabled=false").run(context ->
          assertThat(context).hasNotFailed().doesNotHaveBean(PlatinurHealthIndicator.class).hasSingleBean(PlatinurInfoContributor.class));
    }

    @Test
    void metrics_off_by_platinur_metrics_enabled() {
      runner.withPropertyValues("platinur.metrics.enabled=false").run(context ->
          assertThat(context).hasNotFailed().doesNotHaveBean(DeliveryMetricsBinder.class).doesNotHaveBean(ScheduledRefresh.class));
    }
  }

  @Nested
  class A_host_bean_replaces_ours {
    @Configuration(proxyBeanMethods = false)
    static class HostTime {
      static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

      @Bean
      TimeSource hostTime() {
        return () -> NOW;
      }

      @Bean
      StagingLaneService hostLane(GitStaging git) {
        return Wiring.lane(io.platinur.domain.environment.LaneConfiguration.builder().stagingBranch(BranchName.of("staging"))
            .productionBranch(BranchName.of("main")).addStagingSchemas("s").addProductionSchemas("p").build(), git,
            git.offlineHost().pullRequests(), () -> NOW);
      }
    }

    @Test
    void a_hosts_preview_environments_are_reconciled_by_the_syncs_too() {
      io.platinur.testkit.memory.InMemoryPullRequests pulls = new io.platinur.testkit.memory.InMemoryPullRequests(() -> HostTime.NOW);
      runner.withBean(io.platinur.application.preview.PreviewEnvironmentService.class,
          () -> io.platinur.application.preview.PreviewEnvironmentService.builder(new io.platinur.testkit.memory.InMemoryPreviewStore(),
              pulls, pulls).cleanup(new io.platinur.testkit.memory.InMemoryPreviewResources()).clock(() -> HostTime.NOW).build())
          .run(context ->
                  assertThat(context.getBean(PlatinurSyncs.class).available())
                      .containsExactlyInAnyOrder(PlatinurSyncs.Kind.LANE, PlatinurSyncs.Kind.PREVIEWS));
    }

    @Test
    void each_bean_backs_off_when_the_host_defines_one() {
      runner.withUserConfiguration(HostTime.class).run(context -> {
        assertThat(context).hasNotFailed().hasSingleBean(TimeSource.class).hasSingleBean(StagingLaneService.class);
        assertThat(context.getBean(TimeSource.class).now()).isEqualTo(HostTime.NOW);
        assertThat(context.getBean(StagingLaneService.class).configuration().stagingSchemas()).containsExactly("s");
      });
    }
  }

  @Nested
  class A_bad_or_missing_property_stops_the_start_naming_it {
    @Test
    void no_repository() {
      runner.withPropertyValues("platinur.repository.path=").run(context -> {
        PlatinurPropertyException failure = failure(context);
        assertThat(failure.property()).isEqualTo("platinur.repository.path");
        assertThat(failure.getMessage()).isEqualTo("Platinur has no repository: platinur.repository.path and platinur.repository.url are not set.");
      });
    }

    @Test
    void a_path_and_a_url() {
      runner.withPropertyValues("platinur.repository.url=https://example.invalid/acme/analytics.git").run(context ->
          assertThat(failure(context).property()).isEqualTo("platinur.repository.url"));
    }

    @Test
    void a_path_that_holds_no_repository() {
      runner.withPropertyValues("platinur.repository.path=" + dir.resolve("missing.git")).run(context -> {
        PlatinurPropertyException failure = failure(context);
        assertThat(failure.property()).isEqualTo("platinur.repository.path");
        assertThat(failure.getMessage()).startsWith("platinur.repository.path: ");
      });
    }

    @Test
    void a_branch_name_git_refuses() {
      runner.withPropertyValues("platinur.lane.staging-branch=stag..ing").run(context -> {
        PlatinurPropertyException failure = failure(context);
        assertThat(failure.property()).isEqualTo("platinur.lane.staging-branch");
        assertThat(failure.getMessage()).startsWith("platinur.lane.staging-branch: ");
      });
    }

    @Test
    void staging_on_the_production_branch() {
      runner.withPropertyValues("platinur.lane.staging-branch=main").run(context ->
          assertThat(failure(context).property()).isEqualTo("platinur.lane"));
    }

    @Test
    void a_sync_interval_of_zero() {
      runner.withPropertyValues("platinur.sync.interval=0s").run(context -> {
        PlatinurPropertyException failure = failure(context);
        assertThat(failure.property()).isEqualTo("platinur.sync.interval");
        assertThat(failure.getMessage()).isEqualTo("platinur.sync.interval must be a positive duration, got PT0S.");
      });
    }

    @Test
    void an_empty_actor() {
      runner.withPropertyValues("platinur.actor= ").run(context -> assertThat(failure(context).property()).isEqualTo("platinur.actor"));
    }
  }

  @Nested
  class GitHub {
    ApplicationContextRunner github() {
      return runner.withPropertyValues("platinur.github.repository=acme/analytics", "platinur.github.api-url=http://127.0.0.1:9/api",
          "platinur.github.token-variable=PLATINUR_TEST_TOKEN");
    }

    @Test
    void a_repository_and_a_token_make_the_platform_and_the_lane_opens_promotion_prs_there() {
      github().run(context -> {
        assertThat(context).hasNotFailed().hasSingleBean(GitHubPlatform.class);
        assertThat(context.getBean(GitHubPlatform.class).settings().fullName()).isEqualTo("acme/analytics");
        assertThat(context.getBean(GitHubPlatform.class).toString()).doesNotContain(TOKEN);
      });
    }

    @Test
    void no_token_in_the_named_variable() {
      github().withPropertyValues("platinur.github.token-variable=PLATINUR_NO_SUCH_VARIABLE").run(context -> {
        PlatinurPropertyException failure = failure(context);
        assertThat(failure.property()).isEqualTo("platinur.github.token-variable");
        assertThat(failure.getMessage()).isEqualTo(
            "No GitHub token: the environment variable PLATINUR_NO_SUCH_VARIABLE (platinur.github.token-variable) is not set.");
      });
    }

    @Test
    void a_repository_not_owner_slash_name() {
      github().withPropertyValues("platinur.github.repository=analytics").run(context -> {
        PlatinurPropertyException failure = failure(context);
        assertThat(failure.property()).isEqualTo("platinur.github.repository");
        assertThat(failure.getMessage()).isEqualTo("platinur.github.repository must be OWNER/REPO, got ‘analytics’.");
      });
    }

    @Test
    void an_app_without_its_installation() {
      github().withPropertyValues("platinur.github.app.id=42", "platinur.github.app.private-key-file=" + dir.resolve("key.pem"))
          .run(context -> assertThat(failure(context).property()).isEqualTo("platinur.github.app.installation-id"));
    }

    @Test
    void an_app_whose_key_file_cannot_be_read() {
      github().withPropertyValues("platinur.github.app.id=42", "platinur.github.app.private-key-file=" + dir.resolve("key.pem"),
          "platinur.github.app.installation-id=7").run(context -> {
            PlatinurPropertyException failure = failure(context);
            assertThat(failure.property()).isEqualTo("platinur.github.app.private-key-file");
            assertThat(failure.getMessage()).isEqualTo("platinur.github.app.private-key-file: " + dir.resolve("key.pem") + " cannot be read.");
          });
    }

    @Test
    void the_webhook_route_needs_a_servlet_web_application() {
      github().withPropertyValues("platinur.github.webhook-secret=s3cr3t-webhook").run(context ->
          assertThat(context).hasNotFailed().doesNotHaveBean("platinurWebhookRoute"));
    }

    WebApplicationContextRunner web() {
      return new WebApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(PlatinurAutoConfiguration.class))
          .withPropertyValues("platinur.repository.path=" + repository, "PLATINUR_TEST_TOKEN=" + TOKEN,
              "platinur.github.repository=acme/analytics", "platinur.github.api-url=http://127.0.0.1:9/api",
              "platinur.github.token-variable=PLATINUR_TEST_TOKEN");
    }

    @Test
    void in_a_web_application_the_webhook_route_is_served() {
      web().withPropertyValues("platinur.github.webhook-secret=s3cr3t-webhook").run(context -> {
        assertThat(context).hasNotFailed().hasBean("platinurWebhookRoute");
        assertThat(context.getBean("platinurWebhookRoute")).isInstanceOf(RouterFunction.class);
      });
    }

    @Test
    void the_webhook_needs_its_secret() {
      web().run(context -> {
        PlatinurPropertyException failure = failure(context);
        assertThat(failure.property()).isEqualTo("platinur.github.webhook-secret");
        assertThat(failure.getMessage()).startsWith("platinur.github.webhook-secret is not set");
      });
    }

    @Test
    void the_webhook_can_be_switched_off() {
      web().withPropertyValues("platinur.webhook.enabled=false").run(context ->
          assertThat(context).hasNotFailed().doesNotHaveBean("platinurWebhookRoute"));
    }

    @Test
    void a_webhook_path_not_starting_with_a_slash() {
      web().withPropertyValues("platinur.github.webhook-secret=s3cr3t-webhook", "platinur.webhook.path=hooks").run(context ->
          assertThat(failure(context).property()).isEqualTo("platinur.webhook.path"));
    }
  }

  @Nested
  class Promote_by_digest {
    ApplicationContextRunner digests() {
      return runner.withPropertyValues("platinur.digest.enabled=true", "platinur.lane.enabled=false");
    }

    ApplicationContextRunner onGitHub() {
      return digests().withPropertyValues("platinur.github.repository=acme/analytics", "platinur.github.api-url=http://127.0.0.1:9/api",
          "platinur.github.token-variable=PLATINUR_TEST_TOKEN");
    }

    @Test
    void needs_github() {
      digests().run(context -> {
        PlatinurPropertyException failure = failure(context);
        assertThat(failure.property()).isEqualTo("platinur.github.repository");
      });
    }

    @Test
    void the_standard_path_enters_prod_through_a_canary_and_asks_for_its_analysis() {
      onGitHub().run(context -> {
        PlatinurPropertyException failure = failure(context);
        assertThat(failure.property()).isEqualTo("platinur.digest.steps");
        assertThat(failure.getMessage()).isEqualTo(
            "The promotion path dev → staging → prod enters an environment through a canary, and no CanaryAnalysis bean reports its verdict.");
      });
    }

    @Test
    void on_github_the_standard_path_and_layout_with_the_hosts_canary_analysis() {
      onGitHub().withBean(io.platinur.port.CanaryAnalysis.class,
          () -> (target, digest) -> io.vavr.control.Either.right(io.platinur.domain.digest.CanaryVerdict.PASSED)).run(context -> {
        assertThat(context).hasNotFailed().hasSingleBean(DigestPromotionService.class).doesNotHaveBean(StagingLaneService.class);
        assertThat(context.getBean(DigestPromotionService.class).path().environments().map(Object::toString))
            .containsExactly("dev", "staging", "prod");
        assertThat(context.getBean(PlatinurSyncs.class).available()).containsExactly(PlatinurSyncs.Kind.DIGESTS);
      });
    }

    @Test
    void a_path_and_its_steps_from_properties() {
      onGitHub().withPropertyValues("platinur.digest.environments=qa,live", "platinur.digest.steps.live.approvals=2",
          "platinur.digest.steps.live.soak=2h").run(context -> {
            DigestPromotionService service = context.getBean(DigestPromotionService.class);
            assertThat(service.path().environments().map(Object::toString)).containsExactly("qa", "live");
            assertThat(service.path().policyFor(service.path().environments().last()).get().requiredApprovals()).isEqualTo(2);
          });
    }

    @Test
    void a_step_for_an_environment_the_path_does_not_enter() {
      onGitHub().withPropertyValues("platinur.digest.steps.dev.approvals=1").run(context -> {
        PlatinurPropertyException failure = failure(context);
        assertThat(failure.property()).isEqualTo("platinur.digest.steps.dev");
        assertThat(failure.getMessage()).isEqualTo("platinur.digest.steps.dev names no step of the promotion path dev → staging → prod.");
      });
    }

    @Test
    void a_layout_without_its_placeholders() {
      onGitHub().withPropertyValues("platinur.digest.layout=values.yaml").run(context ->
          assertThat(failure(context).property()).isEqualTo("platinur.digest.layout"));
    }

    @Test
    void a_canary_step_without_a_canary_analysis() {
      onGitHub().withPropertyValues("platinur.digest.steps.prod.canary-timeout=30m").run(context ->
          assertThat(failure(context).property()).isEqualTo("platinur.digest.steps"));
    }
  }

  @Nested
  class Credential_isolation {
    @Test
    void a_secret_value_shared_by_staging_and_prod_stops_the_start_naming_the_secrets_only() {
      runner.withPropertyValues("platinur.environments.staging.secrets.DB_PASSWORD=hunter2-shared",
          "platinur.environments.prod.secrets.PROD_DB_PASSWORD=hunter2-shared").run(context -> {
            PlatinurPropertyException failure = failure(context);
            assertThat(failure.property()).isEqualTo("platinur.environments");
            assertThat(failure.getMessage()).startsWith("Staging and Prod are not isolated (platinur.environments): ")
                .contains("DB_PASSWORD").contains("PROD_DB_PASSWORD").doesNotContain("hunter2");
            assertThat(context.getStartupFailure().toString()).doesNotContain("hunter2");
          });
    }

    @Test
    void a_database_instance_shared_by_staging_and_prod_stops_the_start() {
      runner.withPropertyValues("platinur.environments.staging.database-instances=db.example.com",
          "platinur.environments.prod.database-instances=DB.example.com").run(context -> {
            PlatinurPropertyException failure = failure(context);
            assertThat(failure.property()).isEqualTo("platinur.environments");
            assertThat(failure.getMessage()).contains("db.example.com");
          });
    }

    @Test
    void own_secrets_and_instances_start() {
      runner.withPropertyValues("platinur.environments.staging.secrets.DB_PASSWORD=staging-only",
          "platinur.environments.prod.secrets.DB_PASSWORD=prod-only", "platinur.environments.staging.database-instances=staging-db",
          "platinur.environments.prod.database-instances=prod-db").run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void an_environment_that_is_neither_staging_nor_prod() {
      runner.withPropertyValues("platinur.environments.qa.secrets.X=y").run(context ->
          assertThat(failure(context).property()).isEqualTo("platinur.environments.qa"));
    }
  }
}
