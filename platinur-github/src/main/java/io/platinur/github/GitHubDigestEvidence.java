package io.platinur.github;

import io.platinur.domain.digest.DigestDeployment;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.Review;
import io.platinur.domain.forge.ReviewState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.DigestDeployments;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestReviews;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.util.Map;
import org.kohsuke.github.GHDeployment;
import org.kohsuke.github.GHDeploymentStatus;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestReview;

/**
 * Evidence for digest-promotion gates from GitHub: a PR's reviews (each with the head commit it
 * was made on and its time) and author, and deployment statuses with their own times, for soak.
 *
 * <p>A deployment of a digest is a GitHub deployment to the environment whose payload names the
 * service and the digest, {@code {"service": "api", "digest": "sha256:…"}}, as the host's CD
 * pipeline creates it. Deployments to the environment without that payload are someone else's and
 * are skipped; a payload whose digest is not a digest is a malformed answer.
 */
final class GitHubDigestEvidence implements PullRequestReviews, DigestDeployments {
  private final RepositoryHandle repository;

  GitHubDigestEvidence(RepositoryHandle repository) {
    this.repository = repository;
  }

  @Override
  public Either<PortFailure, Seq<Review>> reviews(PullRequestNumber pr) {
    String operation = "Reading the reviews of pull request " + pr;
    return Failures.attempt(operation, () -> {
      GHPullRequest pull = repository.get().getPullRequest(Math.toIntExact(pr.value()));
      List<Review> reviews = List.empty();
      for (GHPullRequestReview review : pull.listReviews().withPageSize(100)) {
        if (review.getState() == null || review.getState() == org.kohsuke.github.GHPullRequestReviewState.PENDING) {
          continue; // a pending review is not submitted yet
        }
        if (review.getUser() == null || review.getCommitId() == null || review.getSubmittedAt() == null) {
          continue; // a deleted user, a garbage-collected commit: such a review cannot approve this head
        }
        ReviewState state;
        switch (review.getState()) {
          case APPROVED:
            state = ReviewState.APPROVED;
            break;
          case CHANGES_REQUESTED:
          case REQUEST_CHANGES:
            state = ReviewState.CHANGES_REQUESTED;
            break;
          case DISMISSED:
            state = ReviewState.DISMISSED;
            break;
          default:
            state = ReviewState.COMMENTED;
            break;
        }
        reviews = reviews.append(new Review(review.getUser().getLogin(), state, CommitId.of(review.getCommitId()),
            review.getSubmittedAt().toInstant()));
      }
      return Either.right(reviews);
    });
  }

  @Override
  public Either<PortFailure, String> author(PullRequestNumber pr) {
    String operation = "Reading the author of pull request " + pr;
    return Failures.attempt(operation, () -> {
      GHPullRequest pull = repository.get().getPullRequest(Math.toIntExact(pr.value()));
      if (pull.getUser() == null || pull.getUser().getLogin() == null) {
        return Either.left(Failures.malformed(operation, "GitHub named no author"));
      }
      return Either.right(pull.getUser().getLogin());
    });
  }

  @Override
  public Either<PortFailure, Seq<DigestDeployment>> statuses(EnvironmentName environment, ServiceName service) {
    String operation = "Reading the deployments of " + service + " to " + environment;
    return Failures.attempt(operation, () -> {
      List<DigestDeployment> statuses = List.empty();
      for (GHDeployment deployment : repository.get().listDeployments(null, null, null, environment.value()).withPageSize(100)) {
        Map<String, Object> payload = deployment.getPayloadMap();
        if (payload == null || !service.value().equals(payload.get("service"))) {
          continue;
        }
        Either<String, ImageDigest> digest = ImageDigest.parse(String.valueOf(payload.get("digest"))).toEither();
        if (digest.isLeft()) {
          return Either.left(Failures.malformed(operation, "deployment " + deployment.getId() + " names no image digest"));
        }
        for (GHDeploymentStatus status : deployment.listStatuses().withPageSize(100)) {
          if (status.getState() == null || status.getCreatedAt() == null) {
            return Either.left(Failures.malformed(operation, "a deployment status has no state or time"));
          }
          statuses = statuses.append(new DigestDeployment(environment, service, digest.get(),
              DeploymentState.valueOf(status.getState().name()), status.getCreatedAt().toInstant()));
        }
      }
      return Either.right(statuses.sortBy(DigestDeployment::at));
    });
  }

}
