package io.platinur.domain.forge;

import io.platinur.domain.repository.CommitId;
import java.time.Instant;
import java.util.Objects;

/** One review of a promotion PR: who, what they said, of which head commit, and when. */
public record Review(String reviewer, ReviewState state, CommitId commit, Instant submittedAt) {
  public Review {
    Objects.requireNonNull(reviewer, "reviewer");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(submittedAt, "submittedAt");
  }
}
