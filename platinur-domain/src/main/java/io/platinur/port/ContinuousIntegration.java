package io.platinur.port;

import io.platinur.domain.gate.CiState;
import io.platinur.domain.repository.CommitId;
import io.vavr.control.Either;

/** CI results at an exact commit (commit statuses and check runs, reduced to one state). */
public interface ContinuousIntegration {
  Either<PortFailure, CiState> stateAt(CommitId commit);
}
