package io.platinur.port;

import io.platinur.domain.digest.Promotion;
import io.platinur.domain.digest.RollbackPlan;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.vavr.control.Either;

/**
 * Writes the branches that promotion and rollback PRs are opened from: one commit on the GitOps
 * branch that changes exactly the target's pin scalar. Safe to retry: writing the same change on
 * the same base again returns the branch as it is.
 */
public interface PinBranches {

  /** {@code platinur/promote/<service>/<env>}: pins {@code promotion.digest()} in the target, on {@code base}. */
  Either<PortFailure, BranchName> writePromotion(Promotion promotion, CommitId base);

  /**
   * {@code platinur/rollback/<service>/<env>}: reverts the promotion's merge commit on {@code base}
   * (the previous pin comes back, nothing else changes).
   */
  Either<PortFailure, BranchName> writeRollback(RollbackPlan plan, CommitId base);
}
