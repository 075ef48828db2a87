package io.platinur.port;

import io.platinur.domain.digest.Promotion;
import io.platinur.domain.digest.RollbackPlan;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;

/**
 * Writes the branches that promotion and rollback PRs are opened from: one commit on the GitOps
 * branch that changes exactly the target's pin scalar. Safe to retry: writing the same change on
 * the same base again returns the branch as it is.
 *
 * <p>The use cases call the forms that take a {@link CommitAuthor}: the commit names the person the
 * change is made for, as a proposal commit of the staging lane does. The forms without one write
 * the commit as the adapter's own identity; an implementation that keeps no commit authors (one in
 * memory) may leave the author out, which is what the defaults do.
 */
public interface PinBranches {

  /** {@code platinur/promote/<service>/<env>}: pins {@code promotion.digest()} in the target, on {@code base}. */
  Either<PortFailure, BranchName> writePromotion(Promotion promotion, CommitId base);

  /**
   * {@code platinur/rollback/<service>/<env>}: reverts the promotion's merge commit on {@code base}
   * (the previous pin comes back, nothing else changes).
   */
  Either<PortFailure, BranchName> writeRollback(RollbackPlan plan, CommitId base);

  /**
   * {@link #writePromotion(Promotion, CommitId)}, the commit authored by {@code author} (name and
   * email; a repository whose history dates deployments may date the commit when it writes it).
   * Writing the same change on the same base again finds it written, whoever wrote it.
   */
  default Either<PortFailure, BranchName> writePromotion(Promotion promotion, CommitId base, CommitAuthor author) {
    return writePromotion(promotion, base);
  }

  /** {@link #writeRollback(RollbackPlan, CommitId)}, the commit authored by {@code author}, as for a promotion. */
  default Either<PortFailure, BranchName> writeRollback(RollbackPlan plan, CommitId base, CommitAuthor author) {
    return writeRollback(plan, base);
  }

  /**
   * Removes lock files that a crashed writer left on the GitOps repository's refs (its branch, the
   * promotion and rollback branches, Platinur's own refs): only those older than the adapter's
   * stale age, and only while none of its own writes is in progress. Returns one sentence per file
   * removed, for the user and the history. Sync calls it first, so a crash never blocks the
   * promotions until a person deletes a file. Repositories without lock files remove nothing.
   */
  default Either<PortFailure, Seq<String>> removeAbandonedLocks() {
    return Either.right(List.empty());
  }
}
