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

/**
 * Preview environments kept in a GitOps repository: the entry point of the Git adapter for
 * previews. Each preview is a directory on one branch ({@code previews/pr-<n>/values.yaml} by
 * default, see {@link PreviewLayout}) whose values file pins the PR's image digest
 * ({@code image.digest}) and carries Platinur's mark, so a Git directory generator (Argo CD
 * ApplicationSet) deploys one application per directory.
 *
 * <pre>{@code
 * try (GitPreviews previews = GitPreviews.open(Path.of("/srv/repos/gitops.git"), BranchName.of("main"), PreviewLayout.standard()).get()) {
 *   PreviewStore store = previews.store();
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Every reconcile's changes are one commit on the branch, moved by compare-and-swap together
 *       with {@code refs/platinur/previews/<branch>}, which lists reaped previews whose cleanup
 *       outside Git is not yet confirmed. A lost race is {@code CONFLICT}; nothing outside the
 *       previews directory is ever written.
 *   <li>A directory under the previews root that Platinur did not write (no mark in its values
 *       file), or whose values file does not parse, is reported and left alone: never changed,
 *       never deleted.
 *   <li>With {@link #openWithRemote}, every read fetches and every write is one atomic push with
 *       expected ids, so hosts on several machines share one remote safely.
 * </ul>
 */
public final class GitPreviews implements AutoCloseable {
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
        .map(repository -> new GitPreviews(new GitRefs(repository, GitLaneConfig.DEFAULT_STALE_LOCK_AFTER, Option.none()), branch, layout));
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
      GitRefs git = new GitRefs(repository, GitLaneConfig.DEFAULT_STALE_LOCK_AFTER, Option.some(link));
      Either<PortFailure, Void> fetched = git.refresh().flatMap(done -> link.checkAtomicPush());
      if (fetched.isLeft()) {
        repository.close();
        return Either.left(fetched.getLeft());
      }
      return Either.right(new GitPreviews(git, branch, layout));
    });
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
  public PreviewStore store() {
    return store;
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
