package io.platinur.port;

import io.platinur.domain.repository.CommitId;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * The exit code of the deploy command (for example a Railway deploy) that put a commit on an
 * environment, as the host's deploy pipeline recorded it; none when no deploy of it is known.
 */
@FunctionalInterface
public interface DeployExitCodes {
  Either<PortFailure, Option<Integer>> exitCode(String environment, CommitId commit);
}
