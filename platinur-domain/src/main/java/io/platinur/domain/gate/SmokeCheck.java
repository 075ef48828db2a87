package io.platinur.domain.gate;

import io.platinur.domain.repository.CommitId;
import java.util.Objects;

/** Smoke and E2E checks run against the live staging URL while it served {@code commit}. */
public record SmokeCheck(CommitId commit, SmokeOutcome outcome, String detail) {
  public SmokeCheck {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
  }
}
