package io.platinur.cli;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.digest.PromotionBoard;
import io.platinur.application.digest.PromotionSync;
import io.platinur.domain.Actor;
import io.platinur.domain.Refusal;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotionEvent;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.PromoteRejection;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackWaiting;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.digest.StepDecision;
import io.platinur.domain.digest.StepFailure;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.repository.BranchName;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitRemote;
import io.platinur.git.GitStaging;
import io.platinur.port.CanaryAnalysis;
import io.platinur.port.PortFailure;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code platinur release}: promote by digest on a GitOps repository (ADR-0034). The path is
 * dev → staging (merged by {@code sync} on green CI) → prod (merged by {@code complete} once its
 * gate passes, then a canary); rollback PRs merge on green CI. The gates of the last step come from
 * {@link ReleaseSettings}.
 *
 * <p>Offline, the promotion PRs live in the repository itself (a local bare repository, or one on a
 * Git server that several hosts share: {@code --git-url}, with {@code --repository} the local cache;
 * every read fetches, every write is one atomic push), opened in the name of whoever runs the
 * command; reviews are what {@code platinur pr approve} records, and CI is what {@code --ci} says.
 * With {@code --github OWNER/REPO}, the repository is a local cache of GitHub's: the GitOps branch,
 * the promotion branches and Platinur's refs are fetched before every read and pushed atomically;
 * PRs are opened, read and merged on GitHub; approvals are the PRs' reviews, CI is GitHub's checks
 * and commit statuses at the exact head, and soak is measured from deployment status times. In both
 * modes the canary's verdict is what {@code --canary} says: the canary analysis reports it by
 * running {@code release complete SERVICE --in ENV --canary passed|failed}. With
 * {@code --gitlab GROUP/PROJECT} the same runs on GitLab: merge requests, their approvals, pipelines
 * and commit statuses, and deployments of GitOps commits.
 */
@Command(name = "release", mixinStandardHelpOptions = true,
    description = {"Promote an image digest dev → staging → prod by PR on a GitOps repository (environments/<env>/<service>/values.yaml).",
        "Offline, the PRs live in the repository itself: a local bare repository, or one on a Git server with --git-url URL;"
            + " with --github OWNER/REPO, PRs, reviews, CI and deployments come from GitHub.",
        "With --gitlab GROUP/PROJECT, merge requests, approvals, pipelines and deployments come from GitLab.",
        "Try ‘platinur demo’ first: its second act runs these steps.", "Reference: docs/release-command.md."},
    subcommands = {ReleaseCommand.Board.class, ReleaseCommand.Promote.class, ReleaseCommand.Gate.class,
        ReleaseCommand.Complete.class, ReleaseCommand.Sync.class, ReleaseCommand.Rollback.class, ReleaseHistoryCommand.class})
final class ReleaseCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command; try ‘platinur release board --repository R’.");
  }

  /**
   * What every release command shares: the GitOps repository, the promotion path with its gates,
   * the pin layout, and where PRs, CI, reviews and deployments come from — the repository itself
   * offline, GitHub with {@code --github}.
   */
  abstract static class Base extends LaneCommand {
    @Option(names = "--repository", paramLabel = "PATH", required = true,
        description = "The GitOps repository (a bare Git repository); with --github or --git-url, the local cache of its Git data (created when missing).")
    String repository;

    @Option(names = "--branch", paramLabel = "BRANCH", defaultValue = "main", description = "The GitOps branch (default: ${DEFAULT-VALUE}).")
    String branch;

    @Option(names = "--ci", paramLabel = "STATE",
        description = "What CI says at every PR head, offline: green, pending, red or no_checks (default: green). With --github, CI is GitHub's checks and commit statuses at the PR's head.")
    CiState ci;

    @Option(names = "--canary", paramLabel = "VERDICT", defaultValue = "running",
        description = "What the canary analysis says about the digest in canary: running, passed, failed or inconclusive (default: ${DEFAULT-VALUE})."
            + " inconclusive counts as no verdict, as running does: the canary waits, and rolls back once --canary-timeout passes.")
    CanaryVerdict canary;

    @Mixin
    ReleaseSettings settings;

    @Override
    final int run(Out out) throws IOException {
      BranchName main = valid(BranchName.parse(branch));
      boolean onForge = common.github != null || common.gitlab != null;
      PromotionPath path = settings.path(onForge);
      PinLayout layout = settings.layout();
      CanaryAnalysis canaryAnalysis = (target, digest) -> Either.right(canary);
      Path local = GitServer.localPath("--repository", repository, "--git-url", common);
      if (!onForge) {
        refuseForgeOptions();
        Either<PortFailure, GitStaging> opened;
        if (common.gitUrl == null) {
          opened = GitStaging.open(local, GitLaneConfig.of(main, main.equals(BranchName.of("staging")) ? BranchName.of("main") : BranchName.of("staging")));
          if (opened.isLeft()) {
            return out.error("NO_REPOSITORY", opened.getLeft().message());
          }
        } else {
          // a GitOps repository on a Git server, shared by hosts without a forge: PRs live in it too
          GitRemote remote = GitServer.remote("--git-url", common.gitUrl, common);
          opened = out.during("Fetching the GitOps repository from the Git server", () -> GitStaging.openGitOpsWithRemote(local, remote, main));
          if (opened.isLeft()) {
            return out.error(opened.getLeft().kind().name(), opened.getLeft().message() + hint(opened.getLeft().kind()));
          }
        }
        CiState offlineCi = ci == null ? CiState.GREEN : ci;
        try (GitStaging git = opened.get()) {
          GitStaging.DigestPins pins = git.digestPins(main, layout);
          return run(out, new DigestPromotionService(path, layout, main,
              // offline, the PRs are opened in the name of whoever runs the command; `platinur pr approve` reviews them
              new DigestPromotionService.Ports(pins.pinned(), pins.branches(), git.offlinePullRequestsOpenedBy(common.actor().name()),
                  git.offlineOpenPullRequests(), git.offlineReviews(),
                  commit -> Either.right(offlineCi), pins.deployments(), canaryAnalysis, git.digestPromotionStore()),
              clock::instant).withBackoff(git.retryBackoff()));
        }
      }
      if (common.github != null && common.gitlab != null) {
        throw new Common.BadInput("Name one forge: --github or --gitlab, not both.");
      }
      if (ci != null) {
        throw new Common.BadInput(common.gitlab != null
            ? "--ci is for offline use: with --gitlab, CI is what GitLab's pipelines and commit statuses say at the merge request's head."
            : "--ci is for offline use: with --github, CI is what GitHub's checks and commit statuses say at the PR's head.");
      }
      Either<String, LaneContext.ForgeLink> link = common.gitlab != null
          ? LaneContext.ForgeLink.gitlab(common.gitlab, io.vavr.control.Option.of(common.gitlabApi), io.vavr.control.Option.of(common.gitUrl), common)
          : LaneContext.ForgeLink.github(common.github, io.vavr.control.Option.of(common.githubApi), io.vavr.control.Option.of(common.gitUrl), common);
      if (link.isLeft()) {
        return out.error("NO_REPOSITORY", link.getLeft());
      }
      LaneContext.ForgeLink forge = link.get();
      out.speak(forge.words());
      var opened = out.during("Fetching the GitOps repository from " + forge.name(),
          () -> GitStaging.openGitOpsWithRemote(local, forge.remote(), main));
      if (opened.isLeft()) {
        return out.error(opened.getLeft().kind().name(), opened.getLeft().message() + hint(opened.getLeft().kind()));
      }
      try (GitStaging git = opened.get()) {
        GitStaging.DigestPins pins = git.digestPins(main, layout);
        return run(out, new DigestPromotionService(path, layout, main,
            new DigestPromotionService.Ports(pins.pinned(), pins.branches(), forge.pullRequests(), forge.openPullRequests(), forge.reviews(),
                forge.continuousIntegration(), forge.digestDeployments(), canaryAnalysis, git.digestPromotionStore()),
            clock::instant).withBackoff(git.retryBackoff()));
      }
    }

    @Override
    String afterStoppedWaiting() {
      return "Run ‘platinur release board’ to see where the promotions are";
    }

    /**
     * What to check when GitHub (or the Git server of {@code --git-url}) refused or could not be
     * reached; the token itself is never named.
     */
    String hint(PortFailure.Kind kind) {
      if (common.gitlab != null) {
        return switch (kind) {
          case UNAUTHORIZED -> " Check the token in " + common.tokenEnv() + ": GitLab refused it, or it has no access to " + common.gitlab + ".";
          case NOT_FOUND -> " Check that " + common.gitlab + " exists and that the token in " + common.tokenEnv()
              + " can read it (GitLab answers 404 for a project a token cannot see).";
          case RATE_LIMITED -> " Run the command again once the limit resets.";
          case UNAVAILABLE -> " Run the command again when GitLab can be reached.";
          default -> "";
        };
      }
      if (common.github == null) {
        return common.gitUrl != null && kind == PortFailure.Kind.UNAUTHORIZED ? GitServer.credentialsHint("--git-url") : "";
      }
      return switch (kind) {
        case UNAUTHORIZED -> " Check the token in " + common.tokenEnv() + ": GitHub refused it, or it has no access to " + common.github + ".";
        case NOT_FOUND -> " Check that " + common.github + " exists and that the token in " + common.tokenEnv()
            + " can read it (GitHub answers 404 for a repository a token cannot see).";
        case RATE_LIMITED -> " Run the command again once the limit resets.";
        case UNAVAILABLE -> " Run the command again when GitHub can be reached.";
        default -> "";
      };
    }

    abstract int run(Out out, DigestPromotionService service);

    static ServiceName service(String text) {
      return valid(ServiceName.parse(text));
    }

    static EnvironmentName environment(String text) {
      return valid(EnvironmentName.parse(text));
    }

    static <T> T valid(Validation<String, T> value) {
      if (value.isInvalid()) {
        throw new Common.BadInput(value.getError());
      }
      return value.get();
    }

    /**
     * A rule's refusal exits 2 with its exact message; a values file that does not read is bad input
     * (exit 1, {@code BAD_PIN_FILE}), as is every port failure, with what to check.
     */
    <R extends Refusal> int failed(Out out, UseCaseFailure<R> failure) {
      return failure.fold(
          rejection -> rejection instanceof PromoteRejection.BadPinFile
              ? out.error("BAD_PIN_FILE", rejection.message())
              : out.rejected(words(rejection.getClass().getSimpleName()), rejection.message()),
          unavailable -> out.error(unavailable.kind().name(), unavailable.message() + hint(unavailable.kind())));
    }

    /** Who the audit history names: the commit author's name ({@code --author}, {@code PLATINUR_AUTHOR}). */
    Actor actor() {
      return common.actor();
    }

    /** {@code NotBuiltOnce} → {@code NOT_BUILT_ONCE}. */
    static String words(String type) {
      return type.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    <R extends Refusal, T> int answer(Out out, Either<UseCaseFailure<R>, T> result, java.util.function.Function<T, String> text) {
      return result.fold(failure -> failed(out, failure), value -> out.done(text.apply(value), Json.object().put("result", text.apply(value))));
    }
  }

  @Command(name = "board", mixinStandardHelpOptions = true, description = {
      "Show every environment's pins and platform version, and what each next step waits for.",
      "With --json: the same as data, with the gate of every open PR (see docs/release-command.md)."})
  static final class Board extends Base {
    @Override
    int run(Out out, DigestPromotionService service) {
      return service.board().fold(failure -> failed(out, failure), board -> !out.json()
          ? out.done(text(board), Json.object())
          // The gates are evaluated for --json only: the text board asks the forge no more than it did.
          // A PR closed or merged since it was recorded has no gate to show: the next sync records it.
          : Either.sequenceRight(board.promotions().filterValues(ReleaseBoardJson::hasOpenPr).keySet().toList()
                  .map(target -> service.evaluate(target).fold(
                      failure -> failure.fold(
                          refused -> Either.<PortFailure, io.vavr.control.Option<io.vavr.Tuple2<PromotionTarget, StepDecision>>>right(
                              io.vavr.control.Option.none()),
                          Either::left),
                      decision -> Either.right(io.vavr.control.Option.some(new io.vavr.Tuple2<>(target, decision))))))
              .map(gates -> io.vavr.collection.TreeMap.ofEntries(gates.flatMap(gate -> gate)))
              .fold(failure -> out.error(failure.kind().name(), failure.message() + hint(failure.kind())),
                  gates -> out.done("", ReleaseBoardJson.of(board, gates))));
    }

    static String text(PromotionBoard board) {
      StringBuilder text = new StringBuilder("Pins on " + board.snapshot().commit().abbreviated() + ":\n");
      for (EnvironmentName env : board.path().environments()) {
        text.append(String.format("  %-8s %s  %s%n", env, board.platformVersions().get(env).get(),
            board.snapshot().pins().manifest(env).services().map(pin -> pin._1 + " " + pin._2.abbreviated()).mkString(", ")));
      }
      text.append("Next steps:\n");
      board.nextSteps().forEach((target, waits) -> text.append("  ").append(target).append(": ").append(waits).append('\n'));
      board.snapshot().problems().forEach(problem -> text.append("  unreadable: ").append(problem.message()).append('\n'));
      board.drift().forEach(file -> text.append("  drift: ").append(file.message()).append('\n'));
      return text.toString().stripTrailing();
    }
  }

  @Command(name = "promote", mixinStandardHelpOptions = true,
      description = "Open the PR that moves SERVICE's digest into ENV from the environment before it.")
  static final class Promote extends Base {
    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Option(names = "--to", paramLabel = "ENV", required = true)
    String to;

    @Option(names = "--from", paramLabel = "ENV", description = "The source environment; only the one right before ENV is allowed.")
    String from;

    @Option(names = "--digest", paramLabel = "sha256:…", description = "The digest; only the one pinned in the source is allowed.")
    String digest;

    @Override
    int run(Out out, DigestPromotionService digests) {
      PromoteRequest request = new PromoteRequest(service(service), environment(to),
          io.vavr.control.Option.of(from).map(Base::environment), io.vavr.control.Option.of(digest).map(text -> valid(ImageDigest.parse(text))));
      return answer(out, digests.promote(request, actor()), open -> "Opened PR " + open.pr() + " promoting "
          + open.target().service() + " to " + open.target().environment() + ": " + open.promotion().digest().abbreviated()
          + " from " + open.promotion().from() + ".");
    }
  }

  /** What SERVICE --in ENV names. */
  abstract static class Targeted extends Base {
    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Option(names = "--in", paramLabel = "ENV", required = true)
    String in;

    PromotionTarget target() {
      return new PromotionTarget(service(service), environment(in));
    }
  }

  @Command(name = "gate", mixinStandardHelpOptions = true, description = "Evaluate the gate of SERVICE's open PR into ENV: every unmet condition.")
  static final class Gate extends Targeted {
    @Override
    int run(Out out, DigestPromotionService service) {
      Either<UseCaseFailure<io.platinur.domain.digest.EvaluateRejection>, StepDecision> decision = service.evaluate(target());
      if (decision.isLeft()) {
        return failed(out, decision.getLeft());
      }
      return decision.get().fold(
          passed -> out.done("The gate of " + target() + " passes.", Json.object().put("passes", true)),
          blocked -> out.rejected("GATE_BLOCKED", blocked.failures().map(StepFailure::message).mkString("\n")));
    }
  }

  @Command(name = "complete", mixinStandardHelpOptions = true,
      description = "Take SERVICE's promotion into ENV one step on: merge when the gate passes, judge the canary, roll back when it failed.")
  static final class Complete extends Targeted {
    @Override
    int run(Out out, DigestPromotionService service) {
      return answer(out, service.complete(target(), actor()), promotion -> target() + ": " + promotion.describe() + ".");
    }
  }

  @Command(name = "sync", mixinStandardHelpOptions = true,
      description = "Record merged and closed PRs, merge steps that merge by themselves once their gate passes, judge canaries.")
  static final class Sync extends Base {
    @Override
    int run(Out out, DigestPromotionService service) {
      return service.sync(actor()).fold(failure -> failed(out, failure), sync -> out.done(text(sync), Json.object()
          .put("result", text(sync))
          .put("recorded", sync.events().map(DigestPromotionEvent::words))
          .put("closed", sync.closed().map(note -> note.message()))
          .put("waiting", sync.waiting().map(RollbackWaiting::message))));
    }

    /** What the sync recorded, in words, then the unrecorded PRs it closed and the rollbacks that wait for their gate. */
    static String text(PromotionSync sync) {
      return sync.isEmpty() ? "Nothing to record." : (section("Recorded:", sync.events().map(DigestPromotionEvent::words))
          + section("Closed:", sync.closed().map(note -> note.message()))
          + section("Waiting:", sync.waiting().map(RollbackWaiting::message))).stripTrailing();
    }

    private static String section(String title, Seq<String> lines) {
      return lines.isEmpty() ? "" : lines.map(line -> "  " + line).mkString(title + "\n", "\n", "\n");
    }
  }

  @Command(name = "rollback", mixinStandardHelpOptions = true, description = "Open the PR that reverts SERVICE's latest merged promotion into ENV.")
  static final class Rollback extends Targeted {
    @Override
    int run(Out out, DigestPromotionService service) {
      return answer(out, service.rollback(target(), actor()), rolling -> target() + ": " + rolling.describe() + ".");
    }
  }
}
