package io.platinur.spring;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.application.metrics.DeliveryMetricsService;
import io.platinur.application.preview.PreviewEnvironmentService;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.git.GitStaging;
import io.platinur.github.GitHubPlatform;
import io.platinur.github.GitHubSettings;
import io.platinur.github.GitHubWebhooks;
import io.platinur.micrometer.DeliveryMetricsBinder;
import io.platinur.port.CanaryAnalysis;
import io.platinur.port.DeliveryHistory;
import io.platinur.port.TimeSource;
import io.vavr.control.Option;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Platinur in a Spring Boot host, from {@code platinur.*} properties ({@link PlatinurProperties}):
 * the Git repository, the staging lane, promote by digest, GitHub, the webhook endpoint, the
 * scheduled sync, Actuator health and info, and delivery metrics when Micrometer is present. Every
 * bean backs off when the host defines one of its type, so a host replaces any part (its own
 * {@link TimeSource}, a {@link StagingLaneService} with a workspace, …). A host that defines a
 * {@link PreviewEnvironmentService} gets its reconcile run by the webhook and the schedule too.
 *
 * <p>A bad or missing property stops the start with one message naming it
 * ({@link PlatinurPropertyException}, reported by {@link PlatinurFailureAnalyzer}); so does a
 * configuration in which Staging and Prod share a secret value or a database instance.
 */
@AutoConfiguration
@EnableConfigurationProperties(PlatinurProperties.class)
@ConditionalOnProperty(prefix = "platinur", name = "enabled", matchIfMissing = true)
public class PlatinurAutoConfiguration {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PlatinurAutoConfiguration.class);

  /** The environments' credentials checked once, before the repository is opened: ADR-005's isolation. */
  @Bean
  @ConditionalOnMissingBean
  CredentialIsolationCheck platinurCredentialIsolation(PlatinurProperties properties) {
    Wiring.checkCredentialIsolation(properties);
    return new CredentialIsolationCheck();
  }

  @Bean
  @ConditionalOnMissingBean
  TimeSource platinurTimeSource() {
    Clock clock = Clock.systemUTC();
    return clock::instant;
  }

  /** The repository, opened once; closed with the context. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  GitStaging platinurRepository(PlatinurProperties properties, Environment environment, CredentialIsolationCheck isolation) {
    return Wiring.openRepository(properties, environment::getProperty);
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "platinur.github", name = "repository")
  GitHubPlatform platinurGitHub(PlatinurProperties properties, Environment environment) {
    GitHubSettings settings = GitHubWiring.gitHubSettings(properties, environment::getProperty).get();
    return GitHubPlatform.connect(settings);
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "platinur.lane", name = "enabled", matchIfMissing = true)
  StagingLaneService platinurLane(PlatinurProperties properties, GitStaging git, ObjectProvider<GitHubPlatform> github,
      TimeSource time) {
    LaneConfiguration config = Wiring.laneConfiguration(properties);
    return Wiring.lane(config, git, Option.of(github.getIfAvailable()).map(GitHubPlatform::pullRequests)
        .getOrElse(() -> git.offlineHost().pullRequests()), time);
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "platinur.digest", name = "enabled", havingValue = "true")
  DigestPromotionService platinurDigestPromotions(PlatinurProperties properties, GitStaging git,
      ObjectProvider<GitHubPlatform> github, ObjectProvider<CanaryAnalysis> canary, TimeSource time) {
    GitHubPlatform forge = github.getIfAvailable();
    if (forge == null) {
      throw new PlatinurPropertyException("platinur.github.repository",
          "Promote by digest (platinur.digest.enabled) needs GitHub for its reviews, CI and deployments: platinur.github.repository is not set.",
          "Set platinur.github.repository to OWNER/REPO, or set platinur.digest.enabled to false.");
    }
    return DigestWiring.digests(properties, git, forge, Option.of(canary.getIfAvailable()), time);
  }

  /** The syncs the webhook and the schedule ask for, on one thread of their own. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  PlatinurSyncs platinurSyncs(PlatinurProperties properties, TimeSource time, ObjectProvider<StagingLaneService> lane,
      ObjectProvider<DigestPromotionService> digests, ObjectProvider<PreviewEnvironmentService> previews) {
    ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "platinur-sync");
      thread.setDaemon(true);
      return thread;
    });
    return new PlatinurSyncs(executor, Wiring.actor(properties), time, Option.of(lane.getIfAvailable()),
        Option.of(digests.getIfAvailable()), Option.of(previews.getIfAvailable()), executor::shutdown);
  }

  /** The safety net for lost webhooks: every sync on a fixed delay. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "platinur.sync", name = "enabled", matchIfMissing = true)
  SyncSchedule platinurSyncSchedule(PlatinurProperties properties, PlatinurSyncs syncs, ObjectProvider<ScheduledRefresh> refreshes) {
    PlatinurProperties.Sync sync = properties.getSync();
    Wiring.checkPositive("platinur.sync.interval", sync.getInterval());
    if (sync.getInitialDelay() == null || sync.getInitialDelay().isNegative()) {
      throw new PlatinurPropertyException("platinur.sync.initial-delay",
          "platinur.sync.initial-delay must be zero or a positive duration, got " + sync.getInitialDelay() + ".",
          "Set platinur.sync.initial-delay to a duration such as 10s.");
    }
    ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    scheduler.setThreadNamePrefix("platinur-schedule-");
    scheduler.setDaemon(true);
    scheduler.initialize();
    return new SyncSchedule(syncs, scheduler, sync.getInitialDelay(), sync.getInterval(), Clock.systemUTC(), scheduler::shutdown,
        refreshes.orderedStream().toList());
  }

  /** Marks that credential isolation was checked; the repository is opened after it. */
  static final class CredentialIsolationCheck {}

  /** The webhook endpoint, in a servlet web application with GitHub configured. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(RouterFunction.class)
  @ConditionalOnProperty(prefix = "platinur.github", name = "repository")
  @ConditionalOnBooleanProperty(name = "platinur.webhook.enabled", matchIfMissing = true)
  static class WebhookConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "platinurWebhookRoute")
    RouterFunction<ServerResponse> platinurWebhookRoute(PlatinurProperties properties, GitHubPlatform github,
        ObjectProvider<StagingLaneService> lane, PlatinurSyncs syncs) {
      String secret = properties.getGithub().getWebhookSecret();
      if (secret == null || secret.isEmpty()) {
        throw new PlatinurPropertyException("platinur.github.webhook-secret",
            "platinur.github.webhook-secret is not set: the webhook endpoint refuses every unsigned delivery, so it needs the secret.",
            "Set platinur.github.webhook-secret to the secret of the repository's webhook, or set platinur.webhook.enabled to false.");
      }
      String path = properties.getWebhook().getPath();
      if (path == null || !path.startsWith("/")) {
        throw new PlatinurPropertyException("platinur.webhook.path", "platinur.webhook.path must start with /, got ‘" + path + "’.",
            "Set platinur.webhook.path to a path such as /platinur/webhooks/github.");
      }
      Option<GitHubWebhooks> promotionPrs = Option.of(lane.getIfAvailable())
          .map(service -> github.webhooks(service.configuration().stagingBranch(), service.configuration().productionBranch()));
      GitHubWebhookEndpoint endpoint = new GitHubWebhookEndpoint(GitHubWebhooks.withSecret(secret), promotionPrs, syncs);
      return RouterFunctions.route().POST(path, endpoint::handle).build();
    }
  }

  /** Actuator's health indicator and info contributor, and the sanitizer that keeps secrets out of its endpoints. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({HealthIndicator.class, InfoContributor.class, SanitizingFunction.class})
  static class ActuatorConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "platinurHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("platinur")
    PlatinurHealthIndicator platinurHealthIndicator(PlatinurProperties properties, ObjectProvider<StagingLaneService> lane,
        ObjectProvider<GitHubPlatform> github, PlatinurSyncs syncs, TimeSource time) {
      Wiring.checkPositive("platinur.health.stale-lock-after", properties.getHealth().getStaleLockAfter());
      return new PlatinurHealthIndicator(Option.of(lane.getIfAvailable()), Option.of(github.getIfAvailable()), syncs,
          properties.getHealth(), time);
    }

    @Bean
    @ConditionalOnMissingBean(name = "platinurInfoContributor")
    PlatinurInfoContributor platinurInfoContributor(PlatinurProperties properties, ObjectProvider<StagingLaneService> lane,
        ObjectProvider<DigestPromotionService> digests) {
      return new PlatinurInfoContributor(properties, Option.of(lane.getIfAvailable()), Option.of(digests.getIfAvailable()));
    }

    @Bean
    @ConditionalOnMissingBean(name = "platinurSanitizer")
    SanitizingFunction platinurSanitizer(PlatinurProperties properties) {
      return new PlatinurSanitizer(properties.getGithub().getTokenVariable());
    }
  }

  /** Delivery metrics (DORA's four keys) as Micrometer meters, when Micrometer and platinur-micrometer are present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({MeterBinder.class, DeliveryMetricsBinder.class})
  @ConditionalOnProperty(prefix = "platinur.metrics", name = "enabled", matchIfMissing = true)
  static class MetricsConfiguration {
    @Bean
    @ConditionalOnMissingBean
    DeliveryMetricsBinder platinurDeliveryMetrics(PlatinurProperties properties, GitStaging git, TimeSource time) {
      DeliveryHistory history = git.deliveryHistory();
      if (properties.getDigest().isEnabled()) {
        PromotionPath path = DigestWiring.promotionPath(properties.getDigest());
        history = git.deliveryHistory(Wiring.gitopsBranch(properties), DigestWiring.pinLayout(properties.getDigest()), path.environments().head());
      }
      return new DeliveryMetricsBinder(new DeliveryMetricsService(history), time);
    }

    /** The meters read what is new in Git on every tick of the schedule. */
    @Bean
    ScheduledRefresh platinurDeliveryMetricsRefresh(DeliveryMetricsBinder metrics) {
      return () -> metrics.refresh().peekLeft(failure -> LOG.warn("Platinur's delivery metrics were not refreshed; the next tick tries again: {}",
          failure.message()));
    }
  }
}
