package io.platinur.git;

import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.platinur.port.StagingWorkspace;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;

/**
 * The staging workspace as a plain (non-bare) Git checkout: resetting it fetches the lane's
 * branches from the lane repository into {@code refs/remotes/platinur/*} and resets the checked-out
 * branch, index and files to the commit ({@code git reset --hard}). Untracked files are left alone:
 * they may be the assistant's work in progress, and deleting them is not Platinur's call.
 */
final class GitCheckoutWorkspace implements StagingWorkspace {
  private final Path checkout;
  private final GitRepo lane;

  GitCheckoutWorkspace(Path checkout, GitRepo lane) {
    this.checkout = checkout;
    this.lane = lane;
  }

  @Override
  public Either<PortFailure, CommitId> resetTo(CommitId commit) {
    if (!Files.isDirectory(checkout.resolve(".git"))) {
      return Failures.fail(Kind.NOT_FOUND, "There is no Git checkout at " + checkout + ".");
    }
    try (Repository repository = new FileRepositoryBuilder().setWorkTree(checkout.toFile()).setMustExist(true).build();
        Git git = new Git(repository)) {
      if (repository.isBare()) {
        return Failures.fail(Kind.INVALID_REQUEST, checkout + " is a bare repository, not a working checkout.");
      }
      ObjectId target = GitRepo.objectId(commit);
      if (!repository.getObjectDatabase().has(target)) {
        git.fetch()
            .setRemote(lane.repository.getDirectory().toURI().toString())
            .setRefSpecs(
                new RefSpec("+" + lane.config.production().refName() + ":refs/remotes/platinur/" + lane.config.production().name()),
                new RefSpec("+" + lane.config.staging().refName() + ":refs/remotes/platinur/" + lane.config.staging().name()))
            .call();
      }
      if (!repository.getObjectDatabase().has(target)) {
        return Failures.fail(Kind.NOT_FOUND, "Commit " + commit.abbreviated() + " is on neither lane branch; the workspace was not reset.");
      }
      git.reset().setMode(ResetCommand.ResetType.HARD).setRef(target.name()).call();
      return Either.right(commit);
    } catch (IOException e) {
      return Either.left(Failures.of(e));
    } catch (GitAPIException e) {
      return Failures.fail(Kind.REPOSITORY_DAMAGED, "The workspace at " + checkout + " could not be reset: " + e.getClass().getSimpleName() + ".");
    }
  }

  @Override
  public String toString() {
    return "GitCheckoutWorkspace[" + checkout + "]";
  }
}
