package io.platinur.domain.digest;

/** What a canary analysis says about a digest running as a canary. */
public enum CanaryVerdict {
  /** The analysis has not decided yet. */
  RUNNING,
  /** The canary is healthy: the promotion completes. */
  PASSED,
  /** The canary is unhealthy: the promotion is rolled back. */
  FAILED,
  /** The analysis could not decide; counts as no verdict, so the timeout applies. */
  INCONCLUSIVE
}
