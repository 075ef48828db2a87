package io.platinur.gitlab;

import io.platinur.domain.InvalidValueException;
import io.platinur.domain.repository.BranchName;
import io.platinur.port.ContinuousIntegration;
import io.platinur.port.Deployments;
import io.platinur.port.DigestDeployments;
import io.platinur.port.GatePublisher;
import io.platinur.port.OpenPullRequests;
import io.platinur.port.PullRequestHost;
import io.platinur.port.PullRequestReviews;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Objects;

/**
 * Platinur on GitLab (gitlab.com or self-managed): the ports a host needs, for one project, with
 * the same accessor names as the GitHub adapter's, so switching forge is one line.
 *
 * <pre>{@code
 * GitLabPlatform gitlab = GitLabPlatform.connect(settings);
 * StagingLaneService lane = new StagingLaneService(config, git.staging(),
 *     git.laneStateStore(), gitlab.pullRequests(), Clock.systemUTC()::instant);
 * }</pre>
 *
 * <p>Connecting sends nothing: the first request goes out with the first port call. Every request
 * has a connect and a request timeout and is retried only within the {@link RetryBudget}; a write
 * whose outcome is open is never sent again but read back. Failures come back as
 * {@link io.platinur.port.PortFailure} values, never as exceptions. In GitLab's words a pull
 * request is a merge request; its number is the merge request's {@code iid} ({@code !5}).
 *
 * <p>Instances are thread-safe; create one per project and keep it.
 */
public final class GitLabPlatform implements io.platinur.port.ForgePorts {
  private final GitLabSettings settings;
  private final Secrets secrets;
  private final GitLabMergeRequests mergeRequests;
  private final GitLabApprovals approvals;
  private final GitLabContinuousIntegration continuousIntegration;
  private final GitLabDeployments deployments;
  private final GitLabGatePublisher gatePublisher;

  GitLabPlatform(GitLabSettings settings, Sleeper sleeper, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    java.util.List<String> held = new ArrayList<>();
    held.add(settings.credentials().token());
    settings.webhookSecret().forEach(held::add);
    this.secrets = Secrets.of(held);
    GitLabHttp http = new GitLabHttp(settings, secrets, sleeper, clock);
    String project = settings.projectId();
    this.mergeRequests = new GitLabMergeRequests(http, project, settings.mergeWhenPipelineSucceeds());
    this.approvals = new GitLabApprovals(http, project);
    this.continuousIntegration = new GitLabContinuousIntegration(http, project, settings.noChecksPolicy(), settings.requiredChecks());
    this.deployments = new GitLabDeployments(http, project, settings.pinLayout());
    this.gatePublisher = new GitLabGatePublisher(http, project);
  }

  /** A platform for the configured project; sends no request until a port is used. */
  public static GitLabPlatform connect(GitLabSettings settings) {
    return new GitLabPlatform(settings, Sleeper.REAL, Clock.systemUTC());
  }

  /** Promotion merge requests: open (once), find, read, merge at an exact head, close. */
  @Override
  public PullRequestHost pullRequests() {
    return mergeRequests;
  }

  /** The open merge requests with their heads, targets, labels and update times, for preview environments. */
  @Override
  public OpenPullRequests openPullRequests() {
    return mergeRequests;
  }

  /** The latest pipeline and the commit statuses at an exact commit, reduced to one {@code CiState}. */
  @Override
  public ContinuousIntegration ci() {
    return continuousIntegration;
  }

  /** The status of the latest deployment of a commit to an environment. */
  @Override
  public Deployments deployments() {
    return deployments;
  }

  /**
   * A merge request's approvals (each tied to the head that was current when it was given) and
   * author, for approval gates.
   */
  @Override
  public PullRequestReviews reviews() {
    return approvals;
  }

  /**
   * Deployments of a service's digests, with GitLab's own times, for soak: deployments to the
   * environment (or to {@code <env>/<service>}) of a GitOps commit, whose pin says which digest.
   */
  @Override
  public DigestDeployments digestDeployments() {
    return deployments;
  }

  /** The promotion gate on GitLab: each decision as the commit status {@code platinur/promotion-gate}. */
  @Override
  public GatePublisher gatePublisher() {
    return gatePublisher;
  }

  /**
   * A receiver for this project's webhook deliveries, checked against the configured
   * {@link GitLabSettings.Builder#webhookSecret secret token}, reporting merge request events only
   * for promotion merge requests from {@code staging} into {@code production}.
   *
   * @throws InvalidValueException when no webhook secret token is configured
   */
  public GitLabWebhooks webhooks(BranchName staging, BranchName production) {
    if (settings.webhookSecret().isEmpty()) {
      throw new InvalidValueException(
          "No webhook secret token is configured: set GitLabSettings.Builder.webhookSecret to receive webhooks.");
    }
    return GitLabWebhooks.withSecretToken(settings.webhookSecret().get(), secrets).forPromotionPrs(staging, production);
  }

  public GitLabSettings settings() {
    return settings;
  }

  /** GitLab's words: merge requests. */
  @Override
  public io.platinur.domain.forge.ForgeWords words() {
    return io.platinur.domain.forge.ForgeWords.GITLAB;
  }

  @Override
  public String toString() {
    return "GitLabPlatform[" + settings.project() + " at " + settings.apiEndpoint() + "]";
  }
}
