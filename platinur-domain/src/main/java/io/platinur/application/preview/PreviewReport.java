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
 * the next reconcile calls them again, which their idempotence allows.
 */
public record PreviewReport(
    PreviewPlan plan,
    boolean written,
    Seq<PreviewEnvironment> cleanedUp,
    Seq<CleanupFailure> cleanupFailures,
    Option<PortFailure> unrecordedCleanups) {

  public PreviewReport {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(cleanedUp, "cleanedUp");
    Objects.requireNonNull(cleanupFailures, "cleanupFailures");
    Objects.requireNonNull(unrecordedCleanups, "unrecordedCleanups");
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
}
