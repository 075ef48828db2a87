package io.platinur.domain.digest;

import io.platinur.domain.forge.PullRequestNumber;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * A rollback PR that a sync would merge by itself but whose gate does not pass yet: the next sync
 * merges it once the gate passes. {@code failures} are every unmet condition.
 */
public record RollbackWaiting(PromotionTarget target, PullRequestNumber revertPr, Seq<StepFailure> failures) {
  public RollbackWaiting {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(revertPr, "revertPr");
    Objects.requireNonNull(failures, "failures");
  }

  /** {@code Rollback PR #3 of api in prod waits for its gate: CI is still running at 1a2b3c4. Another sync merges it once the gate passes.} */
  public String message() {
    return "Rollback PR " + revertPr + " of " + target.service() + " in " + target.environment() + " waits for its gate: "
        + failures.map(StepFailure::message).mkString(" ") + " Another sync merges it once the gate passes.";
  }
}
