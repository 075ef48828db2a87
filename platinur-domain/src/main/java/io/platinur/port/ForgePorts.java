package io.platinur.port;

import io.platinur.domain.forge.ForgeWords;

/**
 * Everything Platinur asks of a forge, as one bundle that every forge adapter hands out under the
 * same names: the offline pull-request host on plain Git ({@code GitStaging.offlineHost()},
 * {@code GitOpsRepository.offlineHost()}), {@code GitHubPlatform}, {@code GitLabPlatform} and the
 * testkit's in-memory forges all are one. The entry points of the capabilities take the bundle, so a
 * host switches forge by changing the one line that makes it:
 *
 * <pre>{@code
 * ForgePorts forge = git.offlineHost();                     // plain Git, no forge at all
 * ForgePorts forge = GitHubPlatform.connect(settings);      // GitHub
 * StagingLaneService lane = StagingLaneService.builder(config, git, forge).build();
 * }</pre>
 *
 * <p>A host whose CI (or reviews, or deployments) lives elsewhere replaces just that port:
 * {@code ForgePorts.builder(forge).ci(jenkins).build()}.
 */
public interface ForgePorts {

  /** Promotion PRs: open (idempotently), find, read, merge at an exact head, close. */
  PullRequestHost pullRequests();

  /** The open pull requests with their heads, bases, labels and update times (for preview environments). */
  OpenPullRequests openPullRequests();

  /** Who opened a pull request and its reviews, each tied to the head it approved (for approval gates). */
  PullRequestReviews reviews();

  /** CI at an exact commit, reduced to one state, with the failing and pending checks named. */
  ContinuousIntegration ci();

  /** The latest status of the latest deployment of a commit to an environment (the staging deploy). */
  Deployments deployments();

  /** Deployment statuses of a service's digests in an environment, with their times (for soak). */
  DigestDeployments digestDeployments();

  /** Where each promotion gate decision is shown at its commit ({@link GatePublisher#NONE} where nowhere). */
  GatePublisher gatePublisher();

  /**
   * The forge's words for the seed's messages: {@link ForgeWords#GITHUB} (the seed's own) unless
   * the forge says merge requests. A host shows {@code forge.words().say(failure.message())}.
   */
  default ForgeWords words() {
    return ForgeWords.GITHUB;
  }

  /** A bundle with every port of {@code base}, any of which the builder replaces. */
  static Builder builder(ForgePorts base) {
    return new Builder(base);
  }

  /**
   * A bundle made port by port, for a host with its own forge adapter: each port not given answers
   * every call with {@link PortFailure.Kind#UNAVAILABLE}, naming what is missing, and publishes the
   * gate nowhere.
   */
  static Builder builder() {
    return new Builder(ForgeBundle.NOTHING);
  }

  /** Replaces some ports of a bundle; {@link #build()} makes the new bundle, the base unchanged. */
  final class Builder {
    private final ForgeBundle.Parts parts;

    private Builder(ForgePorts base) {
      this.parts = new ForgeBundle.Parts(base);
    }

    public Builder pullRequests(PullRequestHost pullRequests) {
      parts.pullRequests = java.util.Objects.requireNonNull(pullRequests, "pullRequests");
      return this;
    }

    public Builder openPullRequests(OpenPullRequests openPullRequests) {
      parts.openPullRequests = java.util.Objects.requireNonNull(openPullRequests, "openPullRequests");
      return this;
    }

    public Builder reviews(PullRequestReviews reviews) {
      parts.reviews = java.util.Objects.requireNonNull(reviews, "reviews");
      return this;
    }

    public Builder ci(ContinuousIntegration ci) {
      parts.ci = java.util.Objects.requireNonNull(ci, "ci");
      return this;
    }

    public Builder deployments(Deployments deployments) {
      parts.deployments = java.util.Objects.requireNonNull(deployments, "deployments");
      return this;
    }

    public Builder digestDeployments(DigestDeployments digestDeployments) {
      parts.digestDeployments = java.util.Objects.requireNonNull(digestDeployments, "digestDeployments");
      return this;
    }

    public Builder gatePublisher(GatePublisher gatePublisher) {
      parts.gatePublisher = java.util.Objects.requireNonNull(gatePublisher, "gatePublisher");
      return this;
    }

    public Builder words(ForgeWords words) {
      parts.words = java.util.Objects.requireNonNull(words, "words");
      return this;
    }

    public ForgePorts build() {
      return new ForgeBundle(parts);
    }
  }
}
