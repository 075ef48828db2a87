package io.platinur.cli;

import io.platinur.application.digest.DigestPromotionService;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.repository.BranchName;
import io.platinur.git.GitOpsRepository;
import io.platinur.git.GitRemote;
import io.platinur.port.CanaryAnalysis;
import io.platinur.port.ForgePorts;
import io.platinur.port.PortFailure;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How {@code platinur release} and {@code platinur console} reach a GitOps repository's digest
 * promotions: the GitOps branch, offline CI and the canary's verdict, the path with its gates and
 * the pin layout ({@link ReleaseSettings}), and where PRs, reviews, CI and deployments come from —
 * the repository itself offline (local, or on a Git server with {@code --git-url}), GitHub with
 * {@code --github}, GitLab with {@code --gitlab}. The repository's own option is each command's,
 * as one requires it and the other does not.
 */
final class GitOpsOptions {
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

  /** What runs on the opened repository: its digest promotions, and the repository for what else it can give (its history). */
  interface Body {
    int run(DigestPromotionService service, GitOpsRepository repository, Opened opened) throws IOException;
  }

  /** What was opened: the GitOps branch, the path and the layout as the options gave them. */
  record Opened(BranchName branch, PromotionPath path, PinLayout layout) {}

  /** What the command says about a failure of the forge or the Git server: what to check. */
  interface Hint {
    String of(PortFailure.Kind kind);
  }

  /**
   * Opens {@code repository} (with {@code --github}, {@code --gitlab} or {@code --git-url}, the
   * local cache of its Git data) and runs {@code body} on its digest promotions; the repository is
   * closed when {@code body} returns.
   *
   * @param refuseForgeOptions called offline: refuses the options that only a forge uses
   */
  int open(Out out, String repository, Common common, Clock clock, Runnable refuseForgeOptions, Hint hint, Body body) throws IOException {
    BranchName main = ReleaseCommand.Base.valid(BranchName.parse(branch));
    boolean onForge = common.github != null || common.gitlab != null;
    PromotionPath path = settings.path(onForge);
    PinLayout layout = settings.layout();
    Opened opened = new Opened(main, path, layout);
    CanaryAnalysis canaryAnalysis = (target, digest) -> Either.right(canary);
    Path local = GitServer.localPath("--repository", repository, "--git-url", common);
    if (!onForge) {
      refuseForgeOptions.run();
      Either<PortFailure, GitOpsRepository> git;
      if (common.gitUrl == null) {
        // a repository of environment directories: no lane, so no staging branch to name
        git = GitOpsRepository.open(local, main, layout);
        if (git.isLeft()) {
          return out.error("NO_REPOSITORY", git.getLeft().message());
        }
      } else {
        // a GitOps repository on a Git server, shared by hosts without a forge: PRs live in it too
        GitRemote remote = GitServer.remote("--git-url", common.gitUrl, common);
        git = out.during("Fetching the GitOps repository from the Git server", () -> GitOpsRepository.openWithRemote(local, remote, main, layout));
        if (git.isLeft()) {
          return out.error(git.getLeft().kind().name(), git.getLeft().message() + hint.of(git.getLeft().kind()));
        }
      }
      CiState offlineCi = ci == null ? CiState.GREEN : ci;
      try (GitOpsRepository repo = git.get()) {
        // offline, the PRs are opened in the name of whoever runs the command; `platinur pr approve` reviews them
        ForgePorts offline = ForgePorts.builder(repo.offlineHost())
            .pullRequests(repo.offlinePullRequestsOpenedBy(common.actor().name())).ci(commit -> Either.right(offlineCi)).build();
        return body.run(DigestPromotionService.builder(repo, offline, canaryAnalysis).path(path).clock(clock::instant).build(), repo, opened);
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
    var git = out.during("Fetching the GitOps repository from " + forge.name(),
        () -> GitOpsRepository.openWithRemote(local, forge.remote(), main, layout));
    if (git.isLeft()) {
      return out.error(git.getLeft().kind().name(), git.getLeft().message() + hint.of(git.getLeft().kind()));
    }
    try (GitOpsRepository cache = git.get()) {
      return body.run(DigestPromotionService.builder(cache, forge.ports(), canaryAnalysis).path(path).clock(clock::instant).build(),
          cache, opened);
    }
  }
}
