package io.platinur.spring;

import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.Actor;
import io.platinur.domain.InvalidValueException;
import io.platinur.domain.credential.CredentialIsolation;
import io.platinur.domain.credential.EnvironmentCredentials;
import io.platinur.domain.credential.SecretFingerprint;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.StepPolicy;
import io.platinur.domain.environment.Environment;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.repository.BranchName;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitRemote;
import io.platinur.git.GitStaging;
import io.platinur.github.GitHubCredentials;
import io.platinur.github.GitHubSettings;
import io.platinur.port.CanaryAnalysis;
import io.platinur.port.ContinuousIntegration;
import io.platinur.port.DigestDeployments;
import io.platinur.port.OpenPullRequests;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import io.platinur.port.PullRequestReviews;
import io.platinur.port.TimeSource;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

  /** GitHub's settings when {@code platinur.github.repository} is set; {@code environment} reads variables. */
  static Option<GitHubSettings> gitHubSettings(PlatinurProperties properties, Function<String, String> environment) {
    PlatinurProperties.GitHub github = properties.getGithub();
    if (github.getRepository() == null || github.getRepository().isBlank()) {
      return Option.none();
    }
    String[] parts = ownerAndName(github.getRepository());
    GitHubCredentials credentials = gitHubCredentials(github, environment);
    GitHubSettings.Builder builder = GitHubSettings.builder()
        .apiEndpoint(github.getApiUrl())
        .repository(parts[0], parts[1])
        .credentials(credentials)
        .requiredChecks(github.getRequiredChecks());
    if (github.getWebhookSecret() != null && !github.getWebhookSecret().isEmpty()) {
      builder.webhookSecret(github.getWebhookSecret());
    }
    if (properties.getLane().isEnabled()) {
      builder.productionBranch(laneConfiguration(properties).productionBranch());
    }
    return Option.some(checked("platinur.github", builder::build, "Fix the platinur.github properties."));
  }

  private static String[] ownerAndName(String repository) {
    String[] parts = repository.strip().split("/", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new PlatinurPropertyException("platinur.github.repository",
          "platinur.github.repository must be OWNER/REPO, got ‘" + repository + "’.", "Set platinur.github.repository to OWNER/REPO, such as acme/analytics.");
    }
    return parts;
  }

  private static GitHubCredentials gitHubCredentials(PlatinurProperties.GitHub github, Function<String, String> environment) {
    PlatinurProperties.App app = github.getApp();
    if (app.getId() != null || app.getPrivateKeyFile() != null || app.getInstallationId() != null) {
      if (app.getId() == null || app.getPrivateKeyFile() == null || app.getInstallationId() == null) {
        String missing = app.getId() == null ? "platinur.github.app.id"
            : app.getPrivateKeyFile() == null ? "platinur.github.app.private-key-file" : "platinur.github.app.installation-id";
        throw new PlatinurPropertyException(missing, "A GitHub App needs its id, its private key file and its installation id; "
            + missing + " is not set.", "Set " + missing + ", or remove the platinur.github.app properties to use a token.");
      }
      String pem;
      try {
        pem = Files.readString(app.getPrivateKeyFile(), StandardCharsets.US_ASCII);
      } catch (IOException | RuntimeException e) {
        throw new PlatinurPropertyException("platinur.github.app.private-key-file",
            "platinur.github.app.private-key-file: " + app.getPrivateKeyFile() + " cannot be read.",
            "Point platinur.github.app.private-key-file at the App's private key (PEM) as downloaded from GitHub.");
      }
      return checked("platinur.github.app.private-key-file",
          () -> GitHubCredentials.app(app.getId(), pem, app.getInstallationId()),
          "Point platinur.github.app.private-key-file at the App's private key (PEM), and check platinur.github.app.id and installation-id.");
    }
    String variable = github.getTokenVariable();
    if (variable == null || variable.isBlank()) {
      throw new PlatinurPropertyException("platinur.github.token-variable", "platinur.github.token-variable is empty.",
          "Name the environment variable that holds the GitHub token, such as GITHUB_TOKEN.");
    }
    String token = environment.apply(variable);
    if (token == null || token.isBlank()) {
      throw new PlatinurPropertyException("platinur.github.token-variable",
          "No GitHub token: the environment variable " + variable + " (platinur.github.token-variable) is not set.",
          "Export a token with access to " + github.getRepository() + " in " + variable
              + ", or configure a GitHub App with platinur.github.app.id, private-key-file and installation-id.");
    }
    return checked("platinur.github.token-variable", () -> GitHubCredentials.token(token),
        "Put the token alone in " + variable + ".");
  }

  /** The token a remote on GitHub is fetched and pushed with, when the GitHub credentials are a token. */
  static Option<String> gitHubToken(PlatinurProperties properties, Function<String, String> environment) {
    PlatinurProperties.GitHub github = properties.getGithub();
    if (github.getRepository() == null || github.getApp().getId() != null || github.getTokenVariable() == null) {
      return Option.none();
    }
    return Option.of(environment.apply(github.getTokenVariable())).filter(token -> !token.isBlank()).map(String::strip);
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
        .orElse(() -> gitHubSettings(properties, environment).map(settings -> defaultGitHubUrl(settings.apiEndpoint(),
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
        .orElse(() -> gitHubToken(properties, environment));
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

  /** github.com keeps Git data at github.com; GitHub Enterprise Server at the API's host. */
  static String defaultGitHubUrl(URI api, String owner, String repo) {
    if (api.equals(GitHubSettings.GITHUB_COM) || "api.github.com".equals(api.getHost())) {
      return "https://github.com/" + owner + "/" + repo + ".git";
    }
    return api.getScheme() + "://" + api.getHost() + (api.getPort() < 0 ? "" : ":" + api.getPort()) + "/" + owner + "/" + repo + ".git";
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

  /** The promotion path from {@code platinur.digest.environments} and {@code steps}. */
  static PromotionPath promotionPath(PlatinurProperties.Digest digest) {
    List<String> names = List.ofAll(digest.getEnvironments()).map(String::strip);
    if (digest.getSteps().isEmpty() && names.equals(List.of("dev", "staging", "prod"))) {
      return PromotionPath.standard();
    }
    Seq<EnvironmentName> environments = names.map(name -> checked("platinur.digest.environments", () -> EnvironmentName.of(name),
        "List the promotion path's environments, such as dev,staging,prod."));
    for (String stepOf : digest.getSteps().keySet()) {
      if (!names.contains(stepOf) || names.head().equals(stepOf)) {
        throw new PlatinurPropertyException("platinur.digest.steps." + stepOf,
            "platinur.digest.steps." + stepOf + " names no step of the promotion path " + names.mkString(" → ") + ".",
            "Key platinur.digest.steps by an environment the path enters: " + names.tail().mkString(", ") + ".");
      }
    }
    if (environments.isEmpty()) {
      throw new PlatinurPropertyException("platinur.digest.environments", "platinur.digest.environments is empty.",
          "List the promotion path's environments, such as dev,staging,prod.");
    }
    PromotionPath.Builder path = PromotionPath.start(environments.head());
    for (EnvironmentName environment : environments.tail()) {
      path = path.then(environment, stepPolicy(environment.toString(), digest.getSteps().get(environment.toString())));
    }
    Validation<Seq<String>, PromotionPath> built = path.build();
    if (built.isInvalid()) {
      throw new PlatinurPropertyException("platinur.digest.environments",
          "platinur.digest.environments: " + built.getError().mkString(" "), "List each environment once, at least two.");
    }
    return built.get();
  }

  private static StepPolicy stepPolicy(String environment, PlatinurProperties.Step step) {
    if (step == null) {
      return StepPolicy.automatic();
    }
    String property = "platinur.digest.steps." + environment;
    return checked(property, () -> StepPolicy.builder()
            .requiredApprovals(step.getApprovals())
            .allowedReviewers(step.getReviewers())
            .minimumSoak(step.getSoak())
            .canaryTimeout(Option.of(step.getCanaryTimeout()))
            .build(),
        "Set " + property + ".approvals to 0 or more, .soak to a duration and .canary-timeout to a positive duration or nothing.");
  }

  static PinLayout pinLayout(PlatinurProperties.Digest digest) {
    Validation<Seq<String>, PinLayout> parsed = PinLayout.parse(digest.getLayout(), digest.getKey());
    if (parsed.isInvalid()) {
      throw new PlatinurPropertyException("platinur.digest.layout", "platinur.digest.layout: " + parsed.getError().mkString(" "),
          "Set platinur.digest.layout to a path with {env} and {service}, and platinur.digest.key to a YAML key.");
    }
    return parsed.get();
  }

  /** Whether any step of the path enters through a canary (and so needs a {@link CanaryAnalysis}). */
  static boolean hasCanary(PromotionPath path) {
    return path.environments().tail().exists(env -> path.policyFor(env).exists(policy -> policy.canaryTimeout().isDefined()));
  }

  /** The forge's ports a digest promotion needs besides the GitOps repository's own. */
  record DigestForge(PullRequestHost pullRequests, OpenPullRequests openPullRequests, PullRequestReviews reviews,
      ContinuousIntegration ci, Option<DigestDeployments> deployments) {}

  static DigestPromotionService digests(PlatinurProperties properties, GitStaging git, DigestForge forge,
      Option<CanaryAnalysis> canary, TimeSource time) {
    PromotionPath path = promotionPath(properties.getDigest());
    PinLayout layout = pinLayout(properties.getDigest());
    BranchName gitops = gitopsBranch(properties);
    if (hasCanary(path) && canary.isEmpty()) {
      throw new PlatinurPropertyException("platinur.digest.steps",
          "The promotion path " + path + " enters an environment through a canary, and no CanaryAnalysis bean reports its verdict.",
          "Define a bean of type io.platinur.port.CanaryAnalysis (Argo Rollouts, Flagger, …), or leave canary-timeout unset in platinur.digest.steps.");
    }
    GitStaging.DigestPins pins = git.digestPins(gitops, layout);
    CanaryAnalysis analysis = canary.getOrElse(() -> (target, digest) -> Either.right(io.platinur.domain.digest.CanaryVerdict.INCONCLUSIVE));
    return new DigestPromotionService(path, layout, gitops,
        new DigestPromotionService.Ports(pins.pinned(), pins.branches(), forge.pullRequests(), forge.openPullRequests(), forge.reviews(),
            forge.ci(), forge.deployments().getOrElse(pins.deployments()), analysis, git.digestPromotionStore()),
        time).withBackoff(git.retryBackoff());
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
  private static <T> T checked(String property, Supplier<T> make, String action) {
    try {
      return make.get();
    } catch (InvalidValueException e) {
      throw new PlatinurPropertyException(property, property + ": " + e.getMessage(), action);
    }
  }
}
