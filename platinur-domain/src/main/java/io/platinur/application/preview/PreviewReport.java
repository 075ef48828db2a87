package io.platinur.application.preview;

import io.platinur.domain.preview.PreviewEnvironment;
import io.platinur.domain.preview.PreviewPlan;
import io.platinur.port.PortFailure;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * What one reconcile did: the plan it decided (actions with reasons, held pull requests with their
 * status, directories left alone), whether it wrote the plan to Git, the previews whose outside
 * resources it cleaned up, and the cleanups that failed (they stay pending and the next reconcile
 * tries again). {@code unrecordedCleanups} is set when cleanups succeeded but recording that failed:
 * the next reconcile calls them again, which their idempotence allows. {@code removedLocks} says,
 * one sentence each, which lock files a crashed writer had left on the store's refs the reconcile
 * removed before anything else.
 */
public record PreviewReport(
    PreviewPlan plan,
    boolean written,
    Seq<PreviewEnvironment> cleanedUp,
    Seq<CleanupFailure> cleanupFailures,
    Option<PortFailure> unrecordedCleanups,
    Seq<String> removedLocks) {

  public PreviewReport {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(cleanedUp, "cleanedUp");
    Objects.requireNonNull(cleanupFailures, "cleanupFailures");
    Objects.requireNonNull(unrecordedCleanups, "unrecordedCleanups");
    Objects.requireNonNull(removedLocks, "removedLocks");
  }

  /** A reconcile that removed no lock file. */
  public PreviewReport(
      PreviewPlan plan, boolean written, Seq<PreviewEnvironment> cleanedUp, Seq<CleanupFailure> cleanupFailures,
      Option<PortFailure> unrecordedCleanups) {
    this(plan, written, cleanedUp, cleanupFailures, unrecordedCleanups, io.vavr.collection.List.empty());
  }

  /** A cleanup that failed; the preview stays pending. */
  public record CleanupFailure(PreviewEnvironment preview, PortFailure failure) {
    public CleanupFailure {
      Objects.requireNonNull(preview, "preview");
      Objects.requireNonNull(failure, "failure");
    }

    public String message() {
      return "Cleanup of the preview of PR " + preview.pr().value() + " failed and is retried on the next reconcile: " + failure.message();
    }
  }

  /** This report, after the reconcile first removed the lock files {@code locks}. */
  PreviewReport afterRemoving(Seq<String> locks) {
    return new PreviewReport(plan, written, cleanedUp, cleanupFailures, unrecordedCleanups, locks.appendAll(removedLocks));
  }
}
