package io.platinur.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.testkit.GitCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestPromotionDemoTest {
  @TempDir
  Path dir;

  @Test
  void climbs_to_prod_refuses_a_tag_and_a_skip_and_rolls_back_a_failed_canary() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    new DigestPromotionDemo(dir, new PrintStream(captured, true, StandardCharsets.UTF_8), Clock.systemUTC()).run();
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(out).contains(
        " 1. Promote a tag: api:latest\n  ✗ rejected: ‘api:latest’ is not an image digest. Promotion needs a digest (sha256: followed by 64 "
            + "lowercase hexadecimal digits), never a tag: build once, then promote that digest.\n",
        " 2. Promote api from dev straight to prod\n  ✗ rejected: No skipping: prod is entered only from staging, not from dev. "
            + "Promote api to staging first.\n",
        "  ✓ api runs sha256:a1b2c3d4a1b2 in dev, staging and prod",
        "  ✓ rolling back (the canary failed): PR #5 open from platinur/rollback/api/prod\n",
        "  ✓ rolled back: prod pins sha256:a1b2c3d4a1b2 again; staging keeps sha256:d6e7f809d6e7\n");

    GitCli git = new GitCli(dir.resolve("gitops.git"));
    for (String branch : new String[] {"platinur/promote/api/staging", "platinur/promote/api/prod", "platinur/rollback/api/prod"}) {
      assertThat(git.run("diff", "--numstat", branch + "^1", branch).lines().toList()).as(branch).hasSize(1)
          .allMatch(line -> line.startsWith("1\t1\tenvironments/"));
    }
    assertThat(git.run("show", "main:environments/prod/api/values.yaml"))
        .isEqualTo("# api in prod: only values differ between environments\nreplicas: 3   # scale\nimage:\n"
            + "  repository: registry.example/api\n  digest: sha256:" + "a1b2c3d4".repeat(8) + "   # moved by promotion PRs only\n"
            + "ingress: {host: api.prod.example}\n");
    git.assertFsckClean();
  }
}
