package io.platinur.cli;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.forge.Review;
import io.platinur.domain.lane.PromotionPrMergedRejection;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.repository.BranchName;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitRemote;
import io.platinur.git.GitStaging;
import io.platinur.port.PortFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code platinur pr}: what a forge's reviewers do to pull requests, on the offline host. Merge or
 * close the lane's promotion PR (then Sync Promotions), and close or approve any open pull request
 * by its number: in the lane's repository, or in the GitOps repository of {@code platinur release}
 * ({@code --repository}). With GitHub, people do these in GitHub.
 */
@Command(name = "pr", mixinStandardHelpOptions = true,
    description = {"Merge, close or approve pull requests on the offline pull-request host (with GitHub, do it in GitHub).",
        "The lane's promotion PR by default; any open PR by its number, also in a GitOps repository (--repository)."},
    subcommands = {PrCommand.Merge.class, PrCommand.Close.class, PrCommand.Approve.class})
final class PrCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Say which: ‘platinur pr merge’, ‘platinur pr close’ or ‘platinur pr approve N --reviewer LOGIN’.");
  }

  /**
   * A command on the offline host's pull requests by number: in the lane's repository, or in the
   * one {@code --repository} names (a local bare repository, or with {@code --git-url} the local
   * cache of one on a Git server, as for {@code platinur release}).
   */
  abstract static class ByNumber extends LaneCommand {
    @CommandLine.Option(names = "--repository", paramLabel = "PATH",
        description = "The repository holding the pull requests, such as the GitOps repository of ‘platinur release’ "
            + "(default: the lane's); with --git-url, the local cache of its Git data (created when missing).")
    String repository;

    @CommandLine.Option(names = "--branch", paramLabel = "BRANCH",
        description = "With --git-url: the GitOps branch, fetched with the pull requests (default: main).")
    String branch;

    /** The work on a repository's offline pull requests; {@code lane} is the lane when the repository is the lane's. */
    @FunctionalInterface
    interface OnHost {
      int run(GitStaging git, Option<LaneContext> lane) throws IOException;
    }

    int onOfflineHost(Out out, String what, OnHost body) throws IOException {
      if (repository == null) {
        if (branch != null) {
          throw new Common.BadInput("--branch has no effect without --git-url: it is the GitOps branch fetched from the Git server.");
        }
        return withLane(out, lane -> lane.forge.isDefined() ? LaneCommands.notOffline(out, lane, what) : body.run(lane.git, Option.some(lane)));
      }
      refuseForgeOptions(what);
      Path local = GitServer.localPath("--repository", repository, "--git-url", common);
      Either<PortFailure, GitStaging> opened;
      if (common.gitUrl == null) {
        if (branch != null) {
          throw new Common.BadInput("--branch has no effect without --git-url: it is the GitOps branch fetched from the Git server.");
        }
        opened = GitStaging.open(local, GitLaneConfig.of(BranchName.of("main"), BranchName.of("staging")));
      } else {
        BranchName gitops = ReleaseCommand.Base.valid(BranchName.parse(branch == null ? "main" : branch));
        GitRemote remote = GitServer.remote("--git-url", common.gitUrl, common);
        opened = out.during("Fetching the pull requests from the Git server", () -> GitStaging.openGitOpsWithRemote(local, remote, gitops));
      }
      if (opened.isLeft()) {
        PortFailure failure = opened.getLeft();
        String hint = common.gitUrl != null && failure.kind() == PortFailure.Kind.UNAUTHORIZED ? GitServer.credentialsHint("--git-url") : "";
        return out.error(common.gitUrl == null ? "NO_REPOSITORY" : failure.kind().name(), failure.message() + hint);
      }
      try (GitStaging git = opened.get()) {
        return body.run(git, Option.none());
      }
    }

    /** With {@code --repository}, the pull requests are Platinur's own: a forge, and options for one, would change nothing. */
    private void refuseForgeOptions(String what) {
      if (common.github != null || common.gitlab != null) {
        throw new Common.BadInput("--repository names a repository whose pull requests Platinur keeps offline; with --github or --gitlab, "
            + what + " the pull request on the forge.");
      }
      refuseForgeOptions();
    }

    static PullRequestNumber number(long n) {
      if (n <= 0) {
        throw new Common.BadInput("A pull request number is a positive whole number, got " + n + ".");
      }
      return PullRequestNumber.of(n);
    }
  }

  @Command(name = "merge", mixinStandardHelpOptions = true,
      description = {"Merge the open promotion PR at the staging head the lane recorded, then Sync Promotions.",
          "With --no-sync the merge is only recorded: Staging stays locked, waiting for main sync, until ‘platinur sync’."})
  static final class Merge extends LaneCommand {
    @CommandLine.Option(names = "--no-sync",
        description = "Merge only; leave the merged promotion waiting for ‘platinur sync’ (as when production has not caught up yet).")
    boolean noSync;

    @Override
    int run(Out out) throws IOException {
      return withLane(out, lane -> {
        if (lane.forge.isDefined()) {
          return LaneCommands.notOffline(out, lane, "merge");
        }
        if (!noSync) {
          return LaneCommands.synced(out, out.during("Merging the promotion PR", () -> lane.service.mergePromotionPr(common.actor())));
        }
        Either<UseCaseFailure<PromotionPrMergedRejection>, StagingLane> merged = out.during("Merging the promotion PR",
            () -> lane.service.mergePromotionPrWithoutSync(common.actor()));
        if (merged.isLeft()) {
          return out.failed(merged.getLeft());
        }
        return out.done(merged.get().lock().fold(
                unlocked -> "",
                open -> "",
                awaiting -> "Promotion PR " + awaiting.pr() + " was merged as " + awaiting.mergeCommit().abbreviated()
                    + ". Staging stays locked until Promotions are synced: run ‘platinur sync’.\n")
            + "Lock: " + Words.lock(merged.get().lock()), Json.object().put("lane", Words.lane(merged.get())));
      });
    }
  }

  @Command(name = "close", mixinStandardHelpOptions = true,
      description = {"Close a pull request without merging.",
          "Without N: the lane's promotion PR, then Sync Promotions: Staging unlocks and keeps its batch.",
          "With N: that open pull request, such as a promotion or rollback PR of ‘platinur release’ (with --repository GITOPS);"
              + " ‘platinur release sync’ then records it."})
  static final class Close extends ByNumber {
    @Parameters(index = "0", arity = "0..1", paramLabel = "N", description = "The pull request's number (default: the lane's promotion PR).")
    Long n;

    @Override
    int run(Out out) throws IOException {
      if (n == null && repository == null) {
        return withLane(out, lane -> lane.forge.isDefined() ? LaneCommands.notOffline(out, lane, "close") : LaneCommands.synced(out,
            out.during("Closing the promotion PR", () -> lane.service.closePromotionPr(common.actor()))));
      }
      if (n == null) {
        throw new Common.BadInput("Say which pull request to close: ‘platinur pr close N --repository " + repository + "’.");
      }
      PullRequestNumber pr = number(n);
      return onOfflineHost(out, "close", (git, lane) -> {
        if (lane.isDefined() && isTheLanesPromotionPr(lane.get(), pr)) {
          return LaneCommands.synced(out, out.during("Closing the promotion PR", () -> lane.get().service.closePromotionPr(common.actor())));
        }
        Either<PortFailure, PullRequestState> before = git.offlinePullRequests().state(pr);
        if (before.isLeft()) {
          return out.error(before.getLeft().kind().name(), before.getLeft().message());
        }
        if (before.get() instanceof PullRequestState.Merged merged) {
          return out.rejected("ALREADY_MERGED", "PR " + pr + " is merged (as " + merged.mergeCommit().abbreviated()
              + "); a merged pull request cannot be closed.");
        }
        if (before.get() instanceof PullRequestState.ClosedUnmerged) {
          return out.done("PR " + pr + " was already closed; nothing to do.", Json.object().put("pr", pr.value()).put("state", "closed"));
        }
        Option<OpenPullRequest> open = git.offlineOpenPullRequests().listOpen().map(all -> all.find(p -> p.number().equals(pr)))
            .getOrElse(Option.none());
        Either<PortFailure, PullRequestState> closed = out.during("Closing PR " + pr, () -> git.offlinePullRequests().close(pr));
        if (closed.isLeft()) {
          return out.error(closed.getLeft().kind().name(), closed.getLeft().message());
        }
        if (closed.get() instanceof PullRequestState.Merged merged) {
          return out.rejected("ALREADY_MERGED", "PR " + pr + " is merged (as " + merged.mergeCommit().abbreviated()
              + "); a merged pull request cannot be closed.");
        }
        String branches = open.map(p -> " from " + p.head() + " into " + p.base()).getOrElse("");
        return out.done("Closed PR " + pr + branches + " without merging.", Json.object().put("pr", pr.value())
            .put("head", open.map(p -> p.head().name()).getOrNull()).put("base", open.map(p -> p.base().name()).getOrNull())
            .put("state", "closed"));
      });
    }

    private static boolean isTheLanesPromotionPr(LaneContext lane, PullRequestNumber pr) {
      return lane.service.lane().map(state -> state.lock().fold(unlocked -> false, open -> open.pr().equals(pr), awaiting -> false))
          .getOrElse(false);
    }
  }

  @Command(name = "approve", mixinStandardHelpOptions = true,
      description = {"Approve the current head of an open pull request as REVIEWER, as a review on GitHub does.",
          "Never by the PR's author (who ran the command that opened it); once the head moves, the approval is an older head's and"
              + " the gate no longer counts it. Steps of ‘platinur release’ that need approvals (--approvals N) count it."},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:approved", "1:error (no such pull request, bad login, no repository)",
          "2:refused (the reviewer opened the pull request, or it is merged or closed)"})
  static final class Approve extends ByNumber {
    @Parameters(index = "0", paramLabel = "N", description = "The pull request's number.")
    long n;

    @CommandLine.Option(names = "--reviewer", paramLabel = "LOGIN", required = true, description = "Who approves.")
    String reviewer;

    @Override
    int run(Out out) throws IOException {
      PullRequestNumber pr = number(n);
      return onOfflineHost(out, "approve", (git, lane) -> {
        Either<PortFailure, Review> approved = out.during("Approving PR " + pr, () -> git.offlineReviews().approve(pr, reviewer, clock.instant()));
        if (approved.isLeft()) {
          PortFailure failure = approved.getLeft();
          return failure.kind() == PortFailure.Kind.REJECTED ? out.rejected("NOT_APPROVED", failure.message())
              : out.error(failure.kind().name(), failure.message());
        }
        Review review = approved.get();
        return out.done(review.reviewer() + " approved PR " + pr + " at its head " + review.commit().abbreviated() + ".",
            Json.object().put("pr", pr.value()).put("reviewer", review.reviewer()).put("state", review.state().name())
                .put("head", review.commit().hex()).put("submittedAt", review.submittedAt().toString()));
      });
    }
  }
}
