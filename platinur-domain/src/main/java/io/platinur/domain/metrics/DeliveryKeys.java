package io.platinur.domain.metrics;

import java.util.Objects;

/**
 * DORA's four keys for one scope over one window.
 *
 * @param deployments releases finalized (a lane) or digests that reached the environment (a target) in the window
 * @param leadTime per deployed change: proposal applied → its release deployed (a lane); digest first pinned in the
 *     first environment → promoted into this one (a target; none in the first environment, where digests are built)
 * @param leadTimeFromCommit per deployed proposal whose commit's author time is known: commit written → deployed
 * @param changeFailureRate of the deployments in the window, those followed by a rollback, failed canary or revert
 * @param timeToRestore per restore in the window: failure detected → rollback or revert merged
 */
public record DeliveryKeys(
    int deployments, double deploymentsPerDay, DurationSummary leadTime, DurationSummary leadTimeFromCommit,
    ChangeFailureRate changeFailureRate, DurationSummary timeToRestore) {
  public DeliveryKeys {
    Objects.requireNonNull(leadTime, "leadTime");
    Objects.requireNonNull(leadTimeFromCommit, "leadTimeFromCommit");
    Objects.requireNonNull(changeFailureRate, "changeFailureRate");
    Objects.requireNonNull(timeToRestore, "timeToRestore");
  }

  /** Whether anything happened in the window: a deployment or a restore. */
  public boolean hasData() {
    return deployments > 0 || timeToRestore.count() > 0;
  }
}
