package io.platinur.port;

import io.platinur.domain.gate.CiResult;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.repository.CommitId;
import io.vavr.control.Either;

/** CI results at an exact commit (commit statuses and check runs, reduced to one state). */
public interface ContinuousIntegration {
  Either<PortFailure, CiState> stateAt(CommitId commit);

  /**
   * CI at {@code commit} with the names of the failing and the pending checks, so that the gate
   * can say which; by default the state alone, without names.
   */
  default Either<PortFailure, CiResult> resultAt(CommitId commit) {
    return stateAt(commit).map(state -> new CiResult(commit, state));
  }
}
