package io.platinur.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The {@code git} command line, to check what Platinur wrote with Git's own eyes. */
public final class GitCli {
  private final Path gitDir;

  public GitCli(Path gitDir) {
    this.gitDir = gitDir;
  }

  /** Runs git in the repository and returns its standard output; fails the test on a non-zero exit. */
  public String run(String... args) {
    List<String> command = new ArrayList<>(List.of("git", "--git-dir=" + gitDir, "-c", "core.quotepath=off"));
    command.addAll(List.of(args));
    Result result = exec(command);
    assertThat(result.exit()).as("git %s failed: %s", String.join(" ", args), result.err()).isZero();
    return result.out();
  }

  /** {@code git fsck --strict} finds nothing wrong. */
  public void assertFsckClean() {
    Result result = exec(List.of("git", "--git-dir=" + gitDir, "fsck", "--strict", "--no-progress"));
    assertThat(result.exit()).as("git fsck --strict: %s %s", result.out(), result.err()).isZero();
    assertThat(result.err() + result.out()).doesNotContain("error").doesNotContain("warning").doesNotContain("missing");
  }

  public String revParse(String rev) {
    return run("rev-parse", "--verify", "--quiet", rev).strip();
  }

  /** Subjects from {@code git log --reverse range}, oldest first. */
  public List<String> subjects(String range) {
    return run("log", "--format=%s", "--reverse", range).lines().toList();
  }

  /** {@code git diff --name-only a b}, sorted. */
  public List<String> changedFiles(String from, String to) {
    return run("diff", "--name-only", "--no-renames", from, to).lines().sorted().toList();
  }

  static Result exec(List<String> command) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
      builder.environment().put("GIT_TERMINAL_PROMPT", "0"); // a refused credential fails, never waits at a prompt
      Process process = builder.start();
      process.getOutputStream().close();
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("git timed out: " + command);
      }
      return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("could not run git", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static byte[] readAll(java.io.InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  record Result(int exit, String out, String err) {}
}
