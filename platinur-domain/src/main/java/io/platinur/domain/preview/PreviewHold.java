package io.platinur.domain.preview;

import io.platinur.domain.forge.PullRequestNumber;
import java.util.Objects;

/**
 * A selected open pull request whose preview does not change this time, and why: a status a host
 * can show on the PR. A pull request over the quota is held here, never given a preview by evicting
 * another.
 */
public record PreviewHold(PullRequestNumber pr, Reason reason, String message) {

  /** Why nothing happens to the pull request's preview. */
  public enum Reason {
    /** Its head commit has no build yet (an existing preview stays at its older head). */
    WAITING_FOR_BUILD,
    /** The quota of live previews is reached; it gets one when a slot frees up. */
    QUOTA_REACHED,
    /** It has not been updated for longer than the time to live; a push brings its preview back. */
    EXPIRED,
    /** The cleanup of its previous preview is not confirmed yet. */
    CLEANUP_PENDING,
    /** Its preview directory holds something Platinur did not create or cannot read. */
    DIRECTORY_OCCUPIED
  }

  public PreviewHold {
    Objects.requireNonNull(pr, "pr");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }
}
