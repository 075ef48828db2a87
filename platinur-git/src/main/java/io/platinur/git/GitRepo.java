package io.platinur.git;

import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

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
   * Adds the lock files under {@code directory}, walked with plain directory listings: this runs on
   * every Sync Promotions, and a listing per directory costs less than a walk that reads every
   * entry's attributes. A name that cannot be listed is a ref file.
   */
  private static void addLockFiles(File directory, java.util.List<File> found) {
    String[] names = directory.list();
    if (names == null) {
      return;
    }
    for (String name : names) {
      File entry = new File(directory, name);
      if (name.endsWith(".lock")) {
        found.add(entry);
      } else {
        addLockFiles(entry, found);
      }
    }
  }

  /**
   * Deletes the lock files on the lane's refs (its branches, its state and pull-request refs, and
   * packed-refs) that are older than the stale age, while no write of this repository is in
   * progress. No writer holds a ref lock that long, so such a file was left by a crashed one.
   * Returns one sentence per file removed.
   */
  Seq<String> removeAbandonedLocks() throws IOException {
    File dir = repository.getDirectory();
    java.util.List<File> candidates = new java.util.ArrayList<>(java.util.List.of(new File(dir, "packed-refs.lock"),
        new File(dir, config.staging().refName() + ".lock"), new File(dir, config.production().refName() + ".lock")));
    addLockFiles(new File(dir, "refs/platinur"), candidates);
    List<String> removed = List.empty();
    for (File lock : candidates) {
      long modified = lock.lastModified();
      long now = System.currentTimeMillis();
      if (modified == 0L || now - modified <= config.staleLockAfter().toMillis() || writesInProgress.get() > 0) {
        continue;
      }
      // Deleted only if it is still the same file, untouched since it was looked at.
      if (lock.lastModified() == modified && lock.delete()) {
        removed = removed.append("Removed lock file " + relative(lock) + ", left behind " + words(Duration.ofMillis(now - modified))
            + " ago by a crashed writer.");
      }
    }
    return removed;
  }
}
