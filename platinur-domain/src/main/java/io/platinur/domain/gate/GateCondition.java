package io.platinur.domain.gate;

/** One condition of the promotion gate. */
public enum GateCondition {
  STAGING_DEPLOY,
  DEPLOYMENT_STATUS,
  SMOKE_AND_E2E,
  CI,
  MANUAL_APPROVAL,
  SOAK_TIME,
  SYNC_WINDOW
}
