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
  void climbs_to_prod_with_an_approval_refuses_a_tag_a_skip_and_the_authors_approval_and_rolls_back_a_failed_canary() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    new DigestPromotionDemo(dir, new PrintStream(captured, true, StandardCharsets.UTF_8), Clock.systemUTC()).run();
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(out).contains(
        " 1. Promote a tag: api:latest\n  ✗ rejected: ‘api:latest’ is not an image digest. Promotion needs a digest (sha256: followed by 64 "
            + "lowercase hexadecimal digits), never a tag: build once, then promote that digest.\n",
        " 2. Promote api from dev straight to prod\n  ✗ rejected: No skipping: prod is entered only from staging, not from dev. "
            + "Promote api to staging first.\n",
        " 5. Promote api to prod: the step needs one approval of the PR's head, and complete waits for it\n"
            + "  ✗ rejected: PR #2 promoting api to prod cannot merge yet: Needs 1 approval of head ",
        " 6. Ana approves her own PR #2\n  ✗ refused: ana opened PR #2 and cannot approve it: an approval counts only from someone "
            + "other than the pull request's author.\n",
        " 7. Lisa approves the PR's head; complete: the gate passes, the PR merges, the canary starts\n  ✓ lisa approved head ",
        "  ✓ api runs sha256:a1b2c3d4a1b2 in dev, staging and prod",
        "(approved by lisa)\n",
        "  ✓ rolling back (the canary failed): PR #5 open from platinur/rollback/api/prod\n",
        "  ✓ rolled back: prod pins sha256:a1b2c3d4a1b2 again; staging keeps sha256:d6e7f809d6e7\n",
        "11. Promote api to prod once more, then close the PR unmerged\n"
            + "  ✓ PR #6 closed unmerged, and sync recorded it; prod still pins sha256:a1b2c3d4a1b2\n");

    GitCli git = new GitCli(dir.resolve("gitops.git"));
    // the approval the demo printed is in PR #2's record, of the head that merged, and by someone other than its author
    String record = git.run("cat-file", "blob", "refs/platinur/pulls-closed:02/2");
    String merge = record.lines().filter(line -> line.startsWith("merge\t")).findFirst().orElseThrow().substring("merge\t".length());
    String approvedHead = git.revParse(merge + "^2");
    assertThat(record).contains("state\tmerged\n", "author\tana\n", "review\tAPPROVED\t" + approvedHead + "\t").endsWith("\tlisa\n");
    assertThat(out).contains("  ✓ lisa approved head " + approvedHead.substring(0, 7) + "\n");
    assertThat(git.run("cat-file", "blob", "refs/platinur/pulls-closed:06/6")).contains("state\tclosed\n");
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
