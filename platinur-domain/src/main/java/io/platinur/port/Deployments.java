package io.platinur.port;

import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.CommitId;
import io.vavr.control.Either;

/** Deployments of exact commits to named environments, and their latest status. */
public interface Deployments {
  /** The latest status of the latest deployment of {@code commit} to {@code environment}. */
  Either<PortFailure, DeploymentState> latestStatus(String environment, CommitId commit);
}
