package io.platinur.cli;

import io.platinur.domain.Actor;
import io.platinur.domain.repository.CommitAuthor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** Options every lane command takes. */
final class Common {
  private static final Pattern AUTHOR = Pattern.compile("\\s*([^<>]+?)\\s*<([^<>\\s]+)>\\s*");

  @Option(names = {"-C", "--dir"}, paramLabel = "DIR",
      description = "Run as if started in DIR: the lane's working directory, where .platinur/ lives, and where relative paths start"
          + " (also before the command: platinur -C DIR status).")
  Path dir;

  @Option(names = "--wait", paramLabel = "SECONDS",
      description = "With GitHub or GitLab: the longest the command waits for the forge in all (default: $PLATINUR_WAIT, else "
          + Common.DEFAULT_WAIT_SECONDS + ").")
  Integer waitSeconds;

  static final int DEFAULT_WAIT_SECONDS = 10;

  /** Where the command runs: {@code -C} given before the command, if any; set before {@link #dir()} is read. */
  Path start = Path.of("");

  @Option(names = "--author", paramLabel = "'NAME <EMAIL>'",
      description = "Who makes the change (default: $PLATINUR_AUTHOR, else your user name).")
  String author;

  @Option(names = "--github", paramLabel = "OWNER/REPO",
      description = "Use GitHub for promotion PRs instead of the offline host (token from --token-env).")
  String github;

  @Option(names = "--gitlab", paramLabel = "GROUP/PROJECT",
      description = "Use GitLab for promotion merge requests instead of the offline host (token from --token-env).")
  String gitlab;

  @Option(names = "--gitlab-api", paramLabel = "URL",
      description = "GitLab's REST API v4 root (default: https://gitlab.com/api/v4; self-managed: https://HOST/api/v4).")
  String gitlabApi;

  @Option(names = "--token-kind", paramLabel = "KIND",
      description = "With GitLab: personal, project or group (access token; default: personal).")
  String tokenKind;

  @Option(names = "--token-env", paramLabel = "NAME",
      description = "The environment variable holding the token (default: GITHUB_TOKEN, with GitLab GITLAB_TOKEN).")
  String tokenEnv;

  @Option(names = "--github-api", paramLabel = "URL",
      description = "GitHub's REST API root (default: https://api.github.com; GitHub Enterprise: https://HOST/api/v3).")
  String githubApi;

  @Option(names = "--git-url", paramLabel = "URL",
      description = "Where the repository's Git data lives (default: derived from --github and --github-api). For release without --github:"
          + " the GitOps repository on a Git server (file://, http(s)://USER@HOST/…, ssh://; the password or token in $"
          + GitServer.PASSWORD_VARIABLE + ").")
  String gitUrl;

  /** The variable holding the token: {@code --token-env}, else {@code GITLAB_TOKEN} on GitLab and {@code GITHUB_TOKEN} otherwise. */
  String tokenEnv(boolean onGitLab) {
    return tokenEnv != null ? tokenEnv : onGitLab ? "GITLAB_TOKEN" : "GITHUB_TOKEN";
  }

  /** The variable holding the token, for a command that names its forge on the command line. */
  String tokenEnv() {
    return tokenEnv(gitlab != null);
  }

  /** The directory the command runs in: {@code -C} before the command, then {@code -C} after it, each relative to the last. */
  Path dir() {
    return dir == null ? start : start.resolve(dir);
  }

  /** A path the user typed, as if the command had been started in {@link #dir()}. */
  Path resolve(Path typed) {
    return dir().resolve(typed);
  }

  /** How long the command may wait for GitHub in all. */
  java.time.Duration waitForGitHub() {
    if (waitSeconds != null) {
      if (waitSeconds < 1 || waitSeconds > 600) {
        throw new BadInput("--wait must be 1 to 600 seconds, got " + waitSeconds + ".");
      }
      return java.time.Duration.ofSeconds(waitSeconds);
    }
    String given = env.apply("PLATINUR_WAIT");
    if (given == null || given.isBlank()) {
      return java.time.Duration.ofSeconds(DEFAULT_WAIT_SECONDS);
    }
    try {
      int seconds = Integer.parseInt(given.strip());
      if (seconds >= 1 && seconds <= 600) {
        return java.time.Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new BadInput("PLATINUR_WAIT must be a whole number of seconds from 1 to 600, got ‘" + given + "’.");
  }

  /** The process environment; tests give their own. */
  java.util.function.Function<String, String> env = System::getenv;

  /** The author of commits made now; an unparsable --author is bad input. */
  CommitAuthor author(Instant now) {
    String given = author != null ? author : env.apply("PLATINUR_AUTHOR");
    if (given == null || given.isBlank()) {
      String user = System.getProperty("user.name", "platinur").replaceAll("[^A-Za-z0-9._-]", "");
      user = user.isEmpty() ? "platinur" : user;
      return new CommitAuthor(user, user + "@localhost", now);
    }
    Matcher matcher = AUTHOR.matcher(given);
    if (!matcher.matches()) {
      throw new BadInput("The author must look like ‘Name <email>’, got ‘" + given + "’.");
    }
    return new CommitAuthor(matcher.group(1), matcher.group(2), now);
  }

  /** The actor recorded in the lane's history: the author's name. */
  Actor actor() {
    return author(Instant.EPOCH).actor();
  }

  /** Input the user must fix: reported as one line, exit code 1, nothing changed. */
  static final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInput(String message) {
      super(message);
    }
  }
}
