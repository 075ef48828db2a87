package io.platinur.git;

import io.vavr.control.Option;
import org.eclipse.jgit.lib.Repository;

/** The repository of one lane: its refs (see {@link GitRefs}) and the lane's branches and limits. */
final class GitRepo extends GitRefs {
  final GitLaneConfig config;

  GitRepo(Repository repository, GitLaneConfig config) {
    this(repository, config, Option.none());
  }

  GitRepo(Repository repository, GitLaneConfig config, Option<RemoteLink> remote) {
    super(repository, config.staleLockAfter(), remote);
    this.config = config;
  }
}
