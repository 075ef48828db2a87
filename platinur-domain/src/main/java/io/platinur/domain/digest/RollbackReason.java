package io.platinur.domain.digest;

/** Why a promotion is being rolled back. */
public enum RollbackReason {
  /** A person asked for it. */
  REQUESTED("requested"),
  /** The canary analysis failed. */
  CANARY_FAILED("the canary failed"),
  /** The canary gave no verdict within the step's timeout. */
  CANARY_TIMED_OUT("the canary gave no verdict in time");

  private final String words;

  RollbackReason(String words) {
    this.words = words;
  }

  /** As written in messages. */
  public String words() {
    return words;
  }
}
