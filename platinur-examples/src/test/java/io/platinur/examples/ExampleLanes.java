package io.platinur.examples;

import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.repository.BranchName;
import io.platinur.git.GitLaneConfig;

/** The lane the examples' tests run on: {@code staging} → {@code main}, as the README's examples name them. */
public final class ExampleLanes {
  /** The staging branch. */
  public static final BranchName STAGING = BranchName.of("staging");
  /** The production branch. */
  public static final BranchName MAIN = BranchName.of("main");

  private ExampleLanes() {}

  /** {@code staging} → {@code main}, with disjoint staging and production schemas. */
  public static LaneConfiguration configuration() {
    return LaneConfiguration.builder().stagingBranch(STAGING).productionBranch(MAIN)
        .addStagingSchemas("analytics_staging").addProductionSchemas("analytics").build();
  }

  /** The Git adapter's view of the same branches. */
  public static GitLaneConfig gitConfig() {
    return GitLaneConfig.of(MAIN, STAGING);
  }
}
