package io.platinur.cli;

import io.platinur.domain.repository.CommitAuthor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** Options every lane command takes. */
final class Common {
  private static final Pattern AUTHOR = Pattern.compile("\\s*([^<>]+?)\\s*<([^<>\\s]+)>\\s*");

  @Option(names = {"-C", "--dir"}, paramLabel = "DIR", defaultValue = ".",
      description = "The lane's working directory, where .platinur/ lives (default: the current directory).")
  Path dir;

  @Option(names = "--json", description = "Print one JSON object on standard output instead of text.")
  boolean json;

  @Option(names = "--author", paramLabel = "'NAME <EMAIL>'",
      description = "Who makes the change (default: $PLATINUR_AUTHOR, else your user name).")
  String author;

  @Option(names = "--github", paramLabel = "OWNER/REPO",
      description = "Use GitHub for promotion PRs instead of the offline host (token from --token-env).")
  String github;

  @Option(names = "--token-env", paramLabel = "NAME", defaultValue = "GITHUB_TOKEN",
      description = "The environment variable holding the GitHub token (default: ${DEFAULT-VALUE}).")
  String tokenEnv;

  @Option(names = "--github-api", paramLabel = "URL",
      description = "GitHub's REST API root (default: https://api.github.com; GitHub Enterprise: https://HOST/api/v3).")
  String githubApi;

  @Option(names = "--git-url", paramLabel = "URL",
      description = "Where the repository's Git data lives (default: derived from --github and --github-api).")
  String gitUrl;

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

  /** The actor recorded in the lane's history. */
  String actor() {
    return author(Instant.EPOCH).name();
  }

  /** Input the user must fix: reported as one line, exit code 1, nothing changed. */
  static final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInput(String message) {
      super(message);
    }
  }
}
