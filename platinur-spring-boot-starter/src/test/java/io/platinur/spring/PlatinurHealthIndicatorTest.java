package io.platinur.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.Actor;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitStaging;
import io.platinur.port.TimeSource;
import io.platinur.testkit.forge.FakeGitHub;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The health indicator's verdicts, on a real bare repository and the fake GitHub, the clock the test's. */
class PlatinurHealthIndicatorTest {
  static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
  static final String TOKEN = "ghp_healthIndicatorTestToken0123456789";

  @TempDir
  Path dir;
  Path bare;
  FakeGitHub github;
  final AtomicReference<Instant> now = new AtomicReference<>(T0);
  ApplicationContextRunner runner;

  @BeforeEach
  void start() throws Exception {
    bare = dir.resolve("analytics.git");
    GitStaging.init(bare, GitLaneConfig.of(BranchName.of("main"), BranchName.of("staging")), new CommitAuthor("Ana", "ana@example.com", T0))
        .get().close();
    github = FakeGitHub.start(bare, "acme", "analytics");
    runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PlatinurAutoConfiguration.class))
        .withBean(TimeSource.class, () -> now::get)
        .withPropertyValues("platinur.repository.path=" + bare, "platinur.sync.enabled=false");
  }

  @AfterEach
  void stop() {
    github.close();
  }

  ApplicationContextRunner onGitHub() {
    return runner.withPropertyValues("platinur.github.repository=acme/analytics", "platinur.github.api-url=" + github.apiEndpoint(),
        "platinur.github.token-variable=PLATINUR_HEALTH_TOKEN", "PLATINUR_HEALTH_TOKEN=" + TOKEN);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> detail(Health health, String name) {
    return (Map<String, Object>) health.getDetails().get(name);
  }

  @Test
  void up_with_an_unlocked_lane_offline() {
    runner.run(context -> {
      Health health = context.getBean(PlatinurHealthIndicator.class).health(true);
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(detail(health, "lane")).containsEntry("lock", "unlocked").containsEntry("staged", 0);
      assertThat(health.getDetails()).containsEntry("forge", "offline: pull requests live in the repository");
    });
  }

  @Test
  void a_merged_promotion_waiting_longer_than_stale_lock_after_is_down() {
    runner.withPropertyValues("platinur.health.stale-lock-after=30m").run(context -> {
      StagingLaneService lane = context.getBean(StagingLaneService.class);
      Proposal proposal = Proposal.builder(ProposalId.of("p-1"), "Add orders").write("models/orders.sql", "select 1\n").build();
      assertThat(lane.apply(proposal, new CommitAuthor("Ana", "ana@example.com", T0)).isRight()).isTrue();
      assertThat(lane.openPromotionPr(Actor.of("Ana")).isRight()).isTrue();
      assertThat(lane.mergePromotionPrWithoutSync(Actor.of("Ana")).isRight()).isTrue();
      PlatinurHealthIndicator indicator = context.getBean(PlatinurHealthIndicator.class);

      now.set(T0.plus(Duration.ofMinutes(29)));
      Health fresh = indicator.health(true);
      now.set(T0.plus(Duration.ofMinutes(31)));
      Health stale = indicator.health(true);

      assertThat(fresh.getStatus()).isEqualTo(Status.UP);
      assertThat((String) detail(fresh, "lane").get("lock")).endsWith("merged, awaiting Sync Promotions");
      assertThat(detail(fresh, "lane")).doesNotContainKey("staleLock");
      assertThat(stale.getStatus()).isEqualTo(Status.DOWN);
      assertThat(detail(stale, "lane")).containsEntry("staleLock", "The merged promotion PR has waited for Sync Promotions longer than PT30M"
          + " (platinur.health.stale-lock-after): the scheduled sync is not finalizing it. Run Sync Promotions and look at its answer.");
    });
  }

  @Test
  void github_reachable_with_its_rate_limit_left() {
    onGitHub().run(context -> {
      Health health = context.getBean(PlatinurHealthIndicator.class).health(true);
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(detail(health, "github")).containsEntry("repository", "acme/analytics").containsEntry("reachable", true)
          .containsEntry("rateLimitRemaining", 4999).containsEntry("rateLimit", 5000);
      assertThat(health.toString()).doesNotContain(TOKEN);
    });
  }

  @Test
  void fewer_requests_left_than_minimum_rate_limit_is_down() {
    github.rateLimitRemaining(12);
    onGitHub().withPropertyValues("platinur.health.minimum-rate-limit=50").run(context -> {
      Health health = context.getBean(PlatinurHealthIndicator.class).health(true);
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat((String) detail(health, "github").get("rateLimitLow")).startsWith("12 requests left, fewer than 50 (platinur.health.minimum-rate-limit), until ");
    });
  }

  @Test
  void github_that_does_not_answer_is_down() {
    onGitHub().withPropertyValues("platinur.github.api-url=http://127.0.0.1:9/api").run(context -> {
      Health health = context.getBean(PlatinurHealthIndicator.class).health(true);
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(detail(health, "github")).containsEntry("reachable", false).containsKey("error");
      assertThat(health.toString()).doesNotContain(TOKEN);
    });
  }
}
