package io.platinur.gitlab;

import io.platinur.domain.gate.CiResult;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;

/**
 * Reduces the pipeline and every commit status at one commit to one {@link CiState}. Pure. Red wins
 * over everything; then pending, which includes a required check that has not reported yet; green
 * only when everything that reported succeeded; nothing reported at all is the
 * {@link NoChecksPolicy}'s call.
 */
final class CiReduction {
  private CiReduction() {}

  enum Verdict {
    SUCCEEDED,
    RUNNING,
    FAILED
  }

  /** A commit status, job or pipeline by name, with its latest verdict. */
  record Report(String name, Verdict verdict) {}

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
      return switch (policy) {
        case TREAT_AS_GREEN -> CiState.GREEN;
        case TREAT_AS_PENDING -> CiState.PENDING;
        case REPORT_NO_CHECKS -> CiState.NO_CHECKS;
      };
    }
    if (reports.exists(r -> r.verdict() == Verdict.RUNNING)) {
      return CiState.PENDING;
    }
    Set<String> reported = reports.map(Report::name).toSet();
    return required.forAll(reported::contains) ? CiState.GREEN : CiState.PENDING;
  }
}
