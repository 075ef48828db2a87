package io.platinur.github;

import io.platinur.port.ContinuousIntegration;
import io.platinur.port.Deployments;
import io.platinur.port.GatePublisher;
import io.platinur.port.OpenPullRequests;
import io.platinur.port.PipelineAlerts;
import io.platinur.port.PullRequestHost;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Objects;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.kohsuke.github.connector.GitHubConnector;

/**
 * Platinur on GitHub (github.com or GitHub Enterprise Server): the ports a
 * {@code StagingLane} host needs, for one repository.
 *
 * <pre>{@code
 * GitHubPlatform github = GitHubPlatform.connect(settings);
 * PullRequestHost promotionPrs = github.pullRequests();
 * ContinuousIntegration ci = github.ci();
 * }</pre>
 *
 * <p>Connecting sends nothing: the first request goes out with the first port call. Every call
 * then has a connect and a request timeout, is retried only within the configured
 * {@link RetryBudget} (never by sleeping until a rate limit resets), and GETs are conditional,
 * so polling something unchanged is answered {@code 304} and spends no primary rate limit.
 * Failures come back as {@link io.platinur.port.PortFailure} values, never as exceptions.
 *
 * <p>GitHub is the truth: each answer is read fresh from it (or confirmed unchanged by it). Webhooks
 * ({@link GitHubWebhooks}) only tell a host when to look again sooner.
 *
 * <p>Instances are thread-safe; create one per repository and keep it.
 */
public final class GitHubPlatform implements io.platinur.port.ForgePorts {
  private final GitHubSettings settings;
  private final PullRequestHost pullRequests;
  private final OpenPullRequests openPullRequests;
  private final ContinuousIntegration continuousIntegration;
  private final Deployments deployments;
  private final GitHubDigestEvidence digestEvidence;
  private final PipelineAlerts alerts;
  private final GatePublisher gatePublisher;
  private final Secrets secrets;
  private final GitHub gitHub;

  GitHubPlatform(GitHubSettings settings, Sleeper sleeper, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.secrets = Secrets.of(settings.credentials(), settings.webhookSecret());
    GitHubConnector network = new RetryingConnector(
        new ScrubbingConnector(new JdkHttpConnector(settings.connectTimeout(), settings.requestTimeout()), secrets),
        settings.retryBudget(), sleeper, clock);
    GitHubConnector conditional = settings.conditionalCacheEntries() == 0
        ? network
        : new ConditionalRequestConnector(network, settings.conditionalCacheEntries());
    GitHubCredentials credentials = settings.credentials();
    AuthorizationProvider authorization;
    GitHubConnector connector;
    if (credentials.isApp()) {
      AppInstallationTokens tokens = new AppInstallationTokens(settings.apiEndpoint(), credentials, network, clock, secrets);
      authorization = tokens;
      connector = new TokenRefreshingConnector(conditional, tokens);
    } else {
      authorization = new BearerToken(credentials.token());
      connector = conditional;
    }
    GitHub gitHub;
    try {
      gitHub = new GitHubBuilder()
          .withEndpoint(settings.apiEndpoint().toString())
          .withAuthorizationProvider(authorization)
          .withConnector(connector)
          // github-api's defaults sleep until a limit resets; RetryingConnector decides instead.
          .withRateLimitHandler(GitHubRateLimitHandler.FAIL)
          .withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL)
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not set up the GitHub client for " + settings.fullName(), e);
    }
    this.gitHub = gitHub;
    RepositoryHandle repository = new RepositoryHandle(gitHub, settings.fullName());

    RestCalls rest = new RestCalls(settings.apiEndpoint(), connector, authorization);
    Option<BranchRules> rules = settings.productionBranch().map(branch -> new BranchRules(rest, settings.fullName(), branch));
    this.pullRequests = new GitHubPullRequestHost(repository, settings.owner(), settings.retryBudget(), sleeper, rest, rules);
    this.openPullRequests = new GitHubOpenPullRequests(repository, pullRequests);
    this.continuousIntegration = new GitHubContinuousIntegration(
        repository, settings.noChecksPolicy(), settings.requiredChecks(), rules);
    this.deployments = new GitHubDeployments(repository);
    this.digestEvidence = new GitHubDigestEvidence(repository);
    this.alerts = new GitHubPipelineAlerts(repository, settings.alertLabels());
    this.gatePublisher = new GitHubGatePublisher(repository, credentials.isApp());
  }

  /** A platform for the configured repository; sends no request until a port is used. */
  public static GitHubPlatform connect(GitHubSettings settings) {
    return new GitHubPlatform(settings, Sleeper.REAL, Clock.systemUTC());
  }

  /** Promotion PRs: open (idempotently), find, read, merge at an exact head, close. */
  @Override
  public PullRequestHost pullRequests() {
    return pullRequests;
  }

  /**
   * The open pull requests with their heads, bases, labels and update times, for preview
   * environments ({@code PreviewEnvironmentService}).
   */
  @Override
  public OpenPullRequests openPullRequests() {
    return openPullRequests;
  }

  /** Commit statuses and check runs at an exact commit, reduced to one {@code CiState}. */
  @Override
  public ContinuousIntegration ci() {
    return continuousIntegration;
  }

  /** The latest status of the latest deployment of a commit to an environment. */
  @Override
  public Deployments deployments() {
    return deployments;
  }

  /**
   * A promotion PR's reviews and author, for approval gates: approvals carry the head commit they
   * were made on, so an approval of an older head never counts.
   */
  @Override
  public io.platinur.port.PullRequestReviews reviews() {
    return digestEvidence;
  }

  /**
   * Deployment statuses of a service's digests, with GitHub's own times, for soak: deployments to
   * the environment whose payload is {@code {"service": "<service>", "digest": "sha256:…"}}.
   */
  @Override
  public io.platinur.port.DigestDeployments digestDeployments() {
    return digestEvidence;
  }

  /** Pipeline-health alerts as GitHub issues, one open issue per cause. */
  public PipelineAlerts alerts() {
    return alerts;
  }

  /**
   * A receiver for this repository's webhook deliveries, signed with the configured
   * {@link GitHubSettings.Builder#webhookSecret webhook secret}, reporting pull-request events only
   * for promotion PRs from {@code staging} into {@code production} of this repository. Its messages
   * are scrubbed of every secret the platform holds.
   *
   * @throws io.platinur.domain.InvalidValueException when no webhook secret is configured
   */
  public GitHubWebhooks webhooks(io.platinur.domain.repository.BranchName staging,
      io.platinur.domain.repository.BranchName production) {
    if (settings.webhookSecret().isEmpty()) {
      throw new io.platinur.domain.InvalidValueException(
          "No webhook secret is configured: set GitHubSettings.Builder.webhookSecret to receive webhooks.");
    }
    return GitHubWebhooks.withSecret(settings.webhookSecret().get(), secrets).forPromotionPrs(staging, production);
  }

  /**
   * The promotion gate on GitHub: each decision as the commit status {@code platinur/promotion-gate}
   * at its exact commit and, with GitHub App credentials, a check run of that name listing every
   * condition with its evidence. Pass it to {@code PromotionGateService.withPublisher}; require the
   * status (or check) in a ruleset or branch protection so that even a merge by hand honours the gate.
   */
  @Override
  public GatePublisher gatePublisher() {
    return gatePublisher;
  }

  /**
   * The core REST rate limit of the configured credentials, read now ({@code GET /rate_limit},
   * which GitHub does not count against the limit): what is left of the hour's requests and when
   * the hour resets. Answers whether GitHub is reachable with these credentials at all, so a health
   * check reads it; the ports never need it.
   */
  public io.vavr.control.Either<io.platinur.port.PortFailure, GitHubRateLimit> rateLimit() {
    return Failures.attempt("read the rate limit", () -> {
      org.kohsuke.github.GHRateLimit.Record core = gitHub.getRateLimit().getCore();
      return io.vavr.control.Either.right(new GitHubRateLimit(core.getRemaining(), core.getLimit(), core.getResetDate().toInstant()));
    });
  }

  public GitHubSettings settings() {
    return settings;
  }

  @Override
  public String toString() {
    return "GitHubPlatform[" + settings.fullName() + " at " + settings.apiEndpoint() + "]";
  }

  /** A fixed token, sent as {@code Bearer}; never shown by toString. */
  private static final class BearerToken implements AuthorizationProvider {
    private final String header;

    BearerToken(String token) {
      this.header = "Bearer " + token;
    }

    @Override
    public String getEncodedAuthorization() {
      return header;
    }

    @Override
    public String toString() {
      return "BearerToken[hidden]";
    }
  }
}
