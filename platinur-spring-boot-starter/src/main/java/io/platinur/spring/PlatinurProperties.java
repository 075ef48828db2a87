package io.platinur.spring;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Platinur's settings in a Spring Boot host, under {@code platinur.*}. Every value is checked when
 * the application starts: a bad or missing one stops it with one message naming the property.
 * Secret values (the repository password, the webhook secret, the environments' secrets) never
 * appear in {@code /actuator/env}, {@code /actuator/configprops}, logs or health details.
 */
@ConfigurationProperties("platinur")
public class PlatinurProperties {
  /** Whether to configure Platinur at all. */
  private boolean enabled = true;
  /** Who the webhook endpoint and the scheduled sync act as, in the lane's and the promotions' history. */
  private String actor = "Platinur";

  private final Repository repository = new Repository();
  private final Lane lane = new Lane();
  private final GitHub github = new GitHub();
  private final Digest digest = new Digest();
  private final Webhook webhook = new Webhook();
  private final Sync sync = new Sync();
  private final Health health = new Health();
  private final Metrics metrics = new Metrics();
  /**
   * What each environment owns, keyed {@code staging} and {@code prod}, for credential isolation:
   * no secret value and no database instance may be shared between them.
   */
  private final Map<String, EnvironmentCredentials> environments = new LinkedHashMap<>();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getActor() {
    return actor;
  }

  public void setActor(String actor) {
    this.actor = actor;
  }

  public Repository getRepository() {
    return repository;
  }

  public Lane getLane() {
    return lane;
  }

  public GitHub getGithub() {
    return github;
  }

  public Digest getDigest() {
    return digest;
  }

  public Webhook getWebhook() {
    return webhook;
  }

  public Sync getSync() {
    return sync;
  }

  public Health getHealth() {
    return health;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  public Map<String, EnvironmentCredentials> getEnvironments() {
    return environments;
  }

  /** The Git repository that holds the lane (and the GitOps directories, for promote by digest). */
  public static class Repository {
    /** A bare Git repository on this machine. Set this or {@code url}. */
    private Path path;
    /**
     * A remote Git repository shared by every host (https, ssh or file URL); with GitHub
     * configured and neither this nor {@code path} set, the GitHub repository's own.
     */
    private String url;
    /** Where a remote repository's objects and refs are cached on this machine. */
    private Path cache;
    /** The user name for an https remote ({@code x-access-token} for a GitHub token). */
    private String username = "x-access-token";
    /** The password or token for an https remote; by default the GitHub token. Never shown. */
    private String password;

    public Path getPath() {
      return path;
    }

    public void setPath(Path path) {
      this.path = path;
    }

    public String getUrl() {
      return url;
    }

    public void setUrl(String url) {
      this.url = url;
    }

    public Path getCache() {
      return cache;
    }

    public void setCache(Path cache) {
      this.cache = cache;
    }

    public String getUsername() {
      return username;
    }

    public void setUsername(String username) {
      this.username = username;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }
  }

  /** The staging lane: its branches and each environment's output schemas. */
  public static class Lane {
    /** Whether to run a staging lane on the repository (off for a repository of GitOps directories only). */
    private boolean enabled = true;
    /** The production branch, which promotion PRs merge into. */
    private String productionBranch = "main";
    /** The staging branch, where proposals are applied. */
    private String stagingBranch = "staging";
    /** Staging's output schemas; disjoint from production's. */
    private List<String> stagingSchemas = new ArrayList<>(List.of("staging"));
    /** Production's output schemas; disjoint from staging's. */
    private List<String> productionSchemas = new ArrayList<>(List.of("production"));
    /** The largest file a proposal may write. */
    private DataSize maxFileSize = DataSize.ofMegabytes(10);
    /** The age after which a Git lock file on the lane's refs counts as left by a crashed writer (Sync Promotions removes it). */
    private Duration gitLockStaleAfter = Duration.ofMinutes(2);

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getProductionBranch() {
      return productionBranch;
    }

    public void setProductionBranch(String productionBranch) {
      this.productionBranch = productionBranch;
    }

    public String getStagingBranch() {
      return stagingBranch;
    }

    public void setStagingBranch(String stagingBranch) {
      this.stagingBranch = stagingBranch;
    }

    public List<String> getStagingSchemas() {
      return stagingSchemas;
    }

    public void setStagingSchemas(List<String> stagingSchemas) {
      this.stagingSchemas = stagingSchemas;
    }

    public List<String> getProductionSchemas() {
      return productionSchemas;
    }

    public void setProductionSchemas(List<String> productionSchemas) {
      this.productionSchemas = productionSchemas;
    }

    public DataSize getMaxFileSize() {
      return maxFileSize;
    }

    public void setMaxFileSize(DataSize maxFileSize) {
      this.maxFileSize = maxFileSize;
    }

    public Duration getGitLockStaleAfter() {
      return gitLockStaleAfter;
    }

    public void setGitLockStaleAfter(Duration gitLockStaleAfter) {
      this.gitLockStaleAfter = gitLockStaleAfter;
    }
  }

  /** GitHub as the forge: promotion PRs, CI, deployments, reviews, webhooks. Without it, pull requests live in the repository. */
  public static class GitHub {
    /** The GitHub repository, as OWNER/REPO. Unset: no GitHub, the offline pull-request host. */
    private String repository;
    /** The REST API root; GitHub Enterprise Server's is {@code https://HOST/api/v3}. */
    private URI apiUrl = URI.create("https://api.github.com");
    /** The environment variable that holds the token (unless a GitHub App is configured). */
    private String tokenVariable = "GITHUB_TOKEN";
    /** Check names that must be green besides those GitHub's rules require. */
    private List<String> requiredChecks = new ArrayList<>();
    /** The webhook's secret, with which every delivery's signature is verified. Never shown. */
    private String webhookSecret;

    private final App app = new App();

    public String getRepository() {
      return repository;
    }

    public void setRepository(String repository) {
      this.repository = repository;
    }

    public URI getApiUrl() {
      return apiUrl;
    }

    public void setApiUrl(URI apiUrl) {
      this.apiUrl = apiUrl;
    }

    public String getTokenVariable() {
      return tokenVariable;
    }

    public void setTokenVariable(String tokenVariable) {
      this.tokenVariable = tokenVariable;
    }

    public List<String> getRequiredChecks() {
      return requiredChecks;
    }

    public void setRequiredChecks(List<String> requiredChecks) {
      this.requiredChecks = requiredChecks;
    }

    public String getWebhookSecret() {
      return webhookSecret;
    }

    public void setWebhookSecret(String webhookSecret) {
      this.webhookSecret = webhookSecret;
    }

    public App getApp() {
      return app;
    }
  }

  /** A GitHub App instead of a token: its id, its private key file (PEM) and the installation on the repository. */
  public static class App {
    /** The GitHub App's id. */
    private Long id;
    /** The file holding the App's private key (PEM). */
    private Path privateKeyFile;
    /** The App's installation id on the repository's account. */
    private Long installationId;

    public Long getId() {
      return id;
    }

    public void setId(Long id) {
      this.id = id;
    }

    public Path getPrivateKeyFile() {
      return privateKeyFile;
    }

    public void setPrivateKeyFile(Path privateKeyFile) {
      this.privateKeyFile = privateKeyFile;
    }

    public Long getInstallationId() {
      return installationId;
    }

    public void setInstallationId(Long installationId) {
      this.installationId = installationId;
    }
  }

  /** Promote by digest (ADR-0034) on the repository's GitOps branch. */
  public static class Digest {
    /** Whether to run promote by digest. */
    private boolean enabled;
    /** The branch whose environment directories hold the pins. */
    private String gitopsBranch = "main";
    /** The promotion path, in climbing order. */
    private List<String> environments = new ArrayList<>(List.of("dev", "staging", "prod"));
    /** Where a service's pin lives, with {env} and {service}. */
    private String layout = "environments/{env}/{service}/values.yaml";
    /** The YAML key of the pinned digest in that file. */
    private String key = "image.digest";
    /**
     * What it takes to enter each environment, keyed by environment. An environment not listed is
     * entered on green CI alone; with none listed and the default path, ADR-0034's gates apply
     * (staging → prod: one approval, one hour of soak, a 30-minute canary).
     */
    private Map<String, Step> steps = new LinkedHashMap<>();

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getGitopsBranch() {
      return gitopsBranch;
    }

    public void setGitopsBranch(String gitopsBranch) {
      this.gitopsBranch = gitopsBranch;
    }

    public List<String> getEnvironments() {
      return environments;
    }

    public void setEnvironments(List<String> environments) {
      this.environments = environments;
    }

    public String getLayout() {
      return layout;
    }

    public void setLayout(String layout) {
      this.layout = layout;
    }

    public String getKey() {
      return key;
    }

    public void setKey(String key) {
      this.key = key;
    }

    public Map<String, Step> getSteps() {
      return steps;
    }

    public void setSteps(Map<String, Step> steps) {
      this.steps = steps;
    }
  }

  /** The gate of one step of the promotion path. */
  public static class Step {
    /** Approvals the promotion PR needs (never its author's, only of its current head). */
    private int approvals;
    /** Who may approve; empty: anyone but the PR's author. */
    private List<String> reviewers = new ArrayList<>();
    /** How long the digest must have been deployed healthy in the environment before. */
    private Duration soak = Duration.ZERO;
    /** When set, the step enters through a canary that rolls back without a verdict in this time (needs a CanaryAnalysis bean). */
    private Duration canaryTimeout;

    public int getApprovals() {
      return approvals;
    }

    public void setApprovals(int approvals) {
      this.approvals = approvals;
    }

    public List<String> getReviewers() {
      return reviewers;
    }

    public void setReviewers(List<String> reviewers) {
      this.reviewers = reviewers;
    }

    public Duration getSoak() {
      return soak;
    }

    public void setSoak(Duration soak) {
      this.soak = soak;
    }

    public Duration getCanaryTimeout() {
      return canaryTimeout;
    }

    public void setCanaryTimeout(Duration canaryTimeout) {
      this.canaryTimeout = canaryTimeout;
    }
  }

  /** The GitHub webhook endpoint. */
  public static class Webhook {
    /** Whether to serve the endpoint (with GitHub configured, in a servlet web application). */
    private boolean enabled = true;
    /** Where GitHub delivers; point the repository's webhook here (content type application/json). */
    private String path = "/platinur/webhooks/github";

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }
  }

  /** The scheduled sync: the safety net for webhooks GitHub never delivered (it does not redeliver on its own). */
  public static class Sync {
    /** Whether to sync on a schedule. */
    private boolean enabled = true;
    /** Time between the end of one scheduled sync and the start of the next. */
    private Duration interval = Duration.ofMinutes(5);
    /** Time from start-up to the first scheduled sync. */
    private Duration initialDelay = Duration.ofSeconds(10);

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getInterval() {
      return interval;
    }

    public void setInterval(Duration interval) {
      this.interval = interval;
    }

    public Duration getInitialDelay() {
      return initialDelay;
    }

    public void setInitialDelay(Duration initialDelay) {
      this.initialDelay = initialDelay;
    }
  }

  /** The Actuator health indicator. */
  public static class Health {
    /** How long a merged promotion may wait for Sync Promotions before the lane's lock counts as stale (health DOWN). */
    private Duration staleLockAfter = Duration.ofMinutes(30);
    /** Below this many GitHub requests left in the hour, health is DOWN. */
    private int minimumRateLimit = 100;

    public Duration getStaleLockAfter() {
      return staleLockAfter;
    }

    public void setStaleLockAfter(Duration staleLockAfter) {
      this.staleLockAfter = staleLockAfter;
    }

    public int getMinimumRateLimit() {
      return minimumRateLimit;
    }

    public void setMinimumRateLimit(int minimumRateLimit) {
      this.minimumRateLimit = minimumRateLimit;
    }
  }

  /** Delivery metrics (DORA's four keys) as Micrometer meters, when Micrometer and platinur-micrometer are on the class path. */
  public static class Metrics {
    /** Whether to bind the delivery metrics to the host's meter registry. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** What one environment owns: its secrets by name and the database instances it uses. */
  public static class EnvironmentCredentials {
    /** The environment's secrets, name to value; compared by fingerprint, never shown. */
    private Map<String, String> secrets = new LinkedHashMap<>();
    /** The database instances (host names) the environment's connections use. */
    private List<String> databaseInstances = new ArrayList<>();

    public Map<String, String> getSecrets() {
      return secrets;
    }

    public void setSecrets(Map<String, String> secrets) {
      this.secrets = secrets;
    }

    public List<String> getDatabaseInstances() {
      return databaseInstances;
    }

    public void setDatabaseInstances(List<String> databaseInstances) {
      this.databaseInstances = databaseInstances;
    }
  }

  /** The settings without any secret value. */
  @Override
  public String toString() {
    return "PlatinurProperties[repository " + (repository.url != null ? Wiring.withoutUserInfo(repository.url) : repository.path)
        + ", lane " + lane.stagingBranch + " → " + lane.productionBranch
        + (github.repository != null ? ", GitHub " + github.repository : ", offline") + "]";
  }
}
