package io.platinur.port;

import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.repository.CommitId;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * Where the host's build publishes what it built: the image digest built from a commit. Build once
 * (ADR-0034): a preview pins exactly this digest, never a tag.
 */
@FunctionalInterface
public interface BuildArtifacts {

  /** The digest of the image built from {@code commit}, or none while no build of it has finished. */
  Either<PortFailure, Option<ImageDigest>> digestOf(CommitId commit);
}
