package io.platinur.domain.repository;

import java.util.Objects;

/** Where the staging and production branches point right now. */
public record BranchHeads(CommitId staging, CommitId production) {
  public BranchHeads {
    Objects.requireNonNull(staging, "staging");
    Objects.requireNonNull(production, "production");
  }
}
