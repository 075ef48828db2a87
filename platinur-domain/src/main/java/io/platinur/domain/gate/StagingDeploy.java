package io.platinur.domain.gate;

import io.platinur.domain.repository.CommitId;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * The staging deploy of a commit: the deploy command's exit code (none when it is unknown) and the
 * latest deployment status the forge records for it.
 */
public record StagingDeploy(CommitId commit, Option<Integer> exitCode, DeploymentState status) {
  public StagingDeploy {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(exitCode, "exitCode");
    Objects.requireNonNull(status, "status");
  }

  /** Exit code 0 and deployment status success: the staging deploy succeeded. */
  public boolean succeeded() {
    return exitCode.contains(0) && status == DeploymentState.SUCCESS;
  }
}
