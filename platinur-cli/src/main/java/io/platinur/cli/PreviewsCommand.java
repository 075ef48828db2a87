package io.platinur.cli;

import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.preview.PreviewEnvironmentService;
import io.platinur.application.preview.PreviewReport;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.preview.DurationWords;
import io.platinur.domain.preview.PreviewAction;
import io.platinur.domain.preview.PreviewEnvironment;
import io.platinur.domain.preview.PreviewHold;
import io.platinur.domain.preview.PreviewLayout;
import io.platinur.domain.preview.PreviewPlan;
import io.platinur.domain.preview.PreviewPolicy;
import io.platinur.domain.preview.PreviewSelection;
import io.platinur.domain.preview.UnmanagedDirectory;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.git.GitPreviews;
import io.platinur.git.GitRemote;
import io.platinur.port.BuildArtifacts;
import io.platinur.port.OpenPullRequests;
import io.platinur.port.PortFailure;
import io.platinur.port.PreviewCleanup;
import io.platinur.port.PreviewStore.StoredPreviews;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code platinur previews}: the preview environments of the lane's open pull requests, kept in a
 * GitOps repository; {@code platinur previews reconcile} brings them in line with the pull requests
 * and their builds. Pull requests come from the lane's host (offline, or GitHub with
 * {@code --github}); builds from a file of {@code <commit> <digest>} lines. The GitOps repository
 * is a local bare repository, or one on a Git server that several hosts share
 * ({@code --gitops-url}, with {@code --gitops} its local cache).
 */
@Command(name = "previews", mixinStandardHelpOptions = true,
    description = {"List the preview environments: one per open pull request the policy selects, with age, time to live left and status.",
        "‘platinur previews reconcile’ creates, updates and reaps them in one commit."},
    subcommands = PreviewsCommand.Reconcile.class)
final class PreviewsCommand extends LaneCommand {
  @Mixin
  Settings settings;

  @Override
  int run(Out out) throws IOException {
    return settings.withService(this, out, (service, pulls) -> {
      Either<PortFailure, StoredPreviews> stored = out.during("Reading the previews", service::stored).mapLeft(NoRefusal::portFailure);
      Either<PortFailure, PreviewPlan> plan = stored.flatMap(ok -> out.during("Reading the pull requests and builds", service::plan)
          .mapLeft(NoRefusal::portFailure));
      Either<PortFailure, Seq<OpenPullRequest>> open = plan.flatMap(ok -> pulls.listOpen());
      if (open.isLeft()) {
        return out.error(open.getLeft().kind().name(), open.getLeft().message());
      }
      Instant now = clock.instant();
      java.util.List<String> lines = new java.util.ArrayList<>();
      java.util.List<Json> previews = new java.util.ArrayList<>();
      for (PreviewEnvironment preview : stored.get().inventory().previews().values()) {
        io.vavr.control.Option<OpenPullRequest> pr = open.get().find(p -> p.number().equals(preview.pr()));
        io.vavr.control.Option<Duration> left = pr.flatMap(p -> service.policy().timeLeft(p, now));
        String status = status(preview.pr(), plan.get());
        lines.add("PR " + preview.pr().value() + "  " + preview.headCommit().abbreviated() + "  " + preview.digest().abbreviated()
            + "  age " + DurationWords.of(Duration.between(preview.created(), now))
            + "  TTL left " + left.map(DurationWords::of).getOrElse("-") + "  " + status);
        previews.add(Json.object().put("pr", preview.pr().value()).put("head", preview.headCommit().hex())
            .put("digest", preview.digest().value()).put("created", preview.created().toString())
            .put("ageSeconds", Duration.between(preview.created(), now).getSeconds())
            .put("ttlLeftSeconds", left.map(d -> (Object) d.getSeconds()).getOrNull()).put("status", status));
      }
      Seq<PreviewHold> waiting = plan.get().holds().filter(h -> !stored.get().inventory().previews().containsKey(h.pr()));
      waiting.forEach(hold -> lines.add(hold.message()));
      stored.get().inventory().pendingCleanups().keySet()
          .forEach(pr -> lines.add("PR " + pr.value() + ": its reaped preview's cleanup is pending; the next reconcile completes it."));
      plan.get().leftAlone().forEach(dir -> lines.add(dir.message()));
      String header = "Previews of " + service.policy().selection().words()
          + service.policy().timeToLive().map(ttl -> ", time to live " + DurationWords.of(ttl)).getOrElse("")
          + service.policy().quota().map(q -> ", quota " + q).getOrElse("") + ":";
      String text = lines.isEmpty() ? header + "\nNone." : header + "\n" + String.join("\n", lines);
      return out.done(text, Json.object().put("previews", previews)
          .put("waiting", waiting.map(PreviewHold::message).toJavaList())
          .put("leftAlone", plan.get().leftAlone().map(UnmanagedDirectory::message).toJavaList()));
    });
  }

  /** What the next reconcile does to a live preview, or {@code live}. */
  static String status(PullRequestNumber pr, PreviewPlan plan) {
    return plan.actions().find(a -> a.pr().equals(pr)).map(PreviewAction::message)
        .orElse(plan.holds().find(h -> h.pr().equals(pr)).map(PreviewHold::message))
        .getOrElse("live");
  }

  @Command(name = "reconcile", mixinStandardHelpOptions = true,
      description = {"Create, update and reap previews in one commit of the GitOps repository, each with its reason.",
          "Safe to run at any time and from several machines at once; with --dry-run nothing is written."})
  static final class Reconcile extends LaneCommand {
    @Mixin
    Settings settings;

    @Option(names = "--dry-run", description = "Say what would change, change nothing.")
    boolean dryRun;

    @Override
    int run(Out out) throws IOException {
      return settings.withService(this, out, (service, pulls) -> {
        if (dryRun) {
          Either<UseCaseFailure<NoRefusal>, PreviewPlan> plan = out.during("Planning", service::plan);
          if (plan.isLeft()) {
            return out.failed(plan.getLeft());
          }
          List<String> lines = describe(plan.get()).append("Dry run: nothing was written.");
          return out.done(String.join("\n", lines), Json.object().put("dryRun", true).put("written", false)
              .put("actions", plan.get().actions().map(PreviewAction::message).toJavaList())
              .put("waiting", plan.get().holds().map(PreviewHold::message).toJavaList()));
        }
        Either<UseCaseFailure<NoRefusal>, PreviewReport> report = out.during("Reconciling the previews",
            () -> service.reconcile(common.author(clock.instant())));
        if (report.isLeft()) {
          return out.failed(report.getLeft());
        }
        PreviewReport done = report.get();
        List<String> lines = describe(done.plan())
            .appendAll(done.cleanedUp().map(p -> "Cleaned up the preview of PR " + p.pr().value() + "."))
            .appendAll(done.cleanupFailures().map(PreviewReport.CleanupFailure::message));
        if (done.plan().isEmpty()) {
          lines = lines.prepend("Nothing to change.");
        }
        lines = lines.prependAll(done.removedLocks().map(removed -> "Note: " + removed));
        return out.done(String.join("\n", lines), Json.object().put("dryRun", false).put("written", done.written())
            .put("removedLocks", done.removedLocks())
            .put("actions", done.plan().actions().map(PreviewAction::message).toJavaList())
            .put("waiting", done.plan().holds().map(PreviewHold::message).toJavaList()));
      });
    }

    private static List<String> describe(PreviewPlan plan) {
      return List.ofAll(plan.actions().map(PreviewAction::message))
          .appendAll(plan.holds().map(PreviewHold::message))
          .appendAll(plan.leftAlone().map(UnmanagedDirectory::message));
    }
  }

  /** Where previews live, which pull requests get one, and where builds are listed. */
  static final class Settings {
    private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,5})([dhm])");
    private static final Pattern BUILD_LINE = Pattern.compile("\\s*(\\S+)\\s+(\\S+)\\s*");

    @Option(names = "--gitops", paramLabel = "PATH",
        description = "The bare GitOps repository where previews are kept as directories (required); with --gitops-url, the local cache of its"
            + " Git data (created when missing).")
    String gitops;

    @Option(names = "--gitops-url", paramLabel = "URL",
        description = "The GitOps repository on a Git server that several hosts share (file://, http(s)://USER@HOST/…, ssh://; the password"
            + " or token in $" + GitServer.PASSWORD_VARIABLE + "): every read fetches it, every reconcile is one atomic push.")
    String gitopsUrl;

    @Option(names = "--gitops-branch", paramLabel = "BRANCH", defaultValue = "main",
        description = "Its branch that the directory generator deploys (default: ${DEFAULT-VALUE}).")
    String branch;

    @Option(names = "--previews-dir", paramLabel = "DIR", defaultValue = "previews", description = "Default: ${DEFAULT-VALUE}.")
    String root;

    @Option(names = "--preview-pattern", paramLabel = "PATTERN", defaultValue = "pr-{n}",
        description = "Directory name of a preview, {n} the pull request's number (default: ${DEFAULT-VALUE}).")
    String pattern;

    @Option(names = "--values-file", paramLabel = "NAME", defaultValue = "values.yaml", description = "Default: ${DEFAULT-VALUE}.")
    String valuesFile;

    @Option(names = "--select", paramLabel = "all|base:BRANCH|label:LABEL", defaultValue = "all",
        description = "Which open pull requests get a preview (default: ${DEFAULT-VALUE}).")
    String select;

    @Option(names = "--ttl", paramLabel = "DURATION", description = "Reap a preview when its PR has had no update this long: 3d, 12h, 90m.")
    String ttl;

    @Option(names = "--quota", paramLabel = "N", description = "At most N live previews; newer PRs wait for a slot.")
    Integer quota;

    @Option(names = "--builds", paramLabel = "FILE",
        description = "Lines ‘<commit> <digest>’: the image digest built from each commit. Without it, no head counts as built.")
    Path builds;

    @FunctionalInterface
    interface Body {
      int run(PreviewEnvironmentService service, OpenPullRequests pulls) throws IOException;
    }

    int withService(LaneCommand command, Out out, Body body) throws IOException {
      if (gitops == null) {
        throw new Common.BadInput("--gitops PATH is required: the bare GitOps repository where previews are kept.");
      }
      PreviewLayout layout = PreviewLayout.of(root, pattern, valuesFile).toEither()
          .getOrElseThrow(problems -> new Common.BadInput(problems.mkString(" ")));
      PreviewPolicy policy = PreviewPolicy.of(selection(), io.vavr.control.Option.of(ttl).map(Settings::duration), io.vavr.control.Option.of(quota)).toEither()
          .getOrElseThrow(problems -> new Common.BadInput(problems.mkString(" ")));
      BranchName gitopsBranch = BranchName.parse(branch).toEither().getOrElseThrow(Common.BadInput::new);
      Path local = GitServer.localPath("--gitops", gitops, "--gitops-url", command.common);
      io.vavr.control.Option<GitRemote> remote = io.vavr.control.Option.of(gitopsUrl)
          .map(url -> GitServer.remote("--gitops-url", url, command.common));
      BuildArtifacts artifacts = builds(command.common);
      return command.withLane(out, lane -> {
        if (lane.offline()) {
          refuseGitHubOptions(command);
        }
        Either<PortFailure, GitPreviews> opened = remote.isEmpty()
            ? GitPreviews.open(local, gitopsBranch, layout)
            : out.during("Fetching the GitOps repository from the Git server", () -> GitPreviews.openWithRemote(local, remote.get(), gitopsBranch, layout));
        if (opened.isLeft()) {
          return out.error(opened.getLeft().kind().name(), opened.getLeft().message()
              + (remote.isDefined() && opened.getLeft().kind() == PortFailure.Kind.UNAUTHORIZED ? GitServer.credentialsHint("--gitops-url") : ""));
        }
        try (GitPreviews previews = opened.get()) {
          OpenPullRequests pulls = lane.forge.map(LaneContext.ForgeLink::openPullRequests).getOrElse(() -> lane.git.offlineHost().openPullRequests());
          PreviewEnvironmentService service = PreviewEnvironmentService.builder(previews,
              io.platinur.port.ForgePorts.builder().openPullRequests(pulls).build(), artifacts)
              .policy(policy).clock(command.clock::instant).build();
          return body.run(service, pulls);
        }
      });
    }

    /** Options for a lane on GitHub, given on a lane without it: refused, since they would change nothing. */
    private static void refuseGitHubOptions(LaneCommand command) {
      if (command.given("--git-url")) {
        throw new Common.BadInput("--git-url has no effect on a lane without GitHub: it is where a GitHub lane's Git data lives. "
            + "For a GitOps repository on a Git server, use --gitops-url.");
      }
      if (command.given("--github-api")) {
        throw new Common.BadInput("--github-api has no effect on a lane without GitHub: it is GitHub's API root.");
      }
      if (command.given("--token-env")) {
        throw new Common.BadInput("--token-env has no effect on a lane without GitHub: it names the variable holding the GitHub token. "
            + "A Git server's password or token is read from " + GitServer.PASSWORD_VARIABLE + ".");
      }
      if (command.given("--wait")) {
        throw new Common.BadInput("--wait has no effect on a lane without GitHub: it bounds the wait for GitHub.");
      }
    }

    private PreviewSelection selection() {
      if (select.equals("all")) {
        return PreviewSelection.all();
      }
      if (select.startsWith("base:")) {
        return PreviewSelection.intoBase(BranchName.parse(select.substring(5)).toEither().getOrElseThrow(Common.BadInput::new));
      }
      if (select.startsWith("label:")) {
        return PreviewSelection.labelled(select.substring(6));
      }
      throw new Common.BadInput("--select must be all, base:BRANCH or label:LABEL, got ‘" + select + "’.");
    }

    static Duration duration(String text) {
      Matcher matcher = DURATION.matcher(text);
      if (!matcher.matches()) {
        throw new Common.BadInput("A time to live is a number and d, h or m, such as 3d, 12h or 90m; got ‘" + text + "’.");
      }
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "d" -> Duration.ofDays(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofMinutes(amount);
      };
    }

    private BuildArtifacts builds(Common common) throws IOException {
      if (builds == null) {
        return commit -> Either.right(io.vavr.control.Option.none());
      }
      Path file = common.resolve(builds);
      if (!Files.exists(file)) {
        throw new Common.BadInput("The builds file " + file + " does not exist; --builds names a file of ‘<commit> <digest>’ lines.");
      }
      if (Files.isDirectory(file)) {
        throw new Common.BadInput("The builds file " + file + " is a directory; --builds names a file of ‘<commit> <digest>’ lines.");
      }
      Map<CommitId, ImageDigest> digests = HashMap.empty();
      int number = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        number++;
        if (line.isBlank() || line.strip().startsWith("#")) {
          continue;
        }
        Matcher matcher = BUILD_LINE.matcher(line);
        if (!matcher.matches()) {
          throw new Common.BadInput(builds + " line " + number + ": write ‘<commit> <digest>’.");
        }
        int at = number;
        CommitId commit = io.vavr.control.Try.of(() -> CommitId.of(matcher.group(1)))
            .getOrElseThrow(e -> new Common.BadInput(builds + " line " + at + ": " + e.getMessage()));
        ImageDigest digest = ImageDigest.parse(matcher.group(2)).toEither()
            .getOrElseThrow(problem -> new Common.BadInput(builds + " line " + at + ": " + problem));
        digests = digests.put(commit, digest);
      }
      Map<CommitId, ImageDigest> built = digests;
      return commit -> Either.right(built.get(commit));
    }
  }
}
