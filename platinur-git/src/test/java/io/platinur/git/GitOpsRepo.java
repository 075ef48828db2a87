package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A bare GitOps repository made with the git command line: environments on branch main, and files added by hand. */
final class GitOpsRepo {
  final Path bare;
  final Path work;
  final GitCli git;

  private GitOpsRepo(Path bare, Path work) {
    this.bare = bare;
    this.work = work;
    this.git = new GitCli(bare);
  }

  /** main holds environments/prod/app/values.yaml and previews/README.md. */
  static GitOpsRepo create(Path dir) {
    Path work = dir.resolve("gitops-work");
    Path bare = dir.resolve("gitops.git");
    run(dir, "git", "init", "-q", "-b", "main", work.toString());
    GitOpsRepo repo = new GitOpsRepo(bare, work);
    repo.commitFile("environments/prod/app/values.yaml", "image:\n  digest: \"sha256:" + "a".repeat(64) + "\"\n", "Prod environment");
    repo.commitFile("previews/README.md", "One directory per pull request, kept by Platinur.\n", "Previews root");
    run(dir, "git", "clone", "-q", "--bare", work.toString(), bare.toString());
    run(work, "git", "remote", "add", "bare", bare.toString());
    return repo;
  }

  /** Somebody commits a file on main through the bare repository (fetch, commit, push). */
  void pushFile(String path, String content, String message) {
    run(work, "git", "pull", "-q", "--ff-only", "bare", "main");
    commitFile(path, content, message);
    run(work, "git", "push", "-q", "bare", "main");
  }

  private void commitFile(String path, String content, String message) {
    try {
      Path file = work.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    run(work, "git", "add", path);
    run(work, "git", "commit", "-q", "-m", message);
  }

  String show(String revAndPath) {
    return git.run("show", revAndPath);
  }

  private static void run(Path dir, String... command) {
    GitCli.Result result = GitCli.exec(List.of(command), dir);
    assertThat(result.exit()).as("%s: %s", String.join(" ", command), result.err()).isZero();
  }
}
