package io.platinur.cli.demo;

import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitStaging;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Creates a GitOps repository to try promote by digest on: a bare repository whose {@code main}
 * branch has one directory per environment ({@code environments/<env>/<service>/values.yaml},
 * pinning each service's digest at {@code image.digest}, with comments and other values around it)
 * and a chart file every environment shares.
 */
public final class DemoGitOpsRepository {
  /** The GitOps branch. */
  public static final BranchName MAIN = BranchName.of("main");
  /** A staging branch the Git adapter's lane configuration names; promote by digest does not use it. */
  public static final BranchName UNUSED_STAGING = BranchName.of("staging");

  private DemoGitOpsRepository() {}

  /** The lane configuration to open the repository with. */
  public static GitLaneConfig config() {
    return GitLaneConfig.of(MAIN, UNUSED_STAGING);
  }

  /** Creates the repository at {@code bare} (a new or empty directory) with {@code pins} on main. */
  public static void create(Path bare, Pins pins, Instant now) throws IOException {
    GitStaging.init(bare, config(), new CommitAuthor("Platinur demo", "demo@platinur.invalid", now))
        .getOrElseThrow(failure -> new IOException(failure.message()))
        .close();
    Path work = Files.createTempDirectory("platinur-gitops-");
    try (Git git = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(work.toFile()).setBranch("main").call()) {
      PinLayout layout = PinLayout.standard();
      for (EnvironmentName env : pins.byEnvironment().keySet()) {
        for (ServiceName service : pins.byEnvironment().get(env).get().keySet()) {
          ImageDigest digest = pins.pin(env, service).get();
          write(work, layout.pinPath(env, service).value(),
              "# " + service + " in " + env + ": only values differ between environments\n"
                  + "replicas: " + (env.value().equals("prod") ? 3 : 1) + "   # scale\n"
                  + "image:\n"
                  + "  repository: registry.example/" + service + "\n"
                  + "  digest: " + digest + "   # moved by promotion PRs only\n"
                  + "ingress: {host: " + service + "." + env + ".example}\n");
        }
        write(work, "environments/" + env + "/chart.yaml", "apiVersion: v2\nname: platform\nversion: 1.0.0\n");
      }
      git.add().addFilepattern("environments").call();
      PersonIdent ops = new PersonIdent("Ops", "ops@platinur.invalid", now, java.time.ZoneOffset.UTC);
      git.commit().setMessage("GitOps layout: one directory per environment\n").setAuthor(ops).setCommitter(ops).call();
      git.push().setRemote("origin").add("main").call();
    } catch (GitAPIException e) {
      throw new IOException("Could not write the GitOps layout: " + e.getMessage(), e);
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  /**
   * A new build of {@code service} lands in the first environment: its pin in {@code environment}
   * becomes {@code digest}, in one commit on main that changes only the pin scalar.
   */
  public static void build(Path bare, EnvironmentName environment, ServiceName service, ImageDigest digest, Instant now) throws IOException {
    Path work = Files.createTempDirectory("platinur-gitops-");
    try (Git git = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(work.toFile()).setBranch("main").call()) {
      PinLayout layout = PinLayout.standard();
      Path file = work.resolve(layout.pinPath(environment, service).value());
      byte[] edited = io.platinur.git.YamlScalarEditor.write(layout.pinPath(environment, service), Files.readAllBytes(file), layout.key(),
          digest.value()).getOrElseThrow(problem -> new IOException(problem.message()));
      Files.write(file, edited);
      git.add().addFilepattern(layout.pinPath(environment, service).value()).call();
      PersonIdent ci = new PersonIdent("CI", "ci@platinur.invalid", now, java.time.ZoneOffset.UTC);
      git.commit().setMessage("Build " + service + " " + digest.abbreviated() + "\n").setAuthor(ci).setCommitter(ci).call();
      git.push().setRemote("origin").add("main").call();
    } catch (GitAPIException e) {
      throw new IOException("Could not pin the new build: " + e.getMessage(), e);
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static void write(Path root, String path, String content) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
