package io.platinur.domain.digest;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.CommitId;
import java.util.Objects;

/**
 * A pull request open from a {@link PromotionBranch} into the GitOps branch that the promotions do
 * not record: what a host leaves behind when it opened the PR and crashed (or lost the answer)
 * before saving. A sync adopts it, or closes it when it is not what Platinur would open now.
 */
public record UnrecordedPr(PromotionBranch branch, PullRequestNumber pr, CommitId head) {
  public UnrecordedPr {
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(pr, "pr");
    Objects.requireNonNull(head, "head");
  }

  public PromotionTarget target() {
    return branch.target();
  }

  /** {@code PR #5 from platinur/promote/api/staging}. */
  @Override
  public String toString() {
    return "PR " + pr + " from " + branch;
  }
}
