package io.platinur.application.digest;

import io.platinur.application.digest.DigestPromotionService.Ports;
import io.platinur.domain.digest.CompletionStep;
import io.platinur.domain.digest.DigestPromotionEvent;
import io.platinur.domain.digest.PromoteAccepted;
import io.platinur.domain.digest.RollbackAccepted;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;

/**
 * Carries out, through the ports, what a decision asked for: write a promotion or rollback branch
 * and open its PR, merge a PR at the head its gate passed at. Every write is safe to repeat (the
 * same branch change, the PR already open between the same branches, a merge of a merged PR), so a
 * decision made again after a lost race adopts what its earlier attempt did. The commits written
 * name the author the use case was called for.
 */
final class ForgeWrites {
  private final BranchName gitopsBranch;
  private final Ports ports;

  ForgeWrites(BranchName gitopsBranch, Ports ports) {
    this.gitopsBranch = gitopsBranch;
    this.ports = ports;
  }

  /** Writes the promotion's pin change on its branch, on {@code base}, and opens (or finds) its PR. */
  Either<PortFailure, PullRequestNumber> openPromotion(PromoteAccepted accepted, CommitId base, CommitAuthor author) {
    return ports.branches().writePromotion(accepted.promotion(), base, author)
        .flatMap(branch -> ports.pullRequests().openPromotionPr(branch, gitopsBranch, accepted.prTitle(), accepted.prBody()))
        .map(pr -> pr.number());
  }

  /** Writes the revert on the rollback branch, on the GitOps branch's head, and opens (or finds) its PR. */
  Either<PortFailure, PullRequestNumber> openRollback(RollbackAccepted accepted, CommitAuthor author) {
    return ports.pins().current()
        .flatMap(snapshot -> ports.branches().writeRollback(accepted.plan(), snapshot.commit(), author))
        .flatMap(branch -> ports.pullRequests().openPromotionPr(branch, gitopsBranch, accepted.prTitle(), accepted.prBody()))
        .map(pr -> pr.number());
  }

  /** Does what {@code step} asks outside and answers the events to record. */
  Either<PortFailure, Seq<DigestPromotionEvent>> carry(CompletionStep step, CommitAuthor author) {
    return step.fold(
        merge -> ports.pullRequests().merge(merge.pr(), merge.head()).map(merge::merged),
        record -> Either.right(record.events()),
        rollBack -> openRollback(rollBack.rollback(), author).map(rollBack.rollback()::events),
        done -> Either.right(List.empty()));
  }
}
