package io.platinur.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Mixin;

/**
 * A command on a lane: the common options, and with GitHub a bound on the command's total wait, so
 * a hung API costs seconds, not minutes, and the user learns what it waited for.
 */
abstract class LaneCommand extends Subcommand {
  @Mixin
  Common common;

  @Override
  public final Integer call() {
    common.start = start();
    Out out = new Out(spec.qualifiedName(" ").replaceFirst("^\\S+ ", ""), spec.commandLine().getOut(), spec.commandLine().getErr(), json);
    Duration wait;
    try {
      if (!boundedWait() || !onGitHub()) {
        return answered(out);
      }
      wait = common.waitForGitHub();
    } catch (Common.BadInput e) {
      return out.error("BAD_INPUT", e.getMessage());
    }
    ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "platinur-command");
      thread.setDaemon(true);
      return thread;
    });
    try {
      Future<Integer> answer = worker.submit(() -> answered(out));
      try {
        return answer.get(wait.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // The work goes on in a daemon thread that dies with the process; it may print nothing more.
        String waitingFor = out.stopAnswering();
        return out.errorNow("UNAVAILABLE", (forgeName().isEmpty() ? "GitHub" : forgeName()) + " did not answer within " + wait.toSeconds() + " s" + (waitingFor.isEmpty() ? "" : ", while "
            + Character.toLowerCase(waitingFor.charAt(0)) + waitingFor.substring(1)) + "; stopped waiting. " + afterStoppedWaiting()
            + ", or allow longer with --wait SECONDS.");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return out.errorNow("UNAVAILABLE", "Interrupted while waiting for GitHub.");
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException unexpected) {
          throw unexpected;
        }
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException(e.getCause());
      }
    } finally {
      worker.shutdown();
    }
  }

  /** What the user runs to learn where things stand once the command stopped waiting for GitHub. */
  String afterStoppedWaiting() {
    return "Run ‘platinur sync’ to see where the lane is";
  }

  /** Whether the command's whole run is bounded by {@code --wait} when it talks to GitHub. */
  boolean boundedWait() {
    return true;
  }

  /** The forge this command talks to, if any: the lane was set up with it, or {@code --github}/{@code --gitlab} says so. */
  String forgeName() {
    if (common.gitlab != null) {
      return "GitLab";
    }
    if (common.github != null) {
      return "GitHub";
    }
    return new LaneHome(common.dir()).config()
        .map(config -> config.gitlab().isDefined() ? "GitLab" : config.github().isDefined() ? "GitHub" : "")
        .getOrElse("");
  }

  private boolean onGitHub() {
    return !forgeName().isEmpty();
  }

  /**
   * Options for a forge only, given without {@code --github} or {@code --gitlab}: refused, since
   * they would change nothing.
   */
  void refuseForgeOptions() {
    if (given("--github-api")) {
      throw new Common.BadInput("--github-api has no effect without --github: it is GitHub's API root.");
    }
    if (given("--token-env")) {
      throw new Common.BadInput("--token-env has no effect without --github: it names the variable holding the GitHub token. "
          + "A Git server's password or token is read from " + GitServer.PASSWORD_VARIABLE + ".");
    }
    if (given("--wait")) {
      throw new Common.BadInput("--wait has no effect without --github: it bounds the wait for GitHub.");
    }
    if (given("--gitlab-api")) {
      throw new Common.BadInput("--gitlab-api has no effect without --gitlab: it is GitLab's API root.");
    }
    if (given("--token-kind")) {
      throw new Common.BadInput("--token-kind has no effect without --gitlab: it says which kind of GitLab access token --token-env holds.");
    }
  }

  /** Whether {@code option} was given on the command line (not merely defaulted). */
  boolean given(String option) {
    picocli.CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    return parsed != null && parsed.hasMatchedOption(option);
  }

  /** Runs {@code body} on the opened lane, or reports why the lane could not be opened. */
  int withLane(Out out, LaneBody body) throws IOException {
    // Opening a GitHub lane fetches from GitHub first, which can take a moment.
    var opened = out.during(onGitHub() ? "Fetching the lane from " + forgeName() : "Opening the lane", () -> LaneContext.open(common, clock));
    if (opened.isLeft()) {
      return out.error("NO_LANE", opened.getLeft());
    }
    try (LaneContext lane = opened.get()) {
      out.speak(lane.words());
      return body.run(lane);
    }
  }

  @FunctionalInterface
  interface LaneBody {
    int run(LaneContext lane) throws IOException;
  }
}
