package io.platinur.application.digest;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.digest.CompleteRejection;
import io.platinur.domain.digest.CompletionStep;
import io.platinur.domain.digest.PromoteAccepted;
import io.platinur.domain.digest.PromoteRejection;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackAccepted;
import io.platinur.domain.digest.RollbackRejection;
import io.vavr.control.Either;
import java.util.Objects;

/**
 * What {@link DigestPromotionService#promote}, {@link DigestPromotionService#complete} and {@link
 * DigestPromotionService#rollback} would answer now for one target, decided by the commands' own
 * rules on the evidence they read, without doing anything: a page disables a button with the very
 * refusal its command would give, and never restates a rule.
 *
 * @param promote what a promote with no named source or digest would do, or why it refuses
 * @param complete the step complete would take (merge, record, roll back), or why it refuses: the
 *     gate's every unmet condition, the canary's deadline; unavailable when its evidence could not
 *     be read
 * @param rollback the revert a requested rollback would open, or why it refuses
 */
public record TargetActions(
    PromotionTarget target,
    Either<PromoteRejection, PromoteAccepted> promote,
    Either<UseCaseFailure<CompleteRejection>, CompletionStep> complete,
    Either<RollbackRejection, RollbackAccepted> rollback) {
  public TargetActions {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(promote, "promote");
    Objects.requireNonNull(complete, "complete");
    Objects.requireNonNull(rollback, "rollback");
  }
}
