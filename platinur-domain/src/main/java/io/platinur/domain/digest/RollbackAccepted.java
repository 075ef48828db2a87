package io.platinur.domain.digest;

import io.platinur.domain.digest.DigestPromotionEvent.RollbackOpened;
import io.platinur.domain.forge.PullRequestNumber;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * A rollback {@link DigestPromotions#rollback} accepted (or a canary's judgement asked for): revert
 * the merge of {@code from}'s promotion PR on {@link #branch()} ({@link #plan()}), open its PR with
 * {@link #prTitle()} and {@link #prBody()}, then record {@link #events(PullRequestNumber)}; the
 * promotion is then {@link #opened(PullRequestNumber) rolling back}.
 */
public record RollbackAccepted(DigestPromotion.Revertible from, RollbackReason reason) {
  public RollbackAccepted {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(reason, "reason");
  }

  public PromotionTarget target() {
    return from.target();
  }

  /** What the rollback branch reverts. */
  public RollbackPlan plan() {
    return new RollbackPlan(from.promotion(), from.pr(), from.mergeCommit(), reason);
  }

  /** {@code platinur/rollback/<service>/<env>}, the branch the revert PR is opened from. */
  public PromotionBranch branch() {
    return PromotionBranch.rollback(target());
  }

  /** The events to record once revert PR {@code revertPr} is open. */
  public Seq<DigestPromotionEvent> events(PullRequestNumber revertPr) {
    return List.of(new RollbackOpened(target(), revertPr, reason));
  }

  /** The promotion once revert PR {@code revertPr} is open. */
  public DigestPromotion.RollingBack opened(PullRequestNumber revertPr) {
    return from.rollbackOpened(revertPr, reason);
  }

  /** {@code Roll back api in prod to sha256:1a2b3c4d5e6f…}. */
  public String prTitle() {
    return "Roll back " + target().service() + " in " + target().environment() + " to "
        + from.promotion().previous().map(ImageDigest::abbreviated).getOrElse("no pin");
  }

  /** {@code Reverts <merge commit> (PR #12) because the canary failed.} */
  public String prBody() {
    return "Reverts " + from.mergeCommit() + " (PR " + from.pr() + ") because " + reason.words() + ".\n";
  }
}
