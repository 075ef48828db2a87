package io.platinur.domain.gate;

import io.platinur.domain.repository.CommitId;
import java.util.Objects;

/** CI's state at one exact commit. */
public record CiResult(CommitId commit, CiState state) {
  public CiResult {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(state, "state");
  }
}
