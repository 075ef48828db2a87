package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.repository.CommitId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A people's clone of a lane's bare repository ({@link Fixtures#init}) for GitOps tests: commits
 * values files and other files on any branch with the git command line and pushes them.
 */
final class GitOpsWork {
  final Path bare;
  final Path work;
  final GitCli git;

  private GitOpsWork(Path bare, Path work) {
    this.bare = bare;
    this.work = work;
    this.git = new GitCli(bare);
  }

  /** A lane repository in {@code dir} whose main holds a values file per pin, written as {@link #valuesFile} writes it. */
  static GitOpsWork seed(Path dir, Pins pins) {
    Fixtures.init(dir).close();
    GitOpsWork repo = new GitOpsWork(dir.resolve("lane.git"), dir.resolve("work"));
    run(dir, "git", "clone", "-q", repo.bare.toString(), repo.work.toString());
    Map<String, String> files = new LinkedHashMap<>();
    pins.byEnvironment().forEach((env, services) -> services.forEach((service, digest) ->
        files.put(PinLayout.standard().pinPath(env, service).value(), valuesFile(env, service, digest))));
    repo.commit("main", files, "GitOps layout");
    return repo;
  }

  /**
   * A copy of {@code template} in {@code dir}: its bare repository and its clone, the clone's origin
   * set to the copy (much cheaper than seeding again).
   */
  static GitOpsWork copyOf(GitOpsWork template, Path dir) {
    GitOpsWork repo = new GitOpsWork(dir.resolve("lane.git"), dir.resolve("work"));
    try {
      copyTree(template.bare, repo.bare);
      copyTree(template.work, repo.work);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    repo.git("remote", "set-url", "origin", repo.bare.toString());
    return repo;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (java.util.stream.Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  /**
   * A values file with comments, an anchor and an alias, quoted and flow styles around the pin
   * (the pin itself double-quoted), so a rewrite that touches any other byte shows.
   */
  static String valuesFile(EnvironmentName env, ServiceName service, ImageDigest digest) {
    return "# " + service + " in " + env + " — kept by Ops\n"
        + "replicas: 2   # scale\n"
        + "defaults: &limits {cpu: 100m, memory: \"128Mi\"}\n"
        + "image:\n"
        + "  repository: 'registry.example/" + service + "'\n"
        + "  digest: \"" + digest + "\"  # pinned by Platinur\n"
        + "  pullPolicy: IfNotPresent\n"
        + "resources: *limits\n"
        + "args: [--port, \"8080\"]\n";
  }

  /** Commits {@code files} (path → text) on {@code branch}'s tip and pushes it; returns the new commit. */
  CommitId commit(String branch, Map<String, String> files, String message) {
    git("fetch", "-q", "origin");
    git("checkout", "-q", "-B", "work", "origin/" + branch);
    try {
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path path = work.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    git("add", "-A");
    git("commit", "-q", "--allow-empty", "-m", message);
    git("push", "-q", "origin", "HEAD:refs/heads/" + branch);
    return CommitId.of(git("rev-parse", "HEAD").strip());
  }

  /** The text of {@code path} on {@code branch}'s tip. */
  String read(String branch, String path) {
    git("fetch", "-q", "origin");
    return git("show", "origin/" + branch + ":" + path);
  }

  private String git(String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", work.toString(), "-c", "core.autocrlf=false"));
    command.addAll(List.of(args));
    GitCli.Result result = GitCli.exec(command, null);
    assertThat(result.exit()).as("git %s: %s", String.join(" ", args), result.err()).isZero();
    return result.out();
  }

  private static void run(Path dir, String... command) {
    GitCli.Result result = GitCli.exec(List.of(command), dir);
    assertThat(result.exit()).as("%s: %s", String.join(" ", command), result.err()).isZero();
  }
}
