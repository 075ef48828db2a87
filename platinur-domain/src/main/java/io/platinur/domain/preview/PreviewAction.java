package io.platinur.domain.preview;

import io.platinur.domain.forge.PullRequestNumber;
import java.util.Objects;
import java.util.function.Function;

/** One change a reconcile makes to the previews in Git, with its reason. */
public sealed interface PreviewAction permits PreviewAction.Create, PreviewAction.Update, PreviewAction.Reap {

  <R> R fold(Function<Create, R> onCreate, Function<Update, R> onUpdate, Function<Reap, R> onReap);

  /** The pull request whose preview changes. */
  default PullRequestNumber pr() {
    return fold(c -> c.preview().pr(), u -> u.to().pr(), r -> r.preview().pr());
  }

  /** What happens and why, for people: {@code Preview of PR #4 reaped: the PR was closed.} */
  default String message() {
    return fold(
        c -> "Preview of PR " + c.preview().pr().value() + " created at " + c.preview().headCommit().abbreviated()
            + " (" + c.preview().digest().abbreviated() + "): the PR is open and selected.",
        u -> switch (u.reason()) {
          case NEW_HEAD -> "Preview of PR " + u.to().pr().value() + " moved from " + u.from().headCommit().abbreviated()
              + " to " + u.to().headCommit().abbreviated() + " (" + u.to().digest().abbreviated() + "): the PR has a new head.";
          case NEW_DIGEST -> "Preview of PR " + u.to().pr().value() + " moved to " + u.to().digest().abbreviated()
              + ": its head " + u.to().headCommit().abbreviated() + " was built again.";
        },
        r -> "Preview of PR " + r.preview().pr().value() + " reaped: " + r.detail() + ".");
  }

  /** A preview for an open, selected pull request that has none. */
  record Create(PreviewEnvironment preview) implements PreviewAction {
    public Create {
      Objects.requireNonNull(preview, "preview");
    }

    @Override
    public <R> R fold(Function<Create, R> onCreate, Function<Update, R> onUpdate, Function<Reap, R> onReap) {
      return onCreate.apply(this);
    }
  }

  /** Why a preview moves. */
  enum UpdateReason {
    /** The pull request's head commit moved (a push). */
    NEW_HEAD,
    /** The same head was built again into another digest. */
    NEW_DIGEST
  }

  /** A live preview moves to its pull request's current head and build. */
  record Update(PreviewEnvironment from, PreviewEnvironment to, UpdateReason reason) implements PreviewAction {
    public Update {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public <R> R fold(Function<Create, R> onCreate, Function<Update, R> onUpdate, Function<Reap, R> onReap) {
      return onUpdate.apply(this);
    }
  }

  /** Why a preview is reaped. */
  enum ReapReason {
    /** Its pull request was closed without merging (or is no longer open on the forge). */
    CLOSED,
    /** Its pull request was merged. */
    MERGED,
    /** Its pull request is open but the policy no longer selects it (label removed, base changed). */
    NOT_SELECTED,
    /** Its pull request has not been updated for longer than the time to live. */
    EXPIRED,
    /** More previews are live than the quota allows (the quota was lowered); the newest PRs go first. */
    OVER_QUOTA
  }

  /**
   * A preview is removed from Git; its outside resources are then cleaned up. {@code detail} says
   * why in words (the selection, the TTL, the quota) and is part of {@link #message()}.
   */
  record Reap(PreviewEnvironment preview, ReapReason reason, String detail) implements PreviewAction {
    public Reap {
      Objects.requireNonNull(preview, "preview");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public <R> R fold(Function<Create, R> onCreate, Function<Update, R> onUpdate, Function<Reap, R> onReap) {
      return onReap.apply(this);
    }
  }
}
