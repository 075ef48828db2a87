package io.platinur.gitlab;

/**
 * What {@link io.platinur.port.ContinuousIntegration#stateAt} answers for a commit at which no
 * pipeline ran and no commit status was reported at all: CI may not have started yet, or the
 * project may have no CI. The adapter never decides that silently.
 */
public enum NoChecksPolicy {
  /** Answer {@link io.platinur.domain.gate.CiState#NO_CHECKS} and let the gate policy decide. */
  REPORT_NO_CHECKS,
  /** Answer {@link io.platinur.domain.gate.CiState#PENDING}: a pipeline is expected but has not run yet. */
  TREAT_AS_PENDING,
  /** Answer {@link io.platinur.domain.gate.CiState#GREEN}: the project has no CI to wait for. */
  TREAT_AS_GREEN
}
