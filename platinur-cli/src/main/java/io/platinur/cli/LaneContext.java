package io.platinur.cli;

import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.InvalidValueException;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.forge.ForgeWords;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitRemote;
import io.platinur.git.GitStaging;
import io.platinur.github.GitHubCredentials;
import io.platinur.github.GitHubPlatform;
import io.platinur.github.GitHubSettings;
import io.platinur.gitlab.GitLabCredentials;
import io.platinur.gitlab.GitLabPlatform;
import io.platinur.gitlab.GitLabSettings;
import io.platinur.port.ContinuousIntegration;
import io.platinur.port.Deployments;
import io.platinur.port.DigestDeployments;
import io.platinur.port.OpenPullRequests;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import io.platinur.port.PullRequestReviews;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/**
 * An opened lane: the configuration from {@code .platinur/}, the Git repository and the use cases,
 * with the offline pull-request host, or a forge (GitHub or GitLab) when the lane (or
 * {@code --github}, {@code --gitlab}) names a repository there.
 *
 * <p>On a forge, the configured repository path is a local cache: the lane's refs live in the
 * forge's repository (fetched before every read, pushed atomically on every change) and promotion
 * PRs are the forge's pull or merge requests. The token comes from an environment variable and is
 * passed to Git and to the API only; it is never printed.
 */
final class LaneContext implements AutoCloseable {
  final LaneHome home;
  final LaneHome.Config config;
  final GitStaging git;
  final StagingLaneService service;
  final Option<ForgeLink> forge;

  private LaneContext(LaneHome home, LaneHome.Config config, GitStaging git, PullRequestHost pulls, Option<ForgeLink> forge, Clock clock) {
    this.home = home;
    this.config = config;
    this.git = git;
    this.forge = forge;
    // several `platinur` processes may share one lane: a lost race waits (with jitter) before retrying
    this.service = new StagingLaneService(laneConfiguration(config), git.staging(), git.laneStateStore(), pulls, clock::instant)
        .withBackoff(git.retryBackoff());
  }

  boolean offline() {
    return forge.isEmpty();
  }

  /** The words the lane's messages are shown in: GitLab's on GitLab, the seed's otherwise. */
  ForgeWords words() {
    return forge.map(ForgeLink::words).getOrElse(ForgeWords.GITHUB);
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
    if (!config.onForge()) {
      return GitStaging.open(config.repository(), gitConfig)
          .mapLeft(PortFailure::message)
          .map(git -> new LaneContext(home, config, git, git.offlineHost().pullRequests(), Option.none(), clock));
    }
    Either<String, ForgeLink> link = ForgeLink.of(config, common);
    if (link.isLeft()) {
      return Either.left(link.getLeft());
    }
    return GitStaging.openWithRemote(config.repository(), link.get().remote(), gitConfig)
        .mapLeft(PortFailure::message)
        .map(git -> new LaneContext(home, config, git, link.get().pullRequests(), Option.some(link.get()), clock));
  }

  /** The stored configuration with the forge options given on this command line. */
  static LaneHome.Config withOptions(LaneHome.Config config, Common common) {
    if (common.github != null && common.gitlab != null) {
      throw new Common.BadInput("Name one forge: --github or --gitlab, not both.");
    }
    return new LaneHome.Config(config.repository(), config.production(), config.staging(), config.stagingSchemas(),
        config.productionSchemas(),
        Option.of(common.github).orElse(config.github()),
        Option.of(common.githubApi).orElse(config.githubApi()),
        Option.of(common.gitUrl).orElse(config.gitUrl()),
        Option.of(common.gitlab).orElse(config.gitlab()),
        Option.of(common.gitlabApi).orElse(config.gitlabApi()));
  }

  /**
   * A forge for one repository: the ports the command uses, the Git remote (both with the token),
   * its name and its words for the seed's messages.
   */
  record ForgeLink(String name, String where, ForgeWords words, PullRequestHost pullRequests, OpenPullRequests openPullRequests,
      PullRequestReviews reviews, ContinuousIntegration ci, Deployments deployments,
      DigestDeployments digestDeployments, GitRemote remote) {

    /** The forge's ports as one bundle, in its words. */
    io.platinur.port.ForgePorts ports() {
      return io.platinur.port.ForgePorts.builder().pullRequests(pullRequests).openPullRequests(openPullRequests).reviews(reviews)
          .ci(ci).deployments(deployments).digestDeployments(digestDeployments).words(words).build();
    }

    static Either<String, ForgeLink> of(LaneHome.Config config, Common common) {
      if (config.github().isDefined() && config.gitlab().isDefined()) {
        return Either.left("The lane names both GitHub (" + config.github().get() + ") and GitLab (" + config.gitlab().get()
            + "); keep one of them in " + new LaneHome(common.dir()).configFile() + ".");
      }
      return config.gitlab().isDefined()
          ? gitlab(config.gitlab().get(), config.gitlabApi(), config.gitUrl(), common)
          : github(config.github().get(), config.githubApi(), config.gitUrl(), common);
    }

    /** GitHub for {@code fullName} (OWNER/REPO), at {@code githubApi} (default github.com), Git data at {@code gitUrl}. */
    static Either<String, ForgeLink> github(String fullName, Option<String> githubApi, Option<String> gitUrl, Common common) {
      String token = common.env.apply(common.tokenEnv(false));
      if (token == null || token.isBlank()) {
        return Either.left("No GitHub token: the environment variable " + common.tokenEnv(false) + " is not set. Export a token with access to "
            + fullName + ", or name another variable with --token-env.");
      }
      String[] parts = fullName.split("/", -1);
      if (parts.length != 2) {
        return Either.left("‘" + fullName + "’ is not a GitHub repository; write it as OWNER/REPO.");
      }
      try {
        URI api = URI.create(githubApi.getOrElse(GitHubSettings.GITHUB_COM.toString()));
        // Each call, its retries included, fits in the command's total wait for the forge.
        java.time.Duration wait = common.waitForGitHub();
        GitHubSettings settings = GitHubSettings.builder().apiEndpoint(api).repository(parts[0], parts[1])
            .credentials(GitHubCredentials.token(token))
            .connectTimeout(wait.compareTo(java.time.Duration.ofSeconds(5)) < 0 ? wait : java.time.Duration.ofSeconds(5))
            .requestTimeout(wait)
            .retryBudget(new io.platinur.github.RetryBudget(2, wait.dividedBy(2), java.time.Duration.ofMillis(500)))
            .build();
        String url = gitUrl.getOrElse(() -> defaultGitHubUrl(api, parts[0], parts[1]));
        GitHubPlatform github = GitHubPlatform.connect(settings);
        return Either.right(new ForgeLink("GitHub", fullName, ForgeWords.GITHUB, github.pullRequests(), github.openPullRequests(),
            github.reviews(), github.ci(), github.deployments(), github.digestDeployments(),
            remote(url, "x-access-token", token)));
      } catch (IllegalArgumentException e) {
        return Either.left(e.getMessage());
      }
    }

    /**
     * GitLab for {@code project} (GROUP/PROJECT, subgroups allowed), at {@code gitlabApi} (default
     * gitlab.com), Git data at {@code gitUrl}; a personal, project or group access token
     * ({@code --token-kind}).
     */
    static Either<String, ForgeLink> gitlab(String project, Option<String> gitlabApi, Option<String> gitUrl, Common common) {
      String variable = common.tokenEnv(true);
      String token = common.env.apply(variable);
      if (token == null || token.isBlank()) {
        return Either.left("No GitLab token: the environment variable " + variable + " is not set. Export a personal, project or group "
            + "access token with access to " + project + ", or name another variable with --token-env.");
      }
      GitLabCredentials.Kind kind;
      switch (common.tokenKind == null ? "personal" : common.tokenKind.toLowerCase(Locale.ROOT)) {
        case "personal" -> kind = GitLabCredentials.Kind.PERSONAL_ACCESS_TOKEN;
        case "project" -> kind = GitLabCredentials.Kind.PROJECT_ACCESS_TOKEN;
        case "group" -> kind = GitLabCredentials.Kind.GROUP_ACCESS_TOKEN;
        default -> {
          return Either.left("--token-kind must be personal, project or group, got ‘" + common.tokenKind + "’.");
        }
      }
      URI api;
      try {
        api = new URI(gitlabApi.getOrElse(GitLabSettings.GITLAB_COM.toString()));
      } catch (java.net.URISyntaxException e) {
        return Either.left("--gitlab-api ‘" + gitlabApi.get() + "’ is not a URL: use GitLab's REST API v4 root, such as https://gitlab.example.com/api/v4.");
      }
      try {
        java.time.Duration wait = common.waitForGitHub();
        GitLabSettings settings = GitLabSettings.builder().apiEndpoint(api).project(project)
            .credentials(GitLabCredentials.of(kind, token))
            .connectTimeout(wait.compareTo(java.time.Duration.ofSeconds(5)) < 0 ? wait : java.time.Duration.ofSeconds(5))
            .requestTimeout(wait)
            .retryBudget(new io.platinur.gitlab.RetryBudget(2, wait.dividedBy(2), java.time.Duration.ofMillis(500)))
            .build();
        String url = gitUrl.getOrElse(() -> defaultGitLabUrl(settings.apiEndpoint(), project));
        GitLabPlatform gitlab = GitLabPlatform.connect(settings);
        // GitLab takes any user name with an access token as the password over HTTPS
        return Either.right(new ForgeLink("GitLab", project, ForgeWords.GITLAB, gitlab.pullRequests(), gitlab.openPullRequests(),
            gitlab.reviews(), gitlab.ci(), gitlab.deployments(), gitlab.digestDeployments(),
            remote(url, "oauth2", token)));
      } catch (InvalidValueException e) {
        return Either.left(e.getMessage());
      }
    }

    private static GitRemote remote(String url, String user, String token) {
      GitRemote remote = GitRemote.of(url);
      // Git over http(s) authenticates with the same token; a file:// remote needs none.
      return url.startsWith("https://") || url.startsWith("http://") ? remote.withCredentials(user, token.toCharArray()) : remote;
    }

    /** github.com keeps Git data at github.com; GitHub Enterprise at the API's host. */
    static String defaultGitHubUrl(URI api, String owner, String repo) {
      if (api.equals(GitHubSettings.GITHUB_COM) || api.getHost().equals("api.github.com")) {
        return "https://github.com/" + owner + "/" + repo + ".git";
      }
      return api.getScheme() + "://" + api.getHost() + (api.getPort() < 0 ? "" : ":" + api.getPort()) + "/" + owner + "/" + repo + ".git";
    }

    /** GitLab keeps Git data at the API's host, under the project's path (and any path before /api/v4). */
    static String defaultGitLabUrl(URI api, String project) {
      String path = api.getPath() == null ? "" : api.getPath();
      String prefix = path.endsWith("/api/v4") ? path.substring(0, path.length() - "/api/v4".length()) : "";
      return api.getScheme() + "://" + api.getHost() + (api.getPort() < 0 ? "" : ":" + api.getPort()) + prefix + "/" + project + ".git";
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
