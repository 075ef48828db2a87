package io.platinur.port;

import io.platinur.domain.gate.GateReport;
import io.vavr.control.Either;

/**
 * Where each gate decision is shown at its exact commit, so that others can see it and branch
 * rules can require it (on GitHub: a commit status and, for an App, a check run). Publishing the
 * same report again writes nothing.
 */
public interface GatePublisher {

  /** Publishes nothing anywhere: the default when a host does not publish the gate. */
  GatePublisher NONE = report -> Either.right(false);

  /**
   * Shows {@code report} at {@code report.candidate()}.
   *
   * @return whether anything was written ({@code false} when the same report was already shown)
   */
  Either<PortFailure, Boolean> publish(GateReport report);
}
