package io.platinur.domain.gate;

/** The result of smoke and E2E checks run against the live staging URL. */
public enum SmokeOutcome {
  PASSED,
  FAILED,
  /** The staging URL did not answer: promotion blocks. */
  UNREACHABLE
}
