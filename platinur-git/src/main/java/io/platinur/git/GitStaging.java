package io.platinur.git;

import io.platinur.domain.repository.CommitAuthor;
import io.platinur.port.ForgePorts;
import io.platinur.port.LanePorts;
import io.platinur.port.LaneStateStore;
import io.platinur.port.PortFailure.Kind;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import io.platinur.port.RetryBackoff;
import io.platinur.port.StagingRepository;
import io.platinur.port.StagingWorkspace;
import io.platinur.port.TimeSource;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;

/**
 * A staging lane on a bare Git repository: the entry point of Platinur's Git adapter.
 *
 * <p>Open one per repository and lane, and hand it to the lane's entry point as its {@link LanePorts}:
 *
 * <pre>{@code
 * try (GitStaging git = GitStaging.open(Path.of("/srv/repos/analytics.git"), GitLaneConfig.of(config)).get()) {
 *   StagingLaneService lane = StagingLaneService.builder(config, git, git.offlineHost()).build();
 * }
 * }</pre>
 *
 * <p>Everything here is safe when several processes, on one machine or several sharing the
 * repository, act on the same lane at once: refs move only by compare-and-swap, several refs in one
 * atomic transaction, and a lost race comes back as {@link PortFailure.Kind#CONFLICT} for the
 * caller to re-read and re-check. Every failure is a {@link PortFailure}; no method throws for a
 * repository problem. Messages name refs, paths and commit ids, never file contents.
 *
 * <p>What a proposal commit is: one commit on the staging head, author and committer as given, the
 * proposal's title as subject and a {@code Platinur-Proposal: <id>} trailer. Only the blobs and the
 * trees on the changed paths are written, so an apply costs the same in a repository of a thousand
 * files or a hundred thousand. A proposal that changes nothing at all (every write equals the
 * current content, every delete names a missing file) is refused with {@code NOTHING_TO_CHANGE};
 * one where only some changes are no-ops is applied, with those paths named in
 * {@code Platinur-Unchanged} trailers, so the batch read back from Git has every proposal's whole
 * file set. Files over {@link GitLaneConfig#maxFileBytes()} are refused with {@code INVALID_REQUEST}; so would
 * be a path Git or a Windows checkout cannot hold ({@code con.sql}, a trailing dot), but the domain's
 * {@code RepoPath} already refuses those, in the words Git uses, so a proposal never holds one.
 *
 * <p>Objects are written loose, as {@code git} itself does, and packed in the background once
 * the loose ones pass the repository's {@code gc.auto} threshold (6,700 by default, as for
 * {@code git gc --auto}; set it to 0 to pack on your own schedule). Writers never wait for it.
 */
public final class GitStaging implements LanePorts, AutoCloseable {
  private final GitRepo git;
  private final GitStagingRepository staging;
  private final GitLaneStateStore lanes;
  private final OfflinePullRequestHost pulls;
  private final ForgePorts offlineHost;

  /** The lane's parts on {@code git}, which the caller opened (and this closes). */
  GitStaging(GitRepo git) {
    this.git = git;
    this.staging = new GitStagingRepository(git);
    this.lanes = new GitLaneStateStore(git);
    this.pulls = new OfflinePullRequestHost(git, PullRecord.PLATINUR, new Retries(retryBackoff(), OfflinePullRequestHost.MAX_ATTEMPTS));
    this.offlineHost = ForgePorts.builder().pullRequests(pulls).openPullRequests(pulls).reviews(new OfflineReviews(pulls)).build();
  }

  /** The repository the parts share (for the GitOps view beside a lane, {@link #gitOps}). */
  GitRepo repo() {
    return git;
  }

  /**
   * Opens the lane on an existing bare repository. Fails with {@code NOT_FOUND} when there is no
   * repository at {@code bareRepository}, {@code REPOSITORY_DAMAGED} when it is not bare (a
   * working tree could be changed under the lane's feet) or cannot be read.
   */
  public static Either<PortFailure, GitStaging> open(Path bareRepository, GitLaneConfig config) {
    return GitRefs.openBare(bareRepository).map(repository -> new GitStaging(new GitRepo(repository, config)));
  }

  /**
   * Opens the lane kept in a shared remote repository, for hosts running on several machines. The
   * local bare repository at {@code localCache} (created when missing) only caches objects and
   * refs: every read fetches the lane's refs first, and every update is one atomic push in which
   * each ref states the id it expects to replace, so the remote's server decides races. A lost race
   * is {@code CONFLICT}; a connection lost during a push is {@code UNKNOWN_OUTCOME} (read again to
   * learn what happened); an unreachable remote is {@code UNAVAILABLE}; refused credentials are
   * {@code UNAUTHORIZED}. Opening checks that the server takes atomic pushes, which keep the staging
   * branch and the lane state together: a server that does not is refused here with
   * {@code REJECTED}, before anything is written.
   */
  public static Either<PortFailure, GitStaging> openWithRemote(Path localCache, GitRemote remote, GitLaneConfig config) {
    return openWithRemote(localCache, remote, config, List.of(config.production().refName(), config.staging().refName()));
  }

  /**
   * Opens a GitOps repository kept in a remote (GitHub, a Git server) for promote by digest
   * ({@link GitOpsRepository#openWithRemote} opens the same as a GitOps bundle), as {@link #openWithRemote} does for a
   * lane: every read fetches {@code gitopsBranch}, the promotion and rollback branches
   * ({@code refs/heads/platinur/*}) and {@code refs/platinur/*} first, and every write is one atomic
   * push with expected old ids. Only {@code gitopsBranch} has to exist: a GitOps repository needs no
   * staging branch.
   */
  public static Either<PortFailure, GitStaging> openGitOpsWithRemote(Path localCache, GitRemote remote,
      io.platinur.domain.repository.BranchName gitopsBranch) {
    // The lane's second branch is never read or written here; it only has to differ.
    io.platinur.domain.repository.BranchName unused = io.platinur.domain.repository.BranchName.of(
        gitopsBranch.name().equals("staging") ? "main" : "staging");
    return openWithRemote(localCache, remote, GitLaneConfig.of(gitopsBranch, unused), List.of(gitopsBranch.refName()));
  }

  private static Either<PortFailure, GitStaging> openWithRemote(Path localCache, GitRemote remote, GitLaneConfig config,
      List<String> branchRefs) {
    return GitRefs.openCache(localCache).flatMap(repository -> {
      RemoteLink link = new RemoteLink(repository, remote, branchRefs);
      GitRepo git = new GitRepo(repository, config, io.vavr.control.Option.some(link));
      Either<PortFailure, Void> fetched = git.refresh().flatMap(done -> link.checkAtomicPush());
      if (fetched.isLeft()) {
        repository.close();
        return Either.left(fetched.getLeft());
      }
      return Either.right(new GitStaging(git));
    });
  }

  /**
   * Creates a bare repository at {@code directory} (which must not exist or be empty) whose
   * production branch has one commit (a {@code README.md}) and whose staging branch points at the
   * same commit; then opens it. Meant for demos and tests.
   */
  public static Either<PortFailure, GitStaging> init(Path directory, GitLaneConfig config, CommitAuthor author) {
    java.util.SortedMap<String, String> files = new java.util.TreeMap<>(
        java.util.Map.of("README.md", "# Production\n\nChanges arrive here through promotion PRs from the staging branch.\n"));
    return NewRepository.create(directory, files, ProposalCommits.ident(author), "Start production\n",
        List.of(config.production(), config.staging())).flatMap(created -> open(directory, config));
  }

  /**
   * Makes sure the staging branch exists, for a repository that so far has only its production
   * branch: creates staging at the production head (compare-and-swap on a ref that must not exist
   * yet, so two hosts doing this at once agree) and returns where staging points. When staging
   * already exists it is left where it is. {@code NOT_FOUND} when production does not exist.
   */
  public Either<PortFailure, io.platinur.domain.repository.CommitId> ensureStagingBranch() {
    return git.fresh(() -> Failures.guard(() -> {
      io.vavr.control.Option<ObjectId> existing = git.read(git.config.staging().refName());
      if (existing.isDefined()) {
        return Either.right(GitRepo.commitId(existing.get()));
      }
      Either<PortFailure, ObjectId> production = git.require(git.config.production().refName());
      if (production.isLeft()) {
        return Either.left(production.getLeft());
      }
      Either<PortFailure, Void> created =
          git.atomically("create " + git.config.staging(), List.of(RefMove.create(git.config.staging().refName(), production.get())));
      if (created.isLeft() && created.getLeft().isConflict()) {
        // someone else created it first: theirs stands
        return git.fresh(() -> Failures.guard(() -> git.require(git.config.staging().refName()).map(GitRepo::commitId)));
      }
      return created.map(done -> GitRepo.commitId(production.get()));
    }));
  }

  /** Proposal commits, batch read-back, rebuilds and staging moves (compare-and-swap). */
  @Override
  public StagingRepository staging() {
    return staging;
  }

  /**
   * The lane's state in {@code refs/platinur/lanes/<staging branch>}, saved together with the
   * staging branch in one atomic ref update. This is the store to use when several processes or
   * machines share the lane.
   */
  @Override
  public LaneStateStore laneStateStore() {
    return lanes;
  }

  /**
   * The forge of a repository without one: pull requests kept in the repository itself, the
   * embedded default. An open one is the ref {@code refs/platinur/pulls/<n>}; a merged or closed one
   * is filed into the archive {@code refs/platinur/pulls-closed}, so the refs do not grow with the
   * pull requests ever opened. Merging makes a merge commit of the head branch into the base branch
   * by compare-and-swap. {@link ForgePorts#openPullRequests()} lists the open ones at their head
   * branch's tip, updated at the later of their record's and their head's commit times, without
   * labels. Reviews are {@link #offlineReviews()}. There is no CI and no deployment here: those ports
   * answer {@code UNAVAILABLE} unless the host gives its own ({@code ForgePorts.builder(git.offlineHost()).ci(…)}).
   * Switching to GitHub is changing this one bundle for {@code GitHubPlatform.connect(…)}.
   */
  public ForgePorts offlineHost() {
    return offlineHost;
  }

  /**
   * The same offline pull requests, opened in the name of {@code login}: their author, whose own
   * approval {@link #offlineReviews()} refuses and the approval gate never counts. Throws
   * {@code InvalidValueException} for a blank login, one with control characters or one longer than
   * 100 characters.
   */
  public PullRequestHost offlinePullRequestsOpenedBy(String login) {
    return pulls.openedBy(OfflineReviews.login(login));
  }

  /** Reviews of the offline pull requests: approve one, and what the approval gate reads (see {@link OfflineReviews}). */
  public OfflineReviews offlineReviews() {
    return new OfflineReviews(pulls);
  }

  /**
   * The staging workspace kept in a plain (non-bare) Git checkout at {@code checkout}, such as a
   * clone of this repository where the assistant develops. {@code resetTo(commit)} fetches the lane
   * branches from this repository when the commit is missing there, then resets the checked-out
   * branch, index and files to it ({@code git reset --hard}); untracked files stay. Hand it to the
   * lane service so a synced promotion resets the workspace with the staging branch.
   */
  public StagingWorkspace workspace(Path checkout) {
    return new GitCheckoutWorkspace(checkout, git);
  }

  /**
   * Promote by digest in this repository too, on {@code gitopsBranch} with pins at {@code layout}:
   * the same {@link GitOpsRepository} bundle as {@link GitOpsRepository#open}, sharing this
   * repository (closing it leaves this open). A repository that holds only environment directories
   * needs no lane: open it with {@link GitOpsRepository#open} instead.
   */
  public GitOpsRepository gitOps(io.platinur.domain.repository.BranchName gitopsBranch, io.platinur.domain.digest.PinLayout layout) {
    return GitOpsRepository.sharing(this, gitopsBranch, layout);
  }

  /**
   * The latest promotion of every target in {@code refs/platinur/digest-promotions}, saved by
   * compare-and-swap: the store to use when several processes or machines promote.
   */
  public io.platinur.port.DigestPromotionStore digestPromotionStore() {
    return new GitDigestPromotionStore(git);
  }

  /**
   * The delivery history of this repository, read from Git alone, for delivery metrics
   * ({@code DeliveryMetricsService}): the lane's saved changes in {@code refs/platinur/lanes/<staging>}
   * with their audit times, the reverts on its production branch (commits that say {@code This
   * reverts commit <id>}), and the saved states of the digest promotions in
   * {@code refs/platinur/digest-promotions}. A history whose ref does not exist is skipped. Each
   * read walks back only to where the last one stopped.
   */
  public io.platinur.port.DeliveryHistory deliveryHistory() {
    return new GitDeliveryHistory(git, io.vavr.control.Option.none());
  }

  /**
   * The same, with the builds of a GitOps repository too: every change of a service's pin in the
   * promotion path's {@code firstEnvironment} on {@code gitopsBranch} (where digests are built),
   * from which a digest's lead time into the later environments starts.
   */
  public io.platinur.port.DeliveryHistory deliveryHistory(io.platinur.domain.repository.BranchName gitopsBranch,
      io.platinur.domain.digest.PinLayout layout, io.platinur.domain.digest.EnvironmentName firstEnvironment) {
    return new GitDeliveryHistory(git, io.vavr.control.Option.some(new GitDeliveryHistory.Builds(
        Objects.requireNonNull(gitopsBranch, "gitopsBranch"), Objects.requireNonNull(layout, "layout"),
        Objects.requireNonNull(firstEnvironment, "firstEnvironment"))));
  }

  /**
   * How the use cases should wait before retrying after a lost compare-and-swap race on this
   * lane, when several hosts (threads, processes or machines) write to it: exponential backoff with
   * full jitter ({@link #jitteredBackoff}), from 5 ms up to 250 ms on a repository opened with
   * {@link #open} or {@link #init}, and from 20 ms up to 500 ms with a remote ({@link #openWithRemote}:
   * a round trip to the server is longer than a local ref update). Pass it to the services:
   *
   * <p>The entry points ({@code StagingLaneService.builder(config, git, forge)}) use it unless told
   * otherwise; a host with a single writer loses no race and waits never. Each wait sleeps the calling thread.
   * With the lane's default bound (100 attempts), a writer that keeps losing gives up after at most
   * about 24 s of waiting on a local repository, 48 s with a remote.
   */
  @Override
  public RetryBackoff retryBackoff() {
    return git.retryBackoff();
  }

  /**
   * Exponential backoff with full jitter: before retry {@code n} (1 for the first), sleeps a
   * uniformly random time between 0 and {@code min(longestWait, firstWait × 2^(n-1))}. The bound
   * grows so that writers that keep losing thin out; the randomness keeps writers that lost
   * together from trying again together. Throws {@code InvalidValueException} unless
   * {@code 0 < firstWait <= longestWait}. An interrupted sleep returns at once, the flag kept.
   */
  public static RetryBackoff jitteredBackoff(Duration firstWait, Duration longestWait) {
    return JitteredBackoff.of(Objects.requireNonNull(firstWait, "firstWait"), Objects.requireNonNull(longestWait, "longestWait"));
  }

  /** The system clock (UTC): the time audit entries record unless the host gives its own. */
  @Override
  public TimeSource timeSource() {
    return Clock.systemUTC()::instant;
  }

  /** The configuration this lane was opened with. */
  public GitLaneConfig config() {
    return git.config;
  }

  @Override
  public void close() {
    git.packer.close();
    git.repository.close();
  }

  @Override
  public String toString() {
    return "GitStaging[" + git.repository.getDirectory() + ", " + git.config.staging() + " → " + git.config.production() + "]";
  }
}
