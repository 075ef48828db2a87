package io.platinur.spring;

import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.Actor;
import io.platinur.domain.InvalidValueException;
import io.platinur.domain.credential.CredentialIsolation;
import io.platinur.domain.credential.EnvironmentCredentials;
import io.platinur.domain.credential.SecretFingerprint;
import io.platinur.domain.environment.Environment;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.repository.BranchName;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitRemote;
import io.platinur.git.GitStaging;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import io.platinur.port.TimeSource;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one place where {@code platinur.*} properties become Platinur's parts: each method checks
 * what it reads and names the property at fault ({@link PlatinurPropertyException}).
 */
final class Wiring {
  private Wiring() {}

  static Actor actor(PlatinurProperties properties) {
    return checked("platinur.actor", () -> Actor.of(properties.getActor()), "Set platinur.actor to a name, such as Platinur.");
  }

  static BranchName branch(String property, String name) {
    if (name == null || name.isBlank()) {
      throw new PlatinurPropertyException(property, property + " is not set.", "Set " + property + " to a branch name.");
    }
    Validation<String, BranchName> parsed = BranchName.parse(name);
    if (parsed.isInvalid()) {
      throw new PlatinurPropertyException(property, property + ": " + parsed.getError(), "Set " + property + " to a valid branch name.");
    }
    return parsed.get();
  }

  /** The lane's branches and schemas, every rule of {@link LaneConfiguration} checked at once. */
  static LaneConfiguration laneConfiguration(PlatinurProperties properties) {
    PlatinurProperties.Lane lane = properties.getLane();
    BranchName production = branch("platinur.lane.production-branch", lane.getProductionBranch());
    BranchName staging = branch("platinur.lane.staging-branch", lane.getStagingBranch());
    return checked("platinur.lane", () -> LaneConfiguration.builder()
            .stagingBranch(staging)
            .productionBranch(production)
            .addAllStagingSchemas(lane.getStagingSchemas())
            .addAllProductionSchemas(lane.getProductionSchemas())
            .build(),
        "Fix platinur.lane.staging-branch, production-branch, staging-schemas and production-schemas.");
  }

  /** The branches the repository is opened with: the lane's, or the GitOps branch alone. */
  static GitLaneConfig gitLaneConfig(PlatinurProperties properties) {
    PlatinurProperties.Lane lane = properties.getLane();
    BranchName production;
    BranchName staging;
    if (lane.isEnabled()) {
      LaneConfiguration config = laneConfiguration(properties);
      production = config.productionBranch();
      staging = config.stagingBranch();
    } else {
      // a repository of GitOps directories: the second branch is never read or written, it only has to differ
      production = gitopsBranch(properties);
      staging = BranchName.of(production.name().equals("staging") ? "main" : "staging");
    }
    long maxBytes = lane.getMaxFileSize().toBytes();
    return checked("platinur.lane.max-file-size", () -> new GitLaneConfig(production, staging, maxBytes, lane.getGitLockStaleAfter()),
        "Set platinur.lane.max-file-size to a positive size and platinur.lane.git-lock-stale-after to a positive duration.");
  }

  static BranchName gitopsBranch(PlatinurProperties properties) {
    return branch("platinur.digest.gitops-branch", properties.getDigest().getGitopsBranch());
  }

  /** Opens the configured repository: a bare one on this machine, or a remote through a local cache. */
  static GitStaging openRepository(PlatinurProperties properties, Function<String, String> environment) {
    PlatinurProperties.Repository repository = properties.getRepository();
    GitLaneConfig config = gitLaneConfig(properties);
    if (repository.getPath() != null && repository.getUrl() != null) {
      throw new PlatinurPropertyException("platinur.repository.url", "Set platinur.repository.path or platinur.repository.url, not both.",
          "Keep platinur.repository.path for a repository on this machine, or platinur.repository.url for a shared remote.");
    }
    if (repository.getPath() != null) {
      return opened("platinur.repository.path", GitStaging.open(repository.getPath(), config),
          "Point platinur.repository.path at a bare Git repository (git init --bare) with the branch "
              + config.production() + ".");
    }
    Option<String> url = Option.of(repository.getUrl()).filter(u -> !u.isBlank())
        .orElse(() -> GitHubWiring.gitHubSettings(properties, environment).map(settings -> GitHubWiring.defaultGitHubUrl(settings.apiEndpoint(),
            settings.owner(), settings.repository())));
    if (url.isEmpty()) {
      throw new PlatinurPropertyException("platinur.repository.path",
          "Platinur has no repository: platinur.repository.path and platinur.repository.url are not set.",
          "Set platinur.repository.path to a bare Git repository on this machine, or platinur.repository.url to a remote "
              + "(with platinur.github.repository alone, the GitHub repository is used).");
    }
    GitRemote remote = checked("platinur.repository.url", () -> GitRemote.of(url.get()), "Set platinur.repository.url to an https, ssh or file URL.");
    boolean http = url.get().startsWith("https://") || url.get().startsWith("http://");
    Option<String> password = Option.of(repository.getPassword()).filter(p -> !p.isEmpty())
        .orElse(() -> GitHubWiring.gitHubToken(properties, environment));
    if (http && password.isDefined()) {
      remote = remote.withCredentials(repository.getUsername(), password.get().toCharArray());
    }
    Path cache = repository.getCache() != null ? repository.getCache() : defaultCache(url.get());
    Either<PortFailure, GitStaging> opened = properties.getLane().isEnabled()
        ? GitStaging.openWithRemote(cache, remote, config)
        : GitStaging.openGitOpsWithRemote(cache, remote, config.production());
    return opened("platinur.repository.url", opened,
        "Check platinur.repository.url, the credentials (platinur.repository.username and password, or the GitHub token) "
            + "and that the branch " + config.production() + " exists there.");
  }

  private static GitStaging opened(String property, Either<PortFailure, GitStaging> opened, String action) {
    if (opened.isLeft()) {
      throw new PlatinurPropertyException(property, property + ": " + opened.getLeft().message(), action);
    }
    return opened.get();
  }

  private static Path defaultCache(String url) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(withoutUserInfo(url).getBytes(StandardCharsets.UTF_8));
      return Path.of(System.getProperty("java.io.tmpdir"), "platinur", HexFormat.of().formatHex(hash, 0, 8) + ".git");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** A URL as it may be shown: without a user name or password in it. */
  static String withoutUserInfo(String url) {
    return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
  }

  static StagingLaneService lane(LaneConfiguration config, GitStaging git, PullRequestHost pullRequests, TimeSource time) {
    return new StagingLaneService(config, git.staging(), git.laneStateStore(), pullRequests, time).withBackoff(git.retryBackoff());
  }

  /**
   * Refuses a configuration in which Staging and Prod share a secret value or a database instance
   * (ADR-005's credential isolation), naming the secrets by name only.
   */
  static void checkCredentialIsolation(PlatinurProperties properties) {
    Map<String, PlatinurProperties.EnvironmentCredentials> configured = properties.getEnvironments();
    for (String key : configured.keySet()) {
      if (!key.equals("staging") && !key.equals("prod")) {
        throw new PlatinurPropertyException("platinur.environments." + key,
            "platinur.environments." + key + " names no environment: they are staging and prod.",
            "Key platinur.environments by staging or prod.");
      }
    }
    EnvironmentCredentials staging = credentials(Environment.STAGING, configured.get("staging"));
    EnvironmentCredentials prod = credentials(Environment.PROD, configured.get("prod"));
    Seq<String> violations = CredentialIsolation.violations(staging, prod);
    if (!violations.isEmpty()) {
      throw new PlatinurPropertyException("platinur.environments",
          "Staging and Prod are not isolated (platinur.environments): " + violations.mkString(" "),
          "Give each environment its own secret values and database instances under platinur.environments.staging and platinur.environments.prod.");
    }
  }

  private static EnvironmentCredentials credentials(Environment environment, PlatinurProperties.EnvironmentCredentials configured) {
    if (configured == null) {
      return new EnvironmentCredentials(environment, HashMap.empty(), HashSet.empty());
    }
    HashMap<String, SecretFingerprint> secrets = HashMap.ofAll(configured.getSecrets())
        .filterValues(value -> value != null && !value.isEmpty())
        .mapValues(value -> SecretFingerprint.of(value.toCharArray()));
    return new EnvironmentCredentials(environment, secrets,
        HashSet.ofAll(configured.getDatabaseInstances()).map(instance -> instance.strip().toLowerCase(Locale.ROOT)));
  }

  static void checkPositive(String property, Duration duration) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new PlatinurPropertyException(property, property + " must be a positive duration, got " + duration + ".",
          "Set " + property + " to a duration such as 5m.");
    }
  }

  /** Runs a domain constructor; its refusal becomes a property failure naming {@code property}. */
  static <T> T checked(String property, Supplier<T> make, String action) {
    try {
      return make.get();
    } catch (InvalidValueException e) {
      throw new PlatinurPropertyException(property, property + ": " + e.getMessage(), action);
    }
  }
}
