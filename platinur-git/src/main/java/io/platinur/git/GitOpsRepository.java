package io.platinur.git;

import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.repository.BranchName;
import io.platinur.port.DeliveryHistory;
import io.platinur.port.DigestPromotionStore;
import io.platinur.port.ForgePorts;
import io.platinur.port.GitOpsPorts;
import io.platinur.port.PinBranches;
import io.platinur.port.PinnedDigests;
import io.platinur.port.PortFailure;
import io.platinur.port.RetryBackoff;
import io.platinur.port.TimeSource;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * A GitOps repository for promote by digest (ADR-0034): one branch whose environment directories
 * pin each service's digest, on a bare repository or a remote. It needs no staging lane and no lane
 * configuration: the branch and the pin layout are named once, here.
 *
 * <pre>{@code
 * try (GitOpsRepository gitops = GitOpsRepository.open(Path.of("/srv/gitops.git"), BranchName.of("main")).get()) {
 *   DigestPromotionService digests = DigestPromotionService.builder(gitops, gitops.offlineHost(), canary).build();
 * }
 * }</pre>
 *
 * <p>As a {@link GitOpsPorts} bundle it hands out the pins ({@link #pins()}), the promotion and
 * rollback branches ({@link #pinBranches()}: one commit each that changes only a pin scalar's
 * bytes) and the promotions' store in {@code refs/platinur/digest-promotions} ({@link
 * #digestPromotionStore()}), all by compare-and-swap, with the system clock and the Git adapter's
 * jittered backoff. {@link #offlineHost()} is its forge when there is none: pull requests kept in the
 * repository and deployment statuses read from the branch's history.
 */
public final class GitOpsRepository implements GitOpsPorts, AutoCloseable {
  private final GitStaging git;
  private final BranchName branch;
  private final PinLayout layout;
  private final GitDigestPins pins;
  private final DigestPromotionStore store;
  private final ForgePorts offlineHost;
  private final boolean owned;

  private GitOpsRepository(GitStaging git, BranchName branch, PinLayout layout, boolean owned) {
    this.git = git;
    this.owned = owned;
    this.branch = branch;
    this.layout = layout;
    this.pins = new GitDigestPins(git.repo(), branch, layout);
    this.store = git.digestPromotionStore();
    this.offlineHost = ForgePorts.builder(git.offlineHost()).digestDeployments(pins).build();
  }

  /** Opens the bare repository at {@code bareRepository}, pins at {@link PinLayout#standard()} on {@code branch}. */
  public static Either<PortFailure, GitOpsRepository> open(Path bareRepository, BranchName branch) {
    return open(bareRepository, branch, PinLayout.standard());
  }

  /**
   * Opens the bare repository at {@code bareRepository}, pins at {@code layout} on {@code branch}.
   * Fails as {@link GitStaging#open} does.
   */
  public static Either<PortFailure, GitOpsRepository> open(Path bareRepository, BranchName branch, PinLayout layout) {
    return GitStaging.open(bareRepository, laneOf(branch)).map(git -> new GitOpsRepository(git, branch, layout, true));
  }

  /**
   * Opens the GitOps repository kept in {@code remote} (GitHub, a Git server), cached in the bare
   * repository {@code localCache}: every read fetches first, every write is one atomic push with
   * expected old ids, as {@link GitStaging#openWithRemote} does for a lane. Only {@code branch} has to
   * exist: a GitOps repository needs no staging branch.
   */
  public static Either<PortFailure, GitOpsRepository> openWithRemote(Path localCache, GitRemote remote, BranchName branch, PinLayout layout) {
    Objects.requireNonNull(layout, "layout");
    return GitStaging.openGitOpsWithRemote(localCache, remote, branch).map(git -> new GitOpsRepository(git, branch, layout, true));
  }

  /** The GitOps side of a repository that also holds a lane; closing it leaves {@code git} open. */
  static GitOpsRepository sharing(GitStaging git, BranchName branch, PinLayout layout) {
    return new GitOpsRepository(git, Objects.requireNonNull(branch, "branch"), Objects.requireNonNull(layout, "layout"), false);
  }

  /** The Git adapter's lane needs a second branch; a GitOps repository never reads or writes it. */
  static GitLaneConfig laneOf(BranchName branch) {
    Objects.requireNonNull(branch, "branch");
    return GitLaneConfig.of(branch, BranchName.of(branch.name().equals("staging") ? "main" : "staging"));
  }

  @Override
  public BranchName branch() {
    return branch;
  }

  @Override
  public PinLayout layout() {
    return layout;
  }

  @Override
  public PinnedDigests pins() {
    return pins;
  }

  @Override
  public PinBranches pinBranches() {
    return pins;
  }

  @Override
  public DigestPromotionStore digestPromotionStore() {
    return store;
  }

  /** The system clock (UTC). */
  @Override
  public TimeSource timeSource() {
    return Clock.systemUTC()::instant;
  }

  /** Exponential backoff with full jitter, as {@link GitStaging#retryBackoff()}. */
  @Override
  public RetryBackoff retryBackoff() {
    return git.retryBackoff();
  }

  /**
   * The forge of a GitOps repository without one: promotion and rollback PRs kept in the repository
   * ({@link GitStaging#offlineHost()}), and deployment statuses read from the branch's history (a
   * pin counts as deployed healthy from the time of the commit that set it), and the offline
   * reviews. No CI: give it with {@code ForgePorts.builder(gitops.offlineHost()).ci(…)}.
   */
  public ForgePorts offlineHost() {
    return offlineHost;
  }

  /**
   * The offline pull requests opened in the name of {@code login}, their author, whose own approval
   * the offline reviews refuse ({@link GitStaging#offlinePullRequestsOpenedBy}).
   */
  public io.platinur.port.PullRequestHost offlinePullRequestsOpenedBy(String login) {
    return git.offlinePullRequestsOpenedBy(login);
  }

  /**
   * The delivery history of this repository for delivery metrics, with the builds in the promotion
   * path's first environment ({@link GitStaging#deliveryHistory(BranchName, PinLayout,
   * io.platinur.domain.digest.EnvironmentName)}).
   */
  public DeliveryHistory deliveryHistory(io.platinur.domain.digest.EnvironmentName firstEnvironment) {
    return git.deliveryHistory(branch, layout, firstEnvironment);
  }

  @Override
  public void close() {
    if (owned) {
      git.close();
    }
  }

  @Override
  public String toString() {
    return "GitOpsRepository[" + git.repo().repository.getDirectory() + ", " + branch + ", " + layout + "]";
  }
}
