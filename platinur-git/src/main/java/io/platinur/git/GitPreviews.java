package io.platinur.git;

import io.platinur.domain.preview.PreviewLayout;
import io.platinur.domain.repository.BranchName;
import io.platinur.port.PortFailure;
import io.platinur.port.PreviewStore;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;

/**
 * Preview environments kept in a GitOps repository: the entry point of the Git adapter for
 * previews. Each preview is a directory on one branch ({@code previews/pr-<n>/values.yaml} by
 * default, see {@link PreviewLayout}) whose values file pins the PR's image digest
 * ({@code image.digest}) and carries Platinur's mark, so a Git directory generator (Argo CD
 * ApplicationSet) deploys one application per directory.
 *
 * <pre>{@code
 * try (GitPreviews previews = GitPreviews.open(Path.of("/srv/repos/gitops.git"), BranchName.of("main"), PreviewLayout.standard()).get()) {
 *   PreviewEnvironmentService service = PreviewEnvironmentService.builder(previews, github, builds).build();
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Every reconcile's changes are one commit on the branch, moved by compare-and-swap together
 *       with {@code refs/platinur/previews/<branch>}, which lists reaped previews whose cleanup
 *       outside Git is not yet confirmed. A lost race is {@code CONFLICT}; nothing outside the
 *       previews directory is ever written. A reconcile's commit names the author it is called
 *       for, or Platinur; the list of pending cleanups is always Platinur's own.
 *   <li>A lock file that a crashed writer left on the branch, on the list's ref or on packed-refs
 *       is removed by the next reconcile once it is older than the stale age (2 min); until then a
 *       write names it with its age.
 *   <li>A directory under the previews root that Platinur did not write (no mark in its values
 *       file), or whose values file does not parse, is reported and left alone: never changed,
 *       never deleted.
 *   <li>With {@link #openWithRemote}, every read fetches and every write is one atomic push with
 *       expected ids, so hosts on several machines share one remote safely.
 * </ul>
 */
public final class GitPreviews implements io.platinur.port.PreviewPorts, AutoCloseable {
  private final GitRefs git;
  private final GitPreviewStore store;

  private GitPreviews(GitRefs git, BranchName branch, PreviewLayout layout) {
    this.git = git;
    this.store = new GitPreviewStore(git, branch, layout);
  }

  /**
   * Previews on {@code branch} of the bare repository at {@code bareRepository}. {@code NOT_FOUND}
   * when there is no repository there, {@code REPOSITORY_DAMAGED} when it is not bare.
   */
  public static Either<PortFailure, GitPreviews> open(Path bareRepository, BranchName branch, PreviewLayout layout) {
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(layout, "layout");
    return GitRefs.openBare(bareRepository)
        .map(repository -> new GitPreviews(refs(repository, Option.none()), branch, layout));
  }

  /**
   * Previews on {@code branch} of a shared remote repository, cached in the local bare repository
   * at {@code localCache} (created when missing). Failures as for {@link GitStaging#openWithRemote};
   * a server that does not take atomic pushes is refused with {@code REJECTED}, as a preview commit
   * and the list of pending cleanups move together.
   */
  public static Either<PortFailure, GitPreviews> openWithRemote(Path localCache, GitRemote remote, BranchName branch, PreviewLayout layout) {
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(layout, "layout");
    return GitRefs.openCache(localCache).flatMap(repository -> {
      RemoteLink link = new RemoteLink(repository, remote, List.of(branch.refName()));
      GitRefs git = refs(repository, Option.some(link));
      Either<PortFailure, Void> fetched = git.refresh().flatMap(done -> link.checkAtomicPush());
      if (fetched.isLeft()) {
        repository.close();
        return Either.left(fetched.getLeft());
      }
      return Either.right(new GitPreviews(git, branch, layout));
    });
  }

  /** The repository's refs, whose lock files a crashed writer left behind a reconcile removes. */
  private static GitRefs refs(Repository repository, Option<RemoteLink> remote) {
    return new GitRefs(repository, GitLaneConfig.DEFAULT_STALE_LOCK_AFTER, remote) {
      @Override
      String abandonedLockRemedy() {
        return "the next reconcile of the previews removes it";
      }
    };
  }

  /**
   * Creates a bare GitOps repository at {@code directory} (which must not exist or be empty) whose
   * {@code branch} has one commit holding a {@code README.md} in the previews root; then opens it.
   * Meant for demos and tests.
   */
  public static Either<PortFailure, GitPreviews> init(Path directory, BranchName branch, PreviewLayout layout) {
    java.util.SortedMap<String, String> files = new java.util.TreeMap<>(java.util.Map.of(layout.root().value() + "/README.md",
        "# Preview environments\n\nOne directory per pull request, kept by Platinur.\n"));
    return NewRepository.create(directory, files, new PersonIdent("Platinur", "platinur", Instant.now(), ZoneOffset.UTC),
        "Start the GitOps repository\n", List.of(branch)).flatMap(created -> open(directory, branch, layout));
  }

  /** The previews, read and written with compare-and-swap. */
  @Override
  public PreviewStore previewStore() {
    return store;
  }

  /** The system clock (UTC): the time a reconcile plans with unless the host gives its own. */
  @Override
  public io.platinur.port.TimeSource timeSource() {
    return java.time.Clock.systemUTC()::instant;
  }

  /**
   * Exponential backoff with full jitter, as {@link GitStaging#retryBackoff()}: from 5 ms up to
   * 250 ms on a local repository, from 20 ms up to 500 ms with a remote.
   */
  @Override
  public io.platinur.port.RetryBackoff retryBackoff() {
    return git.retryBackoff();
  }

  @Override
  public void close() {
    git.packer.close();
    git.repository.close();
  }

  @Override
  public String toString() {
    return "GitPreviews[" + git.repository.getDirectory() + "]";
  }
}
