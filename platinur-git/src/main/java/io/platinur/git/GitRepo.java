package io.platinur.git;

import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure.Kind;
import io.platinur.port.PortFailure;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/** The repository of one lane: its refs (see {@link GitRefs}) and the lane's branches and limits. */
class GitRepo extends GitRefs {
  final GitLaneConfig config;

  GitRepo(Repository repository, GitLaneConfig config) {
    this(repository, config, Option.none());
  }

  GitRepo(Repository repository, GitLaneConfig config, Option<RemoteLink> remote) {
    this(repository, config, remote, new LoosePacker(repository));
  }

  GitRepo(Repository repository, GitLaneConfig config, Option<RemoteLink> remote, LoosePacker packer) {
    super(repository, config.staleLockAfter(), remote, packer);
    this.config = config;
  }

  /**
   * With a remote, makes the local lane refs what the remote says; without, does nothing.
   *
   * <p>A server lists its refs one by one, not as one snapshot, so a fetch that crosses another
   * host's atomic push can bring the new lane state with the old staging branch, and then the
   * staging head the state records is missing here. That read is torn: fetch again (bounded).
   */
  @Override
  Either<PortFailure, Void> refresh() {
    if (remote.isEmpty()) {
      return Either.right(null);
    }
    Either<PortFailure, Void> fetched = remote.get().fetch();
    for (int again = 0; again < TORN_READ_REFETCHES && fetched.isRight() && isTornRead(); again++) {
      fetched = remote.get().fetch();
    }
    return fetched;
  }

  private static final int TORN_READ_REFETCHES = 8;

  /** The lane state names a staging head this repository does not have. */
  private boolean isTornRead() {
    try {
      Option<ObjectId> state = read(config.laneStateRef());
      if (state.isEmpty()) {
        return false;
      }
      Either<PortFailure, CommitId> head = GitLaneStateStore.stagingHead(repository, state.get());
      return head.isRight() && !repository.getObjectDatabase().has(objectId(head.get()));
    } catch (IOException e) {
      return false; // the read that follows reports it
    }
  }

  @Override
  String abandonedLockRemedy() {
    return "Sync Promotions removes it";
  }

  /**
   * Deletes the lock files on the lane's refs (its branches, its state and pull-request refs, and
   * packed-refs) that are older than the stale age, while no write of this repository is in
   * progress. No writer holds a ref lock that long, so such a file was left by a crashed one.
   * Returns one sentence per file removed.
   */
  Seq<String> removeAbandonedLocks() throws IOException {
    return removeAbandonedLocks(List.of(config.staging().refName(), config.production().refName()), List.of("refs/platinur"));
  }

  /** A commit the caller named: {@code NOT_FOUND} when the repository has no such commit. */
  Either<PortFailure, ObjectId> known(CommitId commit) throws IOException {
    ObjectId id = GitRepo.objectId(commit);
    if (!repository.getObjectDatabase().has(id)) {
      return Failures.fail(Kind.NOT_FOUND, "No commit " + commit.abbreviated() + " in the repository.");
    }
    return Either.right(id);
  }

  /** The bytes at {@code path} in {@code commit}'s tree, if there is a file there. */
  Option<byte[]> blob(RevCommit commit, RepoPath path) throws IOException {
    try (TreeWalk walk = TreeWalk.forPath(repository, path.value(), commit.getTree())) {
      return walk == null ? Option.none() : Option.some(repository.open(walk.getObjectId(0)).getCachedBytes(16 * 1024 * 1024));
    }
  }
}
