package io.platinur.cli.demo;

import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.console.OfflineHost;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitStaging;
import io.platinur.port.PortFailure;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A lane to try the console on, as {@code platinur demo} builds it: {@code host.git} stands for
 * the forge (it holds the promotion PRs, through the offline pull-request host) and {@code
 * lane.git} is the lane's own repository, cloned from it. A merge on the host reaches the lane's
 * production branch only at the next Sync Promotions, as with GitHub, so the console shows
 * "Waiting for main sync" between the two. A directory that holds both from an earlier console is
 * opened again as it was left.
 */
public final class FreshLane implements AutoCloseable {
  private final Path host;
  private final Path laneRepository;
  private final GitStaging forge;
  private final GitStaging lane;
  private final StagingLaneService service;

  private final boolean reopened;

  private FreshLane(Path host, Path laneRepository, GitStaging forge, GitStaging lane, Clock clock, boolean reopened) {
    this.reopened = reopened;
    this.host = host;
    this.laneRepository = laneRepository;
    this.forge = forge;
    this.lane = lane;
    this.service = new StagingLaneService(
        SeedScenarioDemo.laneConfiguration(), lane.staging(), lane.laneStateStore(), forge.offlineHost().pullRequests(), clock::instant);
  }

  /**
   * Opens the lane an earlier console left in {@code directory} ({@code host.git} and {@code
   * lane.git}), or creates one there when the directory is missing or empty.
   *
   * @throws IOException when the directory holds something else, or a repository cannot be opened
   */
  public static FreshLane openOrCreate(Path directory, Clock clock) throws IOException {
    Path host = directory.resolve("host.git");
    Path laneRepository = directory.resolve("lane.git");
    GitLaneConfig gitConfig = GitLaneConfig.of(SeedScenarioDemo.MAIN, SeedScenarioDemo.STAGING);
    if (Files.isDirectory(host) && Files.isDirectory(laneRepository)) {
      GitStaging forge = demand(GitStaging.open(host, gitConfig));
      try {
        return new FreshLane(host, laneRepository, forge, demand(GitStaging.open(laneRepository, gitConfig)), clock, true);
      } catch (IOException | RuntimeException e) {
        forge.close();
        throw e;
      }
    }
    if (Files.exists(directory) && !isEmptyDirectory(directory)) {
      throw new IOException(directory + " holds no lane of an earlier console (host.git and lane.git) and is not empty; "
          + "give a new or empty directory, or the one an earlier console printed.");
    }
    GitStaging forge = demand(GitStaging.init(host, gitConfig, new CommitAuthor("Platinur", "platinur@example.com", clock.instant())));
    try {
      GitTransport.cloneBare(host, laneRepository);
      GitStaging lane = demand(GitStaging.open(laneRepository, gitConfig));
      return new FreshLane(host, laneRepository, forge, lane, clock, false);
    } catch (IOException | RuntimeException e) {
      forge.close();
      throw e;
    }
  }

  private static boolean isEmptyDirectory(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    try (var entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    }
  }

  /** Whether an earlier console's lane was opened again rather than a new one created. */
  public boolean reopened() {
    return reopened;
  }

  /** The lane's use cases. */
  public StagingLaneService service() {
    return service;
  }

  /** The lane's own repository. */
  public Path laneRepository() {
    return laneRepository;
  }

  /** The repository standing for the forge. */
  public Path hostRepository() {
    return host;
  }

  /**
   * The host: merges there (fetching the merge commit into {@code refs/remotes/host/main}, so the
   * lane's own production branch lags until the next sync), pushes staging before a promotion PR
   * opens, fetches production before a sync.
   */
  public OfflineHost offlineHost() {
    return new OfflineHost() {
      @Override
      public Either<PortFailure, CommitId> merge(PullRequestNumber pr, CommitId expectedHead) {
        return forge.offlineHost().pullRequests().merge(pr, expectedHead).flatMap(merge -> transport(() ->
            GitTransport.fetch(laneRepository, host, SeedScenarioDemo.MAIN, "refs/remotes/host/" + SeedScenarioDemo.MAIN)).map(fetched -> merge));
      }

      @Override
      public Either<PortFailure, Boolean> publishStaging() {
        return transport(() -> GitTransport.push(laneRepository, host, SeedScenarioDemo.STAGING, true));
      }

      @Override
      public Either<PortFailure, Boolean> fetchProduction() {
        return transport(() -> GitTransport.fetch(laneRepository, host, SeedScenarioDemo.MAIN, SeedScenarioDemo.MAIN.refName()));
      }
    };
  }

  private interface Transfer {
    void run() throws IOException;
  }

  private static Either<PortFailure, Boolean> transport(Transfer transfer) {
    try {
      transfer.run();
      return Either.right(true);
    } catch (IOException e) {
      return Either.left(PortFailure.of(PortFailure.Kind.UNAVAILABLE, e.getMessage()));
    }
  }

  private static <T> T demand(Either<PortFailure, T> outcome) throws IOException {
    if (outcome.isLeft()) {
      throw new IOException(outcome.getLeft().message());
    }
    return outcome.get();
  }

  @Override
  public void close() {
    lane.close();
    forge.close();
  }
}
