package io.platinur.examples;

import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitStaging;
import io.platinur.testkit.GitCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A GitOps repository for the examples' tests: a bare repository whose {@code main} has one
 * directory per environment ({@code environments/<env>/<service>/values.yaml} pinning
 * {@code image.digest}), written with the {@code git} command.
 */
public final class GitOpsFixture {
  /** The GitOps branch. */
  public static final BranchName MAIN = BranchName.of("main");

  private GitOpsFixture() {}

  /** The Git adapter's configuration for the repository (its staging branch is not used by promote by digest). */
  public static GitLaneConfig config() {
    return GitLaneConfig.of(MAIN, BranchName.of("staging"));
  }

  /** Creates the repository at {@code bare} with {@code pins} on main. */
  public static void create(Path bare, Pins pins, Instant now) throws IOException {
    GitStaging.init(bare, config(), new CommitAuthor("Ops", "ops@platinur.invalid", now))
        .getOrElseThrow(failure -> new IOException(failure.message())).close();
    Path work = Files.createTempDirectory("platinur-gitops-");
    GitCli git = new GitCli(work.resolve(".git"));
    git.run("clone", "--quiet", "--branch", "main", bare.toString(), work.toString());
    PinLayout layout = PinLayout.standard();
    for (EnvironmentName env : pins.byEnvironment().keySet()) {
      for (ServiceName service : pins.byEnvironment().get(env).get().keySet()) {
        ImageDigest digest = pins.pin(env, service).get();
        Path file = work.resolve(layout.pinPath(env, service).value());
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# " + service + " in " + env + "\nimage:\n  repository: registry.example/" + service
            + "\n  digest: " + digest + "\n", StandardCharsets.UTF_8);
      }
    }
    new GitCli(work.resolve(".git")).run("--work-tree=" + work, "add", "environments");
    new GitCli(work.resolve(".git")).run("--work-tree=" + work, "-c", "user.name=Ops", "-c", "user.email=ops@platinur.invalid",
        "commit", "--quiet", "-m", "GitOps layout: one directory per environment");
    new GitCli(work.resolve(".git")).run("push", "--quiet", "origin", "main");
  }
}
