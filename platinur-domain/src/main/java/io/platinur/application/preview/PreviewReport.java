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
public record PreviewReport(PreviewPlan plan, boolean written, Cleanups cleanups, Seq<String> removedLocks) {

  public PreviewReport {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(cleanups, "cleanups");
    Objects.requireNonNull(removedLocks, "removedLocks");
  }

  /** A reconcile that removed no lock file. */
  public PreviewReport(
      PreviewPlan plan, boolean written, Seq<PreviewEnvironment> cleanedUp, Seq<CleanupFailure> cleanupFailures,
      Option<PortFailure> unrecordedCleanups) {
    this(plan, written, new Cleanups(cleanedUp, cleanupFailures, unrecordedCleanups), io.vavr.collection.List.empty());
  }

  /**
   * What became of the cleanups outside Git: the previews cleaned up, the cleanups that failed, and
   * the failure to record the ones that succeeded, if any.
   */
  public record Cleanups(Seq<PreviewEnvironment> done, Seq<CleanupFailure> failures, Option<PortFailure> unrecorded) {
    public Cleanups {
      Objects.requireNonNull(done, "done");
      Objects.requireNonNull(failures, "failures");
      Objects.requireNonNull(unrecorded, "unrecorded");
    }
  }

  /** The previews whose outside resources this reconcile cleaned up. */
  public Seq<PreviewEnvironment> cleanedUp() {
    return cleanups.done();
  }

  /** The cleanups that failed; they stay pending and the next reconcile tries again. */
  public Seq<CleanupFailure> cleanupFailures() {
    return cleanups.failures();
  }

  /** Set when cleanups succeeded but recording that failed; the next reconcile calls them again. */
  public Option<PortFailure> unrecordedCleanups() {
    return cleanups.unrecorded();
  }

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
    return new PreviewReport(plan, written, cleanups, locks.appendAll(removedLocks));
  }
}
