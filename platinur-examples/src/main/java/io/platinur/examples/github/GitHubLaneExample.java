package io.platinur.examples.github;

import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitRemote;
import io.platinur.git.GitStaging;
import io.platinur.github.GitHubCredentials;
import io.platinur.github.GitHubPlatform;
import io.platinur.github.GitHubSettings;
import io.platinur.port.PortFailure;
import io.vavr.control.Either;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

/**
 * How a host application embeds a staging lane on GitHub: the lane's refs live in the GitHub
 * repository itself (fetched before every read, one atomic push per change, so host instances on
 * several machines agree), and promotion PRs, CI and deployments come from GitHub's API.
 *
 * <pre>{@code
 * try (GitHubLaneExample.Lane lane = GitHubLaneExample.open(Path.of("/var/cache/platinur/analytics.git"),
 *     GitHubSettings.GITHUB_COM, URI.create("https://github.com/acme/analytics.git"), "acme", "analytics",
 *     System.getenv("GITHUB_TOKEN"), config, Clock.systemUTC()).get()) {
 *   lane.service().apply(proposal, author);
 * }
 * }</pre>
 *
 * The token needs contents (push), pull requests, statuses/checks (read) and deployments (read) on
 * the repository. It goes to Git and to the API only, never to a message or a log.
 */
public final class GitHubLaneExample {
  private GitHubLaneExample() {}

  /** The lane's use cases and what they run on; close it to release the local cache. */
  public record Lane(StagingLaneService service, GitHubPlatform github, GitStaging git) implements AutoCloseable {
    @Override
    public void close() {
      git.close();
    }
  }

  /**
   * @param cache a local bare repository (created when missing) caching the GitHub repository's objects
   * @param api GitHub's API root ({@link GitHubSettings#GITHUB_COM}, or {@code https://HOST/api/v3})
   * @param gitUrl the repository's Git URL ({@code https://github.com/OWNER/REPO.git})
   */
  public static Either<PortFailure, Lane> open(Path cache, URI api, URI gitUrl, String owner, String repository, String token,
      LaneConfiguration config, Clock clock) {
    GitHubPlatform github = GitHubPlatform.connect(GitHubSettings.builder()
        .apiEndpoint(api)
        .repository(owner, repository)
        .credentials(GitHubCredentials.token(token))
        .build());
    GitRemote remote = GitRemote.of(gitUrl.toString());
    if (gitUrl.getScheme().startsWith("http")) {
      remote = remote.withCredentials("x-access-token", token.toCharArray());
    }
    return GitStaging.openWithRemote(cache, remote, GitLaneConfig.of(config))
        .map(git -> new Lane(
            StagingLaneService.builder(config, git, github).clock(clock::instant).build(),
            github, git));
  }
}
