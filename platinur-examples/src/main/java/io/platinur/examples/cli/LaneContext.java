package io.platinur.examples.cli;

import io.platinur.application.StagingLaneService;
import io.platinur.domain.InvalidValueException;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitStaging;
import io.platinur.port.PullRequestHost;
import io.vavr.control.Either;
import java.time.Clock;

/**
 * An opened lane: the configuration from {@code .platinur/}, the Git repository and the use cases,
 * with the offline pull-request host (or GitHub, when configured and available).
 */
final class LaneContext implements AutoCloseable {
  final LaneHome home;
  final LaneHome.Config config;
  final GitStaging git;
  final StagingLaneService service;
  final boolean offline;

  private LaneContext(LaneHome home, LaneHome.Config config, GitStaging git, PullRequestHost pulls, boolean offline, Clock clock) {
    this.home = home;
    this.config = config;
    this.git = git;
    this.offline = offline;
    this.service = new StagingLaneService(laneConfiguration(config), git.staging(), git.laneStateStore(), pulls, clock::instant);
  }

  static LaneConfiguration laneConfiguration(LaneHome.Config config) {
    LaneConfiguration.Builder builder = LaneConfiguration.builder();
    builder.stagingBranch(config.staging()).productionBranch(config.production())
        .addAllStagingSchemas(config.stagingSchemas()).addAllProductionSchemas(config.productionSchemas());
    return builder.build();
  }

  /** Opens the lane of {@code common.dir}, or says in one line why it cannot be opened. */
  static Either<String, LaneContext> open(Common common, Clock clock) {
    LaneHome home = new LaneHome(common.dir);
    Either<String, LaneHome.Config> config = home.config();
    if (config.isLeft()) {
      return Either.left(config.getLeft());
    }
    String github = common.github != null ? common.github : config.get().github().getOrNull();
    if (github != null) {
      return Either.left(Github.unavailable(github));
    }
    GitLaneConfig gitConfig;
    try {
      gitConfig = GitLaneConfig.of(config.get().production(), config.get().staging());
      laneConfiguration(config.get());
    } catch (InvalidValueException e) {
      return Either.left(home.configFile() + ": " + e.getMessage());
    }
    return GitStaging.open(config.get().repository(), gitConfig)
        .mapLeft(failure -> failure.message())
        .map(git -> new LaneContext(home, config.get(), git, git.offlinePullRequests(), true, clock));
  }

  @Override
  public void close() {
    git.close();
  }
}
