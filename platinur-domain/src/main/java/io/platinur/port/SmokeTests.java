package io.platinur.port;

import io.platinur.domain.gate.SmokeCheck;
import io.platinur.domain.repository.CommitId;
import io.vavr.control.Either;

/**
 * Smoke and E2E checks run against the live staging URL, not mocks. An implementation reports
 * {@link io.platinur.domain.gate.SmokeOutcome#UNREACHABLE} when staging does not answer in time,
 * which blocks promotion.
 */
@FunctionalInterface
public interface SmokeTests {
  Either<PortFailure, SmokeCheck> runAgainstStaging(CommitId expectedCommit);
}
