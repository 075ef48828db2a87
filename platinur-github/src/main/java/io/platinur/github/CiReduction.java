package io.platinur.github;

import io.platinur.domain.gate.CiResult;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;

/**
 * Reduces every commit status and check run at one commit to one {@link CiState}. Pure: the
 * GitHub reading is done by {@link GitHubContinuousIntegration}.
 *
 * <p>Red wins over everything (one failure is enough to block a promotion); then pending, which
 * includes a required check that has not reported yet; green only when everything that reported
 * succeeded; and nothing reported at all is the {@link NoChecksPolicy}'s call.
 */
final class CiReduction {
  private CiReduction() {}

  /** What one status context or check run says. */
  enum Verdict {
    SUCCEEDED,
    RUNNING,
    FAILED
  }

  /** A status context or check run by name, with its latest verdict. */
  record Report(String name, Verdict verdict) {}

  /**
   * The state with the checks named: those that failed, and those pending (running, or required and
   * never reported), each sorted.
   */
  static CiResult result(CommitId commit, Seq<Report> reports, Set<String> required, NoChecksPolicy policy) {
    Set<String> reported = reports.map(Report::name).toSet();
    Seq<String> failing = reports.filter(r -> r.verdict() == Verdict.FAILED).map(Report::name).distinct().sorted();
    Seq<String> pending = reports.filter(r -> r.verdict() == Verdict.RUNNING).map(Report::name)
        .appendAll(required.filter(name -> !reported.contains(name)))
        .distinct().sorted();
    return new CiResult(commit, reduce(reports, required, policy), failing, pending);
  }

  static CiState reduce(Seq<Report> reports, Set<String> required, NoChecksPolicy policy) {
    if (reports.exists(r -> r.verdict() == Verdict.FAILED)) {
      return CiState.RED;
    }
    if (reports.isEmpty()) {
      if (required.nonEmpty()) {
        return CiState.PENDING;
      }
      switch (policy) {
        case TREAT_AS_GREEN:
          return CiState.GREEN;
        case TREAT_AS_PENDING:
          return CiState.PENDING;
        default:
          return CiState.NO_CHECKS;
      }
    }
    if (reports.exists(r -> r.verdict() == Verdict.RUNNING)) {
      return CiState.PENDING;
    }
    Set<String> reported = reports.map(Report::name).toSet();
    return required.forAll(reported::contains) ? CiState.GREEN : CiState.PENDING;
  }
}
