package io.platinur.domain.gate;

import io.platinur.domain.repository.CommitId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * CI's state at one exact commit, with the names of the checks (commit-status contexts or check
 * runs) that failed and that are still pending there, when the CI source knows them; a required
 * check that never reported is pending.
 */
public record CiResult(CommitId commit, CiState state, Seq<String> failing, Seq<String> pending) {
  public CiResult {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(failing, "failing");
    Objects.requireNonNull(pending, "pending");
  }

  /** The state alone, without check names. */
  public CiResult(CommitId commit, CiState state) {
    this(commit, state, List.empty(), List.empty());
  }
}
