package io.platinur.git;

import io.platinur.port.PortFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/** The repository of one lane: its refs (see {@link GitRefs}) and the lane's branches and limits. */
final class GitRepo extends GitRefs {
  private static final int TORN_READ_REFETCHES = 8;

  final GitLaneConfig config;

  GitRepo(Repository repository, GitLaneConfig config) {
    this(repository, config, Option.none());
  }

  GitRepo(Repository repository, GitLaneConfig config, Option<RemoteLink> remote) {
    super(repository, config.staleLockAfter(), remote);
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

  /** The lane state names a staging head this repository does not have. */
  private boolean isTornRead() {
    try {
      Option<ObjectId> state = read(config.laneStateRef());
      if (state.isEmpty()) {
        return false;
      }
      Either<PortFailure, io.platinur.domain.lane.StagingLane> lane = GitLaneStateStore.readLane(repository, state.get());
      return lane.isRight() && !repository.getObjectDatabase().has(objectId(lane.get().stagingHead()));
    } catch (IOException e) {
      return false; // the read that follows reports it
    }
  }
}
