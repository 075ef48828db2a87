package io.platinur.domain.gate;

import io.platinur.domain.repository.CommitId;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * A gate decision with every condition that was checked, each with its verdict and the evidence
 * seen: what a forge shows next to the commit (a commit status, a check run) so that branch rules
 * can require it and a person can see why. Built by {@link PromotionGate#report}.
 *
 * @param decision the decision, exactly as {@link PromotionGate#evaluate} gives it
 * @param conditions every condition the policy asks for, in a fixed order
 */
public record GateReport(GateDecision decision, Seq<ConditionOutcome> conditions) {
  public GateReport {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(conditions, "conditions");
  }

  /** The overall verdict: met when every condition is; failed when any failed; otherwise awaited. */
  public enum Verdict {
    /** The condition holds. */
    MET,
    /** Not yet: still running, not yet recorded, or waiting for a person or a window. */
    AWAITED,
    /** It failed at this commit; only a new commit (or a rerun) can change that. */
    FAILED
  }

  /** One condition as checked at the candidate: its verdict and, in words, what was seen. */
  public record ConditionOutcome(GateCondition condition, Verdict verdict, String evidence) {
    public ConditionOutcome {
      Objects.requireNonNull(condition, "condition");
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(evidence, "evidence");
    }
  }

  public CommitId candidate() {
    return decision.candidate();
  }

  public Verdict verdict() {
    if (conditions.exists(c -> c.verdict() == Verdict.FAILED)) {
      return Verdict.FAILED;
    }
    return conditions.forAll(c -> c.verdict() == Verdict.MET) ? Verdict.MET : Verdict.AWAITED;
  }

  /** The conditions that do not hold, in order. */
  public Seq<ConditionOutcome> unmet() {
    return conditions.filter(c -> c.verdict() != Verdict.MET);
  }
}
