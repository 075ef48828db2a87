package io.platinur.cli.demo;

import io.platinur.domain.repository.BranchName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Moves branches between two bare repositories on this machine (clone, push, fetch), the way a
 * lane's own repository talks to the host where its promotion PRs live. The demo and the examples
 * use it to show a lane whose production branch lags behind the host's, as it does behind GitHub
 * between a merge and the next fetch.
 */
public final class GitTransport {
  private GitTransport() {}

  /** Clones {@code host} into a new bare repository {@code lane}, every branch under the same name. */
  public static void cloneBare(Path host, Path lane) throws IOException {
    try (Git git = Git.cloneRepository().setURI(host.toUri().toString()).setDirectory(lane.toFile())
        .setBare(true).setCloneAllBranches(true).call()) {
      git.getRepository().getConfig().setString("core", null, "logallrefupdates", "true");
      git.getRepository().getConfig().save();
    } catch (GitAPIException e) {
      throw new IOException("Could not clone " + host + " into " + lane + ": " + e.getMessage(), e);
    }
  }

  /** Pushes {@code branch} from {@code lane} to {@code host}, fast-forward only. */
  public static void push(Path lane, Path host, BranchName branch) throws IOException {
    push(lane, host, branch, false);
  }

  /**
   * Pushes {@code branch} from {@code lane} to {@code host}; with {@code force}, also when the
   * lane's branch was rewritten (an unapply rebuilds the staging branch).
   */
  public static void push(Path lane, Path host, BranchName branch, boolean force) throws IOException {
    try (Git git = Git.open(lane.toFile())) {
      Iterable<PushResult> results = git.push().setRemote(host.toUri().toString())
          .setRefSpecs(new RefSpec((force ? "+" : "") + branch.refName() + ":" + branch.refName())).call();
      for (PushResult result : results) {
        for (RemoteRefUpdate update : result.getRemoteUpdates()) {
          if (update.getStatus() != RemoteRefUpdate.Status.OK && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
            throw new IOException("The host refused " + branch + ": " + update.getStatus());
          }
        }
      }
    } catch (GitAPIException e) {
      throw new IOException("Could not push " + branch + " to " + host + ": " + e.getMessage(), e);
    }
  }

  /**
   * Fetches the host's {@code branch} into {@code destinationRef} of {@code lane} (for example
   * {@code refs/remotes/origin/main}, or the branch itself to bring it up to date, fast-forward only).
   */
  public static void fetch(Path lane, Path host, BranchName branch, String destinationRef) throws IOException {
    try (Git git = Git.open(lane.toFile())) {
      git.fetch().setRemote(host.toUri().toString())
          .setRefSpecs(List.of(new RefSpec(branch.refName() + ":" + destinationRef))).call();
      Ref fetched = git.getRepository().exactRef(destinationRef);
      if (fetched == null) {
        throw new IOException("Fetching " + branch + " from " + host + " left no " + destinationRef + ".");
      }
    } catch (GitAPIException e) {
      throw new IOException("Could not fetch " + branch + " from " + host + ": " + e.getMessage(), e);
    }
  }
}
