package io.platinur.cli;

import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.InvalidValueException;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitRemote;
import io.platinur.git.GitStaging;
import io.platinur.github.GitHubCredentials;
import io.platinur.github.GitHubPlatform;
import io.platinur.github.GitHubSettings;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

/**
 * An opened lane: the configuration from {@code .platinur/}, the Git repository and the use cases,
 * with the offline pull-request host, or GitHub when the lane (or {@code --github}) names a
 * repository there.
 *
 * <p>With GitHub, the configured repository path is a local cache: the lane's refs live in the
 * GitHub repository (fetched before every read, pushed atomically on every change) and promotion
 * PRs are GitHub pull requests. The token comes from an environment variable and is passed to Git
 * and to the API only; it is never printed.
 */
final class LaneContext implements AutoCloseable {
  final LaneHome home;
  final LaneHome.Config config;
  final GitStaging git;
  final StagingLaneService service;
  final Option<GitHubPlatform> github;

  private LaneContext(LaneHome home, LaneHome.Config config, GitStaging git, PullRequestHost pulls, Option<GitHubPlatform> github, Clock clock) {
    this.home = home;
    this.config = config;
    this.git = git;
    this.github = github;
    // several `platinur` processes may share one lane: a lost race waits (with jitter) before retrying
    this.service = new StagingLaneService(laneConfiguration(config), git.staging(), git.laneStateStore(), pulls, clock::instant)
        .withBackoff(git.retryBackoff());
  }

  boolean offline() {
    return github.isEmpty();
  }

  static LaneConfiguration laneConfiguration(LaneHome.Config config) {
    LaneConfiguration.Builder builder = LaneConfiguration.builder();
    builder.stagingBranch(config.staging()).productionBranch(config.production())
        .addAllStagingSchemas(config.stagingSchemas()).addAllProductionSchemas(config.productionSchemas());
    return builder.build();
  }

  /** Opens the lane of {@code common.dir()}, or says in one line why it cannot be opened. */
  static Either<String, LaneContext> open(Common common, Clock clock) {
    LaneHome home = new LaneHome(common.dir());
    Either<String, LaneHome.Config> stored = home.config();
    if (stored.isLeft()) {
      return Either.left(stored.getLeft());
    }
    LaneHome.Config config = withOptions(stored.get(), common);
    GitLaneConfig gitConfig;
    try {
      gitConfig = GitLaneConfig.of(config.production(), config.staging());
      laneConfiguration(config);
    } catch (InvalidValueException e) {
      return Either.left(home.configFile() + ": " + e.getMessage());
    }
    if (config.github().isEmpty()) {
      return GitStaging.open(config.repository(), gitConfig)
          .mapLeft(PortFailure::message)
          .map(git -> new LaneContext(home, config, git, git.offlinePullRequests(), Option.none(), clock));
    }
    Either<String, GitHubLink> link = GitHubLink.of(config, common);
    if (link.isLeft()) {
      return Either.left(link.getLeft());
    }
    return GitStaging.openWithRemote(config.repository(), link.get().remote(), gitConfig)
        .mapLeft(PortFailure::message)
        .map(git -> new LaneContext(home, config, git, link.get().platform().pullRequests(), Option.some(link.get().platform()), clock));
  }

  /** The stored configuration with the GitHub options given on this command line. */
  static LaneHome.Config withOptions(LaneHome.Config config, Common common) {
    return new LaneHome.Config(config.repository(), config.production(), config.staging(), config.stagingSchemas(),
        config.productionSchemas(),
        Option.of(common.github).orElse(config.github()),
        Option.of(common.githubApi).orElse(config.githubApi()),
        Option.of(common.gitUrl).orElse(config.gitUrl()));
  }

  /** GitHub for one repository: the API platform and the Git remote, both with the token. */
  record GitHubLink(GitHubPlatform platform, GitRemote remote) {
    static Either<String, GitHubLink> of(LaneHome.Config config, Common common) {
      return of(config.github().get(), config.githubApi(), config.gitUrl(), common);
    }

    /** GitHub for {@code fullName} (OWNER/REPO), at {@code githubApi} (default github.com), Git data at {@code gitUrl}. */
    static Either<String, GitHubLink> of(String fullName, Option<String> githubApi, Option<String> gitUrl, Common common) {
      String token = common.env.apply(common.tokenEnv);
      if (token == null || token.isBlank()) {
        return Either.left("No GitHub token: the environment variable " + common.tokenEnv + " is not set. Export a token with access to "
            + fullName + ", or name another variable with --token-env.");
      }
      String[] parts = fullName.split("/", -1);
      if (parts.length != 2) {
        return Either.left("‘" + fullName + "’ is not a GitHub repository; write it as OWNER/REPO.");
      }
      try {
        URI api = URI.create(githubApi.getOrElse(GitHubSettings.GITHUB_COM.toString()));
        // Each call, its retries included, fits in the command's total wait for GitHub.
        java.time.Duration wait = common.waitForGitHub();
        GitHubSettings settings = GitHubSettings.builder().apiEndpoint(api).repository(parts[0], parts[1])
            .credentials(GitHubCredentials.token(token))
            .connectTimeout(wait.compareTo(java.time.Duration.ofSeconds(5)) < 0 ? wait : java.time.Duration.ofSeconds(5))
            .requestTimeout(wait)
            .retryBudget(new io.platinur.github.RetryBudget(2, wait.dividedBy(2), java.time.Duration.ofMillis(500)))
            .build();
        String url = gitUrl.getOrElse(() -> defaultGitUrl(api, parts[0], parts[1]));
        GitRemote remote = GitRemote.of(url);
        // Git over http(s) authenticates with the same token; a file:// remote needs none.
        if (url.startsWith("https://") || url.startsWith("http://")) {
          remote = remote.withCredentials("x-access-token", token.toCharArray());
        }
        return Either.right(new GitHubLink(GitHubPlatform.connect(settings), remote));
      } catch (IllegalArgumentException e) {
        return Either.left(e.getMessage());
      }
    }

    /** github.com keeps Git data at github.com; GitHub Enterprise at the API's host. */
    static String defaultGitUrl(URI api, String owner, String repo) {
      if (api.equals(GitHubSettings.GITHUB_COM) || api.getHost().equals("api.github.com")) {
        return "https://github.com/" + owner + "/" + repo + ".git";
      }
      return api.getScheme() + "://" + api.getHost() + (api.getPort() < 0 ? "" : ":" + api.getPort()) + "/" + owner + "/" + repo + ".git";
    }
  }

  /** The local cache's path, for messages. */
  Path repository() {
    return config.repository();
  }

  @Override
  public void close() {
    git.close();
  }
}
