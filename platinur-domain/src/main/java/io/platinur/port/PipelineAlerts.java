package io.platinur.port;

import io.platinur.domain.health.AlertCause;
import io.platinur.domain.health.PipelineAlert;
import io.vavr.control.Either;

/**
 * Where pipeline-health alerts go (GitHub issues, for instance). Raising is deduplicated: while an
 * alert for a cause is open, raising it again adds to that alert instead of opening another.
 */
public interface PipelineAlerts {

  /** Opens an alert for the cause, or updates the open one; returns whether a new one was opened. */
  Either<PortFailure, Boolean> raise(PipelineAlert alert);

  /** Closes the open alert for the cause, with a note; returns whether one was open. */
  Either<PortFailure, Boolean> resolve(AlertCause cause, String note);
}
