package io.platinur.port;

import io.platinur.domain.preview.PreviewAction;
import io.platinur.domain.preview.PreviewEnvironment;
import io.platinur.domain.preview.PreviewInventory;
import io.platinur.domain.repository.CommitAuthor;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.Objects;

/**
 * Where preview environments are kept (the GitOps repository: one directory per preview), with
 * compare-and-swap, so several hosts can reconcile at once.
 *
 * <p>Contract: {@link #write} and {@link #cleanedUp} succeed only when the stored version is still
 * {@code expected}; otherwise they fail with {@link PortFailure.Kind#CONFLICT} and change nothing.
 * A write applies all its actions in one atomic change: created and updated previews become live,
 * reaped ones disappear and wait for their cleanup ({@link PreviewInventory#pendingCleanups()})
 * until {@link #cleanedUp} says it is done. Nothing outside the previews is changed, and directories
 * the store did not create are reported in {@link PreviewInventory#leftAlone()}, never touched.
 */
public interface PreviewStore {

  /** The previews as stored now. */
  Either<PortFailure, StoredPreviews> load();

  /** Applies {@code actions} (a non-empty plan's) in one change at {@code at}, if nothing moved since {@code expected}. */
  Either<PortFailure, StoredPreviews> write(PreviewVersion expected, Seq<PreviewAction> actions, Instant at);

  /**
   * {@link #write(PreviewVersion, Seq, Instant)} at {@code author}'s time, the change authored by
   * {@code author} (in Git, the commit on the GitOps branch). The write without an author is
   * Platinur's own; an implementation that keeps no authors may leave it out, as the default does.
   */
  default Either<PortFailure, StoredPreviews> write(PreviewVersion expected, Seq<PreviewAction> actions, CommitAuthor author) {
    return write(expected, actions, author.when());
  }

  /**
   * Removes lock files that a crashed writer left on the refs the previews are kept in: only those
   * older than the adapter's stale age, and only while none of its own writes is in progress.
   * Returns one sentence per file removed. Reconcile calls it first, so a crash never blocks the
   * previews until a person deletes a file. Stores without lock files remove nothing.
   */
  default Either<PortFailure, Seq<String>> removeAbandonedLocks() {
    return Either.right(List.empty());
  }

  /**
   * Forgets the pending cleanups of {@code cleaned} (each matched whole, so a newer preview of the
   * same pull request stays pending), if nothing moved since {@code expected}.
   */
  Either<PortFailure, StoredPreviews> cleanedUp(PreviewVersion expected, Seq<PreviewEnvironment> cleaned);

  /** Stored previews and the version to name when changing them. */
  record StoredPreviews(PreviewVersion version, PreviewInventory inventory) {
    public StoredPreviews {
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(inventory, "inventory");
    }
  }

  /** An opaque token for one stored state; equal tokens mean the same stored state. */
  record PreviewVersion(String token) {
    public PreviewVersion {
      Objects.requireNonNull(token, "token");
    }
  }
}
