package io.platinur.port;

import io.platinur.domain.repository.CommitId;
import io.vavr.control.Either;

/**
 * The working checkout where the assistant develops against Staging. After a merged promotion is
 * synced, Platinur resets it to the production head together with the staging branch. Hosts with
 * a workspace of their own implement this; the Git adapter provides one for a plain checkout.
 */
@FunctionalInterface
public interface StagingWorkspace {
  Either<PortFailure, CommitId> resetTo(CommitId commit);
}
