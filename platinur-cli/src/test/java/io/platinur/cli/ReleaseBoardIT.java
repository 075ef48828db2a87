package io.platinur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.cli.demo.DemoGitOpsRepository;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.ServiceName;
import io.platinur.testkit.GitCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code platinur release board} through the packaged jar names the files that drift between environment directories. */
class ReleaseBoardIT {
  static final EnvironmentName DEV = EnvironmentName.of("dev");
  static final EnvironmentName STAGING = EnvironmentName.of("staging");
  static final EnvironmentName PROD = EnvironmentName.of("prod");
  static final ServiceName API = ServiceName.of("api");
  static final ImageDigest DIGEST = ImageDigest.of("sha256:" + "a1".repeat(32));

  final Jar jar = Jar.packaged();

  @TempDir
  Path dir;

  @Test
  void the_board_names_every_drifting_file_and_nothing_when_only_overlays_differ() throws Exception {
    Path repo = dir.resolve("gitops.git");
    DemoGitOpsRepository.create(repo, Pins.none().with(DEV, API, DIGEST).with(STAGING, API, DIGEST).with(PROD, API, DIGEST), Instant.now());
    Jar.Result clean = jar.run(dir, "release", "board", "--repository", repo.toString());
    assertThat(clean.exit()).as("%s", clean).isZero();
    assertThat(clean.out()).doesNotContain("drift");

    GitCli git = new GitCli(repo);
    Path work = Files.createDirectories(dir.resolve("work"));
    git.run("--work-tree=" + work, "checkout", "main", "--", ".");
    Files.writeString(work.resolve("environments/prod/chart.yaml"), "apiVersion: v2\nname: platform\nversion: 1.0.1\n", StandardCharsets.UTF_8);
    Files.createDirectories(work.resolve("environments/staging/api"));
    Files.writeString(work.resolve("environments/staging/api/hotfix.yaml"), "patch: true\n", StandardCharsets.UTF_8);
    git.run("--work-tree=" + work, "add", "-A");
    git.run("--work-tree=" + work, "-c", "user.name=Ops", "-c", "user.email=ops@example.com", "commit", "-q", "-m", "drift");

    Jar.Result drifting = jar.run(dir, "release", "board", "--repository", repo.toString());
    assertThat(drifting.exit()).as("%s", drifting).isZero();
    assertThat(drifting.out()).endsWith(""
        + "  drift: api/hotfix.yaml differs between environments (missing in dev, prod); environments may differ only in their values overlays.\n"
        + "  drift: chart.yaml differs between environments; environments may differ only in their values overlays.\n");
  }
}
