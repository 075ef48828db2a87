package io.platinur.github;

import io.platinur.domain.gate.GateReport;
import io.platinur.domain.gate.GateReport.ConditionOutcome;
import io.platinur.domain.gate.GateReport.Verdict;
import io.platinur.port.GatePublisher;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHCheckRunBuilder;
import org.kohsuke.github.GHCommitState;
import org.kohsuke.github.GHCommitStatus;
import org.kohsuke.github.GHRepository;

/**
 * The promotion gate at its exact commit on GitHub: a commit status {@value #CONTEXT}
 * ({@code success}, {@code failure} or {@code pending}; the description names the unmet conditions
 * within GitHub's 140 characters) and, when authenticated as a GitHub App (only Apps may write check
 * runs), a check run of the same name whose summary lists every condition with its evidence. A
 * ruleset or branch protection can require it, so even a merge made by hand honours the gate.
 *
 * <p>What is already shown is read first (a conditional request, {@code 304} when unchanged), and
 * only what differs is written: publishing the same report again writes nothing. A write whose
 * answer is unclear is not sent again; reading back tells whether it took effect.
 */
final class GitHubGatePublisher implements GatePublisher {
  /** The commit-status context and check-run name; the CI reading leaves it out. */
  static final String CONTEXT = "platinur/promotion-gate";
  static final int DESCRIPTION_LIMIT = 140;

  private final RepositoryHandle repository;
  private final boolean checkRuns;

  GitHubGatePublisher(RepositoryHandle repository, boolean checkRuns) {
    this.repository = repository;
    this.checkRuns = checkRuns;
  }

  @Override
  public Either<PortFailure, Boolean> publish(GateReport report) {
    Objects.requireNonNull(report, "report");
    String operation = "Publishing the promotion gate at " + report.candidate().abbreviated();
    return Failures.attempt(operation, () -> {
      GHRepository repo = repository.get();
      Either<PortFailure, Boolean> status = status(repo, report, operation);
      if (status.isLeft() || !checkRuns) {
        return status;
      }
      return checkRun(repo, report, operation).map(written -> written || status.get());
    });
  }

  private static Either<PortFailure, Boolean> status(GHRepository repo, GateReport report, String operation)
      throws IOException {
    String sha = report.candidate().hex();
    GHCommitState state = state(report.verdict());
    String description = description(report);
    if (shownStatus(repo, sha).exists(s -> s.getState() == state && description.equals(s.getDescription()))) {
      return Either.right(false);
    }
    try {
      repo.createCommitStatus(sha, state, null, description, CONTEXT);
      return Either.right(true);
    } catch (IOException e) {
      PortFailure failure = Failures.from(operation, e);
      if (failure.kind() != Kind.UNKNOWN_OUTCOME) {
        throw e;
      }
      return Failures.attempt(operation, () -> Either.right(shownStatus(repo, sha))).fold(
          unread -> Either.left(Failures.stillUnknown(failure, unread)),
          shown -> shown.exists(s -> s.getState() == state && description.equals(s.getDescription()))
              ? Either.right(true)
              : Either.left(Failures.settled(failure, "the gate's status is not the one sent, so it was not written")));
    }
  }

  /** The latest {@value #CONTEXT} status at {@code sha}, if any. */
  private static Option<GHCommitStatus> shownStatus(GHRepository repo, String sha) throws IOException {
    Option<GHCommitStatus> latest = Option.none();
    for (GHCommitStatus status : repo.listCommitStatuses(sha).withPageSize(100)) {
      if (CONTEXT.equals(status.getContext()) && (latest.isEmpty() || status.getId() > latest.get().getId())) {
        latest = Option.some(status);
      }
    }
    return latest;
  }

  private static Either<PortFailure, Boolean> checkRun(GHRepository repo, GateReport report, String operation)
      throws IOException {
    String sha = report.candidate().hex();
    String title = title(report);
    String summary = summary(report);
    Option<GHCheckRun> shown = shownRun(repo, sha);
    if (shown.exists(run -> shows(run, report, title, summary))) {
      return Either.right(false);
    }
    try {
      GHCheckRunBuilder builder = shown.isDefined() ? shown.get().update() : repo.createCheckRun(CONTEXT, sha);
      builder = report.verdict() == Verdict.AWAITED
          ? builder.withStatus(GHCheckRun.Status.IN_PROGRESS)
          : builder.withStatus(GHCheckRun.Status.COMPLETED).withConclusion(conclusion(report.verdict()));
      builder.add(new GHCheckRunBuilder.Output(title, summary)).create();
      return Either.right(true);
    } catch (IOException e) {
      PortFailure failure = Failures.from(operation, e);
      if (failure.kind() != Kind.UNKNOWN_OUTCOME) {
        throw e;
      }
      return Failures.attempt(operation, () -> Either.right(shownRun(repo, sha))).fold(
          unread -> Either.left(Failures.stillUnknown(failure, unread)),
          now -> now.exists(run -> shows(run, report, title, summary))
              ? Either.right(true)
              : Either.left(Failures.settled(failure, "the gate's check run is not the one sent, so it was not written")));
    }
  }

  private static Option<GHCheckRun> shownRun(GHRepository repo, String sha) throws IOException {
    return Option.ofOptional(repo.getCheckRuns(sha, Map.of("check_name", CONTEXT, "filter", "latest"))
        .withPageSize(100).toList().stream()
        .filter(run -> CONTEXT.equals(run.getName()))
        .max(Comparator.comparingLong(GHCheckRun::getId)));
  }

  private static boolean shows(GHCheckRun run, GateReport report, String title, String summary) {
    boolean statusAgrees = report.verdict() == Verdict.AWAITED
        ? run.getStatus() == GHCheckRun.Status.IN_PROGRESS
        : run.getStatus() == GHCheckRun.Status.COMPLETED && run.getConclusion() == conclusion(report.verdict());
    GHCheckRun.Output output = run.getOutput();
    return statusAgrees && output != null && title.equals(output.getTitle()) && summary.equals(output.getSummary());
  }

  private static GHCommitState state(Verdict verdict) {
    return switch (verdict) {
      case MET -> GHCommitState.SUCCESS;
      case FAILED -> GHCommitState.FAILURE;
      case AWAITED -> GHCommitState.PENDING;
    };
  }

  private static GHCheckRun.Conclusion conclusion(Verdict verdict) {
    return verdict == Verdict.MET ? GHCheckRun.Conclusion.SUCCESS : GHCheckRun.Conclusion.FAILURE;
  }

  /** Within GitHub's 140 characters: all conditions hold, or the unmet ones, each failed or awaited. */
  static String description(GateReport report) {
    String text = report.verdict() == Verdict.MET
        ? "All " + report.conditions().size() + " promotion conditions hold at " + report.candidate().abbreviated() + "."
        : "Unmet: " + report.unmet().map(c -> c.condition().words() + " (" + words(c.verdict()) + ")").mkString(", ") + ".";
    return cut(text, DESCRIPTION_LIMIT);
  }

  static String title(GateReport report) {
    String at = " at " + report.candidate().abbreviated();
    return switch (report.verdict()) {
      case MET -> "Promotion authorized" + at;
      case FAILED -> "Promotion blocked" + at;
      case AWAITED -> "Promotion waiting" + at;
    };
  }

  /** Every condition with its verdict and evidence, as a Markdown table. */
  static String summary(GateReport report) {
    StringBuilder table = new StringBuilder()
        .append(description(report)).append("\n\n")
        .append("| Condition | Verdict | Evidence |\n|---|---|---|\n");
    for (ConditionOutcome c : report.conditions()) {
      table.append("| ").append(c.condition().words())
          .append(" | ").append(words(c.verdict()))
          .append(" | ").append(cell(c.evidence())).append(" |\n");
    }
    return table.toString();
  }

  private static String words(Verdict verdict) {
    return switch (verdict) {
      case MET -> "met";
      case FAILED -> "failed";
      case AWAITED -> "awaited";
    };
  }

  private static String cell(String text) {
    return text.replaceAll("\\R", " ").replace("|", "\\|");
  }

  private static String cut(String text, int limit) {
    if (text.codePointCount(0, text.length()) <= limit) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, limit - 1)) + "…";
  }
}
