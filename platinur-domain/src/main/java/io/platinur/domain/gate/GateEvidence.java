package io.platinur.domain.gate;

import io.platinur.domain.Actor;
import io.platinur.domain.repository.CommitId;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything known about the commit being promoted ({@code candidate}), gathered by the caller:
 * each piece is tied to the commit it is about, so evidence about another commit never counts.
 *
 * @param candidate the exact commit being promoted (the staging head)
 * @param stagingDeploy the staging deploy, if one was recorded
 * @param smoke smoke and E2E checks against live staging, if they ran
 * @param ci CI at a commit, if it reported
 * @param approvedBy who approved the promotion, if anyone (for policies that require it)
 * @param healthySince since when staging has been healthy at the candidate (for soak time)
 * @param now the current time, from the caller's clock
 */
public record GateEvidence(
    CommitId candidate,
    Option<StagingDeploy> stagingDeploy,
    Option<SmokeCheck> smoke,
    Option<CiResult> ci,
    Option<Actor> approvedBy,
    Option<Instant> healthySince,
    Instant now) {
  public GateEvidence {
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(stagingDeploy, "stagingDeploy");
    Objects.requireNonNull(smoke, "smoke");
    Objects.requireNonNull(ci, "ci");
    Objects.requireNonNull(approvedBy, "approvedBy");
    Objects.requireNonNull(healthySince, "healthySince");
    Objects.requireNonNull(now, "now");
  }

  /** Evidence of ADR-005's three conditions only. */
  public static GateEvidence of(CommitId candidate, StagingDeploy deploy, SmokeCheck smoke, CiResult ci, Instant now) {
    return new GateEvidence(
        candidate, Option.some(deploy), Option.some(smoke), Option.some(ci), Option.none(), Option.none(), now);
  }
}
