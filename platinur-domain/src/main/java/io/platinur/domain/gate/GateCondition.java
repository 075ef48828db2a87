package io.platinur.domain.gate;

/** One condition of the promotion gate. */
public enum GateCondition {
  STAGING_DEPLOY,
  DEPLOYMENT_STATUS,
  SMOKE_AND_E2E,
  CI,
  MANUAL_APPROVAL,
  SOAK_TIME,
  SYNC_WINDOW;

  /** As written in messages: {@code staging deploy}, {@code smoke and E2E}, {@code CI}. */
  public String words() {
    return switch (this) {
      case STAGING_DEPLOY -> "staging deploy";
      case DEPLOYMENT_STATUS -> "deployment status";
      case SMOKE_AND_E2E -> "smoke and E2E";
      case CI -> "CI";
      case MANUAL_APPROVAL -> "manual approval";
      case SOAK_TIME -> "soak time";
      case SYNC_WINDOW -> "sync window";
    };
  }
}
