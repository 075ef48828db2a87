package io.platinur.domain.health;

import io.platinur.domain.repository.CommitId;
import java.util.Objects;

/** One pipeline-health alert: its cause, the commit it is about, and details for a person. */
public record PipelineAlert(AlertCause cause, CommitId commit, String details) {
  public PipelineAlert {
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(details, "details");
  }
}
