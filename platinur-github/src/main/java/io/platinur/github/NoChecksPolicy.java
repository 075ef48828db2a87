package io.platinur.github;

/**
 * What {@link io.platinur.port.ContinuousIntegration#stateAt} answers for a commit at which no
 * commit status and no check run has been reported at all.
 *
 * <p>A commit with nothing reported is ambiguous: CI may not have started yet, or the repository
 * may have no CI. The adapter never decides that silently; pick the reading that fits the
 * repository.
 */
public enum NoChecksPolicy {
  /** Answer {@link io.platinur.domain.gate.CiState#NO_CHECKS} and let the gate policy decide. */
  REPORT_NO_CHECKS,
  /** Answer {@link io.platinur.domain.gate.CiState#PENDING}: CI is expected but has not reported yet. */
  TREAT_AS_PENDING,
  /** Answer {@link io.platinur.domain.gate.CiState#GREEN}: the repository has no CI to wait for. */
  TREAT_AS_GREEN
}
