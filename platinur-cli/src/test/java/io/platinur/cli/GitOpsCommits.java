package io.platinur.cli;

import io.platinur.testkit.GitCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** Commits files into a bare GitOps repository with the {@code git} command line, as a person would. */
final class GitOpsCommits {
  private final Path bare;
  private final GitCli git;

  GitOpsCommits(Path bare) {
    this.bare = bare;
    this.git = new GitCli(bare);
  }

  /**
   * A commit on {@code parent} (a commit or branch) that writes {@code files} (path → content),
   * moving {@code branch} to it; returns the new commit.
   */
  String commit(String branch, String parent, Map<String, String> files, String message) {
    Path work = bare.resolveSibling(bare.getFileName() + "-work");
    try {
      delete(work);
      Files.createDirectories(work);
      git.run("--work-tree=" + work, "checkout", parent, "--", ".");
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path path = work.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
      }
      git.run("--work-tree=" + work, "add", "-A");
      String tree = git.run("write-tree").strip();
      String commit = git.run("-c", "user.name=Ops", "-c", "user.email=ops@example.com", "commit-tree", tree, "-p", parent, "-m", message).strip();
      git.run("update-ref", "refs/heads/" + branch, commit);
      delete(work);
      return commit;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A commit on main that writes {@code files}. */
  String onMain(Map<String, String> files, String message) {
    return commit("main", "main", files, message);
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
