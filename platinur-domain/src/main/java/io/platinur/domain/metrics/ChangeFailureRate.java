package io.platinur.domain.metrics;

import io.platinur.domain.InvalidValueException;
import io.vavr.control.Option;

/** Of {@code deployments} in a window, how many were followed by a failure: a rollback, a failed canary or a revert. */
public record ChangeFailureRate(int failed, int deployments) {
  public ChangeFailureRate {
    if (failed < 0 || deployments < 0 || failed > deployments) {
      throw new InvalidValueException("A change failure rate counts 0 to " + deployments + " failed deployments, got " + failed + ".");
    }
  }

  /** failed ÷ deployments; none without deployments. */
  public Option<Double> rate() {
    return deployments == 0 ? Option.none() : Option.some((double) failed / deployments);
  }
}
