package io.platinur.examples.gitlab;

import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitRemote;
import io.platinur.git.GitStaging;
import io.platinur.gitlab.GitLabCredentials;
import io.platinur.gitlab.GitLabPlatform;
import io.platinur.gitlab.GitLabSettings;
import io.platinur.port.PortFailure;
import io.vavr.control.Either;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

/**
 * How a host application embeds a staging lane on GitLab: the lane's refs live in the GitLab
 * project's repository (fetched before every read, one atomic push per change), and promotion merge
 * requests, CI and deployments come from GitLab's REST API v4.
 *
 * <pre>{@code
 * try (GitLabLaneExample.Lane lane = GitLabLaneExample.open(Path.of("/var/cache/platinur/analytics.git"),
 *     GitLabSettings.GITLAB_COM, URI.create("https://gitlab.com/acme/analytics.git"), "acme/analytics",
 *     GitLabCredentials.Kind.PROJECT_ACCESS_TOKEN, System.getenv("GITLAB_TOKEN"), config, Clock.systemUTC()).get()) {
 *   lane.service().apply(proposal, author);
 * }
 * }</pre>
 *
 * The token needs the {@code api} and {@code write_repository} scopes and a role that may push to
 * staging and merge into production. It goes to Git and to the API only, never to a message or a log.
 */
public final class GitLabLaneExample {
  private GitLabLaneExample() {}

  /** The lane's use cases and what they run on; close it to release the local cache. */
  public record Lane(StagingLaneService service, GitLabPlatform gitlab, GitStaging git) implements AutoCloseable {
    @Override
    public void close() {
      git.close();
    }
  }

  /**
   * @param cache a local bare repository (created when missing) caching the project's objects
   * @param api GitLab's REST API root ({@link GitLabSettings#GITLAB_COM}, or {@code https://HOST/api/v4})
   * @param gitUrl the project's Git URL ({@code https://gitlab.com/GROUP/PROJECT.git})
   * @param project the project's full path, {@code GROUP/PROJECT}
   * @param kind a personal, project or group access token
   */
  public static Either<PortFailure, Lane> open(Path cache, URI api, URI gitUrl, String project, GitLabCredentials.Kind kind,
      String token, LaneConfiguration config, Clock clock) {
    GitLabPlatform gitlab = GitLabPlatform.connect(GitLabSettings.builder()
        .apiEndpoint(api)
        .project(project)
        .credentials(GitLabCredentials.of(kind, token))
        .build());
    GitRemote remote = GitRemote.of(gitUrl.toString());
    if (gitUrl.getScheme().startsWith("http")) {
      // GitLab takes any user name with an access token as the password over HTTPS
      remote = remote.withCredentials("oauth2", token.toCharArray());
    }
    return GitStaging.openWithRemote(cache, remote, GitLaneConfig.of(config))
        .map(git -> new Lane(
            StagingLaneService.builder(config, git, gitlab).clock(clock::instant).build(),
            gitlab, git));
  }
}
