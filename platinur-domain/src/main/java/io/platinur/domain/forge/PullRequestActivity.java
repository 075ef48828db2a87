package io.platinur.domain.forge;

import java.util.Locale;

/**
 * What a pull-request webhook says happened. For previews it is only a reason to reconcile now
 * instead of at the next scheduled run, never a state to apply: deliveries can be lost, late,
 * duplicated or reordered, and the reconcile reads the truth from the forge again.
 */
public enum PullRequestActivity {
  OPENED,
  /** New commits were pushed to the head branch (GitHub's {@code synchronize}). */
  SYNCHRONIZED,
  CLOSED,
  REOPENED,
  LABELED,
  UNLABELED,
  /** The title, body or base branch changed. */
  EDITED,
  /** Anything else (review requested, assigned, …): previews do not depend on it. */
  OTHER;

  /** The activity of a GitHub {@code pull_request} webhook's {@code action} field. */
  public static PullRequestActivity ofWebhookAction(String action) {
    return switch (action == null ? "" : action.toLowerCase(Locale.ROOT)) {
      case "opened" -> OPENED;
      case "synchronize" -> SYNCHRONIZED;
      case "closed" -> CLOSED;
      case "reopened" -> REOPENED;
      case "labeled" -> LABELED;
      case "unlabeled" -> UNLABELED;
      case "edited" -> EDITED;
      default -> OTHER;
    };
  }

  /** Whether it can change which previews should exist or what they run. */
  public boolean mayChangePreviews() {
    return this != OTHER;
  }
}
