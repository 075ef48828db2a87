package io.platinur.domain.health;

/** Why the pipeline is unhealthy; at most one open alert exists per cause. */
public enum AlertCause {
  STAGING_DEPLOY_FAILED("Staging deploy failed"),
  CI_RED("CI is red");

  private final String title;

  AlertCause(String title) {
    this.title = title;
  }

  /** A stable, human title; alert hosts use it (with a marker) to find the open alert again. */
  public String title() {
    return title;
  }
}
