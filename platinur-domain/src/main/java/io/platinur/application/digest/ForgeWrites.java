package io.platinur.application.digest;

import io.platinur.application.digest.DigestPromotionService.Ports;
import io.platinur.domain.digest.CompletionStep;
import io.platinur.domain.digest.DigestPromotionEvent;
import io.platinur.domain.digest.PromoteAccepted;
import io.platinur.domain.digest.RollbackAccepted;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.WriteBudget;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.util.function.Supplier;

/**
 * Carries out, through the ports, what a decision asked for: write a promotion or rollback branch
 * and open its PR, merge a PR at the head its gate passed at. Every write is safe to repeat (the
 * same branch change, the PR already open between the same branches, a merge of a merged PR), so a
 * decision made again after a lost race adopts what its earlier attempt did. The commits written
 * name the author the use case was called for. Every write first waits for the {@link WriteBudget}.
 */
final class ForgeWrites {
  private final BranchName gitopsBranch;
  private final Ports ports;
  private final WriteBudget budget;

  ForgeWrites(BranchName gitopsBranch, Ports ports, WriteBudget budget) {
    this.gitopsBranch = gitopsBranch;
    this.ports = ports;
    this.budget = budget;
  }

  /** Waits for the budget, then writes. */
  private <T> Either<PortFailure, T> paced(WriteBudget.Write write, Supplier<Either<PortFailure, T>> call) {
    budget.beforeWrite(write);
    return call.get();
  }

  /** Closes {@code pr}, paced. */
  Either<PortFailure, PullRequestState> close(PullRequestNumber pr) {
    return paced(WriteBudget.Write.CONTENT_CREATING, () -> ports.pullRequests().close(pr));
  }

  /** Writes the promotion's pin change on its branch, on {@code base}, and opens (or finds) its PR. */
  Either<PortFailure, PullRequestNumber> openPromotion(PromoteAccepted accepted, CommitId base, CommitAuthor author) {
    return paced(WriteBudget.Write.PUSH, () -> ports.branches().writePromotion(accepted.promotion(), base, author))
        .flatMap(branch -> paced(WriteBudget.Write.CONTENT_CREATING,
            () -> ports.pullRequests().openPromotionPr(branch, gitopsBranch, accepted.prTitle(), accepted.prBody())))
        .map(pr -> pr.number());
  }

  /** Writes the revert on the rollback branch, on the GitOps branch's head, and opens (or finds) its PR. */
  Either<PortFailure, PullRequestNumber> openRollback(RollbackAccepted accepted, CommitAuthor author) {
    return ports.pins().current()
        .flatMap(snapshot -> paced(WriteBudget.Write.PUSH, () -> ports.branches().writeRollback(accepted.plan(), snapshot.commit(), author)))
        .flatMap(branch -> paced(WriteBudget.Write.CONTENT_CREATING,
            () -> ports.pullRequests().openPromotionPr(branch, gitopsBranch, accepted.prTitle(), accepted.prBody())))
        .map(pr -> pr.number());
  }

  /** Does what {@code step} asks outside and answers the events to record. */
  Either<PortFailure, Seq<DigestPromotionEvent>> carry(CompletionStep step, CommitAuthor author) {
    return step.fold(
        merge -> paced(WriteBudget.Write.MERGE, () -> ports.pullRequests().merge(merge.pr(), merge.head())).map(merge::merged),
        record -> Either.right(record.events()),
        rollBack -> openRollback(rollBack.rollback(), author).map(rollBack.rollback()::events),
        done -> Either.right(List.empty()));
  }
}
