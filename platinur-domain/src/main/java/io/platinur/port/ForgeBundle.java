package io.platinur.port;

import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.ForgeWords;
import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.forge.Review;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** A {@link ForgePorts} put together port by port ({@link ForgePorts#builder}). */
final class ForgeBundle implements ForgePorts {

  /** What a bundle built from nothing answers: each port says it is missing. */
  static final ForgePorts NOTHING = new ForgeBundle(new Parts(null));

  /** The ports being put together; a builder fills them in. */
  static final class Parts {
    PullRequestHost pullRequests;
    OpenPullRequests openPullRequests;
    PullRequestReviews reviews;
    ContinuousIntegration ci;
    Deployments deployments;
    DigestDeployments digestDeployments;
    GatePublisher gatePublisher;
    ForgeWords words;

    Parts(ForgePorts base) {
      if (base == null) {
        pullRequests = new MissingPullRequests();
        openPullRequests = new MissingOpenPullRequests();
        reviews = new MissingReviews();
        ci = commit -> missing("CI");
        deployments = (environment, commit) -> missing("deployments");
        digestDeployments = (EnvironmentName environment, ServiceName service) -> missing("digest deployments");
        gatePublisher = GatePublisher.NONE;
        words = ForgeWords.GITHUB;
      } else {
        pullRequests = base.pullRequests();
        openPullRequests = base.openPullRequests();
        reviews = base.reviews();
        ci = base.ci();
        deployments = base.deployments();
        digestDeployments = base.digestDeployments();
        gatePublisher = base.gatePublisher();
        words = base.words();
      }
    }
  }

  private final PullRequestHost pullRequests;
  private final OpenPullRequests openPullRequests;
  private final PullRequestReviews reviews;
  private final ContinuousIntegration ci;
  private final Deployments deployments;
  private final DigestDeployments digestDeployments;
  private final GatePublisher gatePublisher;
  private final ForgeWords words;

  ForgeBundle(Parts parts) {
    this.pullRequests = parts.pullRequests;
    this.openPullRequests = parts.openPullRequests;
    this.reviews = parts.reviews;
    this.ci = parts.ci;
    this.deployments = parts.deployments;
    this.digestDeployments = parts.digestDeployments;
    this.gatePublisher = parts.gatePublisher;
    this.words = parts.words;
  }

  @Override
  public PullRequestHost pullRequests() {
    return pullRequests;
  }

  @Override
  public OpenPullRequests openPullRequests() {
    return openPullRequests;
  }

  @Override
  public PullRequestReviews reviews() {
    return reviews;
  }

  @Override
  public ContinuousIntegration ci() {
    return ci;
  }

  @Override
  public Deployments deployments() {
    return deployments;
  }

  @Override
  public DigestDeployments digestDeployments() {
    return digestDeployments;
  }

  @Override
  public GatePublisher gatePublisher() {
    return gatePublisher;
  }

  @Override
  public ForgeWords words() {
    return words;
  }

  static <T> Either<PortFailure, T> missing(String what) {
    return Either.left(PortFailure.of(PortFailure.Kind.UNAVAILABLE,
        "This forge bundle has no " + what + ": give them with ForgePorts.builder()."));
  }

  private static final class MissingPullRequests implements PullRequestHost {
    @Override
    public Either<PortFailure, PromotionPullRequest> openPromotionPr(BranchName head, BranchName base, String title, String body) {
      return missing("pull requests");
    }

    @Override
    public Either<PortFailure, Option<PromotionPullRequest>> findOpenPromotionPr(BranchName head, BranchName base) {
      return missing("pull requests");
    }

    @Override
    public Either<PortFailure, PullRequestState> state(PullRequestNumber pr) {
      return missing("pull requests");
    }

    @Override
    public Either<PortFailure, CommitId> merge(PullRequestNumber pr, CommitId expectedHead) {
      return missing("pull requests");
    }

    @Override
    public Either<PortFailure, PullRequestState> close(PullRequestNumber pr) {
      return missing("pull requests");
    }
  }

  private static final class MissingOpenPullRequests implements OpenPullRequests {
    @Override
    public Either<PortFailure, Seq<OpenPullRequest>> listOpen() {
      return missing("open pull requests");
    }

    @Override
    public Either<PortFailure, PullRequestState> state(PullRequestNumber pr) {
      return missing("open pull requests");
    }
  }

  private static final class MissingReviews implements PullRequestReviews {
    @Override
    public Either<PortFailure, Seq<Review>> reviews(PullRequestNumber pr) {
      return missing("reviews");
    }

    @Override
    public Either<PortFailure, String> author(PullRequestNumber pr) {
      return missing("reviews");
    }
  }
}
