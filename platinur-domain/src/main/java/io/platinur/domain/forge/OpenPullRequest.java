package io.platinur.domain.forge;

import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.SortedSet;
import java.time.Instant;
import java.util.Objects;

/**
 * An open pull request as its host reports it, with what a preview policy looks at: the branch it
 * comes from ({@code head}) at commit {@code headCommit}, the branch it targets ({@code base}), its
 * labels, and when it was last updated (a push, a label, a comment: whatever the host counts).
 */
public record OpenPullRequest(
    PullRequestNumber number,
    BranchName head,
    BranchName base,
    CommitId headCommit,
    SortedSet<String> labels,
    Instant updatedAt) {

  public OpenPullRequest {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(headCommit, "headCommit");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** Whether the pull request carries {@code label}; GitHub compares label names without letter case. */
  public boolean hasLabel(String label) {
    return labels.exists(l -> l.equalsIgnoreCase(label));
  }
}
