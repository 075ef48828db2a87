package io.platinur.github;

import io.platinur.domain.gate.CiResult;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.repository.CommitId;
import io.platinur.github.CiReduction.Report;
import io.platinur.github.CiReduction.Verdict;
import io.platinur.port.ContinuousIntegration;
import io.platinur.port.PortFailure;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import java.util.HashMap;
import java.util.Map;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHCommitStatus;
import org.kohsuke.github.GHRepository;

/**
 * CI at one exact commit from both places GitHub keeps it: commit statuses (older CI services)
 * and check runs (GitHub Actions and apps). github-api 1.330 has no call for GitHub's combined
 * status, so the status list is reduced here: the latest status per context wins.
 */
final class GitHubContinuousIntegration implements ContinuousIntegration {
  private final RepositoryHandle repository;
  private final NoChecksPolicy policy;
  private final Set<String> required;
  private final io.vavr.control.Option<BranchRules> rules;

  GitHubContinuousIntegration(RepositoryHandle repository, NoChecksPolicy policy, Set<String> required,
      io.vavr.control.Option<BranchRules> rules) {
    this.repository = repository;
    this.policy = policy;
    this.required = required;
    this.rules = rules;
  }

  @Override
  public Either<PortFailure, CiState> stateAt(CommitId commit) {
    return resultAt(commit).map(CiResult::state);
  }

  /**
   * CI at {@code commit}, with the failing and pending checks named. The required checks are the
   * configured ones and, when the production branch is known, those its branch protection and
   * rulesets require; a required check that never reported is pending.
   */
  @Override
  public Either<PortFailure, CiResult> resultAt(CommitId commit) {
    String operation = "Reading CI at " + commit.abbreviated();
    return Failures.attempt(operation, () -> {
      Either<PortFailure, Set<String>> requiredNow = rules.isEmpty()
          ? Either.right(required)
          : rules.get().read().map(found -> required.addAll(found.requiredChecks()));
      if (requiredNow.isLeft()) {
        return Either.left(new PortFailure(requiredNow.getLeft().kind(),
            operation + ": " + requiredNow.getLeft().message(), requiredNow.getLeft().retryAfter()));
      }
      GHRepository repo = repository.get();
      Either<PortFailure, List<Report>> statuses = latestStatuses(repo, commit, operation);
      if (statuses.isLeft()) {
        return Either.left(statuses.getLeft());
      }
      Either<PortFailure, List<Report>> checks = checkRuns(repo, commit, operation);
      if (checks.isLeft()) {
        return Either.left(checks.getLeft());
      }
      return Either.right(CiReduction.result(commit, statuses.get().appendAll(checks.get()), requiredNow.get(), policy));
    });
  }

  private static Either<PortFailure, List<Report>> latestStatuses(GHRepository repo, CommitId commit, String operation)
      throws java.io.IOException {
    // GitHub lists statuses newest first; keeping the highest id per context does not depend on that.
    Map<String, GHCommitStatus> latest = new HashMap<>();
    for (GHCommitStatus status : repo.listCommitStatuses(commit.hex()).withPageSize(100)) {
      String context = status.getContext();
      if (context == null || status.getState() == null) {
        return Either.left(Failures.malformed(operation, "a commit status lacks its context or state"));
      }
      if (GitHubGatePublisher.CONTEXT.equals(context)) {
        continue; // the gate's own status is its output, not CI
      }
      latest.merge(context, status, (a, b) -> a.getId() >= b.getId() ? a : b);
    }
    return Either.right(List.ofAll(latest.values()).map(s -> new Report(s.getContext(), verdict(s))));
  }

  private static Verdict verdict(GHCommitStatus status) {
    switch (status.getState()) {
      case SUCCESS:
        return Verdict.SUCCEEDED;
      case PENDING:
        return Verdict.RUNNING;
      default:
        return Verdict.FAILED; // error, failure
    }
  }

  private static Either<PortFailure, List<Report>> checkRuns(GHRepository repo, CommitId commit, String operation)
      throws java.io.IOException {
    List<Report> reports = List.empty();
    // filter=latest (GitHub's default, sent explicitly): one run per check name, the newest
    for (GHCheckRun run : repo.getCheckRuns(commit.hex(), Map.of("filter", "latest")).withPageSize(100)) {
      if (run.getName() == null || run.getStatus() == null) {
        return Either.left(Failures.malformed(operation, "a check run lacks its name or status"));
      }
      if (GitHubGatePublisher.CONTEXT.equals(run.getName())) {
        continue; // the gate's own check run
      }
      if (run.getHeadSha() != null && !run.getHeadSha().equalsIgnoreCase(commit.hex())) {
        return Either.left(Failures.malformed(operation, "GitHub listed a check run of another commit"));
      }
      if (run.getStatus() != GHCheckRun.Status.COMPLETED) {
        // queued, in_progress, and waiting/requested/pending (which github-api reads as UNKNOWN)
        reports = reports.append(new Report(run.getName(), Verdict.RUNNING));
        continue;
      }
      GHCheckRun.Conclusion conclusion = run.getConclusion();
      if (conclusion == null) {
        return Either.left(Failures.malformed(operation, "a completed check run has no conclusion"));
      }
      switch (conclusion) {
        case SUCCESS:
        case NEUTRAL:
        case SKIPPED:
          reports = reports.append(new Report(run.getName(), Verdict.SUCCEEDED));
          break;
        default:
          // failure, cancelled, timed_out, action_required, stale, and startup_failure (read as UNKNOWN)
          reports = reports.append(new Report(run.getName(), Verdict.FAILED));
      }
    }
    return Either.right(reports);
  }
}
