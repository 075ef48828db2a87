package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@code git} command line, to check what the library wrote with Git's own eyes. */
final class GitCli {
  private final Path gitDir;

  GitCli(Path gitDir) {
    this.gitDir = gitDir;
  }

  /** Runs git in the repository and returns its standard output; fails the test on a non-zero exit. */
  String run(String... args) {
    Result result = tryRun(args);
    assertThat(result.exit()).as("git %s failed: %s", String.join(" ", args), result.err()).isZero();
    return result.out();
  }

  Result tryRun(String... args) {
    return exec(command(args), null);
  }

  /** Runs git inside a working tree (for commands that need one, such as status). */
  String runIn(Path workTree, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-c", "core.quotepath=off"));
    command.addAll(List.of(args));
    Result result = exec(command, workTree);
    assertThat(result.exit()).as("git %s failed: %s", String.join(" ", args), result.err()).isZero();
    return result.out();
  }

  /** Runs git with {@code input} on its standard input. */
  String runWithInput(String input, String... args) {
    Result result = exec(command(args), null, input);
    assertThat(result.exit()).as("git %s failed: %s", String.join(" ", args), result.err()).isZero();
    return result.out();
  }

  private List<String> command(String... args) {
    List<String> command = new ArrayList<>(List.of("git", "--git-dir=" + gitDir, "-c", "core.quotepath=off"));
    command.addAll(List.of(args));
    return command;
  }

  static Result exec(List<String> command, Path directory) {
    return exec(command, directory, "");
  }

  static Result exec(List<String> command, Path directory, String input) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      if (directory != null) {
        builder.directory(directory.toFile());
      }
      builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
      builder.environment().put("GIT_AUTHOR_NAME", "Test");
      builder.environment().put("GIT_AUTHOR_EMAIL", "test@example.com");
      builder.environment().put("GIT_COMMITTER_NAME", "Test");
      builder.environment().put("GIT_COMMITTER_EMAIL", "test@example.com");
      Process process = builder.start();
      process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().close();
      var out = process.getInputStream().readAllBytes();
      var err = process.getErrorStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("git timed out: " + command);
      }
      return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("could not run git", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** {@code git fsck --strict} finds nothing wrong. */
  void assertFsckClean() {
    Result result = tryRun("fsck", "--strict", "--no-progress");
    assertThat(result.exit()).as("git fsck --strict: %s %s", result.out(), result.err()).isZero();
    assertThat(result.err() + result.out()).doesNotContain("error").doesNotContain("warning").doesNotContain("missing");
  }

  String revParse(String rev) {
    return run("rev-parse", "--verify", "--quiet", rev).strip();
  }

  /** {@code git diff --name-only a b}, sorted. */
  List<String> changedFiles(String from, String to) {
    return run("diff", "--name-only", "--no-renames", from, to).lines().sorted().toList();
  }

  /** Commit ids from {@code git log --reverse range}, oldest first. */
  List<String> log(String range) {
    return run("log", "--format=%H", "--reverse", range).lines().toList();
  }

  record Result(int exit, String out, String err) {}
}
