package io.platinur.domain.gate;

/** The latest status of the latest deployment to an environment at a commit. */
public enum DeploymentState {
  SUCCESS,
  FAILURE,
  ERROR,
  IN_PROGRESS,
  QUEUED,
  PENDING,
  INACTIVE,
  /** No deployment of that commit to that environment exists. */
  NOT_FOUND;

  /** As written in messages: {@code in progress}, {@code not found}. */
  public String words() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
