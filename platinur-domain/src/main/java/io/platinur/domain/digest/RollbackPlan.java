package io.platinur.domain.digest;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.CommitId;
import java.util.Objects;

/**
 * A rollback to carry out: revert {@code mergeCommit} (the merge of promotion PR {@code pr}) in a
 * PR, so the target pins {@code promotion.previous()} again.
 */
public record RollbackPlan(Promotion promotion, PullRequestNumber pr, CommitId mergeCommit, RollbackReason reason) {
  public RollbackPlan {
    Objects.requireNonNull(promotion, "promotion");
    Objects.requireNonNull(pr, "pr");
    Objects.requireNonNull(mergeCommit, "mergeCommit");
    Objects.requireNonNull(reason, "reason");
  }
}
