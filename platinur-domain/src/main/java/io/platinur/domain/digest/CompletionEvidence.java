package io.platinur.domain.digest;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * What completing a promotion needs to know, as far as its state needs it: the step gate's decision
 * while its PR is open, the canary's verdict while a canary runs.
 */
public record CompletionEvidence(Option<StepDecision> gate, Option<CanaryVerdict> canary) {
  public CompletionEvidence {
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(canary, "canary");
  }

  public static CompletionEvidence none() {
    return new CompletionEvidence(Option.none(), Option.none());
  }

  public static CompletionEvidence gate(StepDecision decision) {
    return new CompletionEvidence(Option.some(decision), Option.none());
  }

  public static CompletionEvidence canary(CanaryVerdict verdict) {
    return new CompletionEvidence(Option.none(), Option.some(verdict));
  }
}
