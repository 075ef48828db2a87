package io.platinur.github;

import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.Deployments;
import io.platinur.port.PortFailure;
import io.vavr.control.Either;
import java.util.Comparator;
import java.util.List;
import org.kohsuke.github.GHDeployment;
import org.kohsuke.github.GHDeploymentStatus;

/**
 * Deployment truth from GitHub's Deployments API: the newest deployment of the exact commit to
 * the environment, and the newest status of that deployment.
 */
final class GitHubDeployments implements Deployments {
  private final RepositoryHandle repository;

  GitHubDeployments(RepositoryHandle repository) {
    this.repository = repository;
  }

  @Override
  public Either<PortFailure, DeploymentState> latestStatus(String environment, CommitId commit) {
    if (environment == null || environment.isBlank()) {
      return Either.left(PortFailure.of(PortFailure.Kind.INVALID_REQUEST, "An environment name is required."));
    }
    String operation = "Reading the deployment of " + commit.abbreviated() + " to " + environment;
    return Failures.attempt(operation, () -> {
      List<GHDeployment> deployments = repository.get()
          .listDeployments(commit.hex(), null, null, environment)
          .withPageSize(100)
          .toList();
      if (deployments.stream().anyMatch(d -> d.getSha() == null || !d.getSha().equalsIgnoreCase(commit.hex()))) {
        return Either.left(Failures.malformed(operation, "GitHub listed a deployment of another commit"));
      }
      if (deployments.isEmpty()) {
        return Either.right(DeploymentState.NOT_FOUND);
      }
      GHDeployment latest = deployments.stream().max(Comparator.comparingLong(GHDeployment::getId)).orElseThrow();
      List<GHDeploymentStatus> statuses = latest.listStatuses().withPageSize(100).toList();
      if (statuses.isEmpty()) {
        // GitHub shows a deployment without any status as pending
        return Either.right(DeploymentState.PENDING);
      }
      GHDeploymentStatus newest = statuses.stream().max(Comparator.comparingLong(GHDeploymentStatus::getId)).orElseThrow();
      if (newest.getState() == null) {
        return Either.left(Failures.malformed(operation, "the latest deployment status has no known state"));
      }
      switch (newest.getState()) {
        case SUCCESS:
          return Either.right(DeploymentState.SUCCESS);
        case FAILURE:
          return Either.right(DeploymentState.FAILURE);
        case ERROR:
          return Either.right(DeploymentState.ERROR);
        case IN_PROGRESS:
          return Either.right(DeploymentState.IN_PROGRESS);
        case QUEUED:
          return Either.right(DeploymentState.QUEUED);
        case PENDING:
          return Either.right(DeploymentState.PENDING);
        case INACTIVE:
          return Either.right(DeploymentState.INACTIVE);
        default:
          return Either.left(Failures.malformed(operation, "the latest deployment status has no known state"));
      }
    });
  }
}
