package io.platinur.domain.gate;

/**
 * CI at one exact commit, reduced from every required status and check run there.
 */
public enum CiState {
  /** Every status and check completed successfully (success, neutral or skipped). */
  GREEN,
  /** At least one is queued or in progress, none failed. */
  PENDING,
  /** At least one failed, was cancelled or timed out. */
  RED,
  /** Nothing reported at that commit. Whether that counts as green is the gate policy's call. */
  NO_CHECKS
}
