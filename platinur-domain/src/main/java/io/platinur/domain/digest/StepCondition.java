package io.platinur.domain.digest;

/** One condition of a promotion step's gate. */
public enum StepCondition {
  /** CI green at the promotion PR's head commit. */
  CI,
  /** Enough approvals of the current head, not by the author, by allowed reviewers. */
  APPROVALS,
  /** The digest deployed healthy in the source environment, for the step's soak time. */
  SOAK,
  /** An open sync window, no deny window in force. */
  SYNC_WINDOW,
  /** The PR changes exactly the target's pin scalar, to the digest being promoted. */
  PARITY
}
