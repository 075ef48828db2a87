package io.platinur.cli;

import io.platinur.testkit.GitCli;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's {@code ./platinur demo}: the packaged jar walks the seed scenario on fresh repositories. */
class DemoIT {
  @TempDir
  Path dir;

  @Test
  void walks_the_seed_scenario_and_prints_every_exact_message() {
    Path work = dir.resolve("demo");
    Jar.Result result = Jar.packaged().run(dir, "demo", "--work-dir", work.toString());

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out()).contains(
        " 1. Apply ‘Add orders model’ to Staging\n  ✓ staged as commit ",
        " 2. Apply ‘Add customers model’ (different files: same batch)\n  ✓ staged as commit ",
        " 3. Apply ‘Rework orders’ (it also changes models/orders.sql)\n"
            + "  ✗ rejected: Proposal ‘Add orders model’ is already staged and also changes models/orders.sql. Promote or discard the staged batch before staging this proposal.\n"
            + "    card ‘Rework orders’: Overlaps a staged proposal\n",
        "  ✓ promotion PR #1 opened; Staging is locked\n",
        " 5. Apply ‘Rework orders’ while PR #1 is open\n"
            + "  ✗ rejected: A promotion PR is open. Merge or close it in GitHub before applying more staging changes.\n"
            + "    card ‘Rework orders’: Waiting for open PR\n",
        " 6. A reviewer merges PR #1 on the host\n  ✓ merged as ",
        // The step a reader of the seeds alone would not follow says why the lane has not seen the merge yet.
        " 7. Sync Promotions before the merge has reached the lane's own main\n"
            + "    (the lane works in its own repository, a copy of the host's: the host's main has the merge, the lane's main gets it"
            + " only when it next fetches main)\n",
        " 9. The lane fetches the host's main, merge included; Sync Promotions\n",
        "    note: Production branch main does not contain merge commit ",
        " 8. Apply ‘Rework orders’ while the merged promotion awaits sync\n"
            + "  ✗ rejected: A merged promotion is being finalized from GitHub main. Sync Promotions before applying another staging change.\n"
            + "    card ‘Rework orders’: Waiting for main sync\n",
        "  ✓ deployed: ‘Add orders model’, ‘Add customers model’\n",
        "; batch empty; Staging unlocked\n",
        "10. Second batch: apply ‘Rework orders’ to Staging\n  ✓ staged as commit ",
        "  p-1  Add orders model — Deployed\n  p-2  Add customers model — Deployed\n  p-3  Rework orders — Staged\n",
        // the second act: an approval with no forge, never the author's own
        " 6. Ana approves her own PR #2\n  ✗ refused: ana opened PR #2 and cannot approve it: an approval counts only from someone "
            + "other than the pull request's author.\n",
        " 7. Lisa approves the PR's head; complete: the gate passes, the PR merges, the canary starts\n  ✓ lisa approved head ");

    // What the demo printed is what Git holds.
    GitCli lane = new GitCli(work.resolve("lane.git"));
    GitCli host = new GitCli(work.resolve("host.git"));
    assertThat(lane.subjects("main..staging")).containsExactly("Rework orders");
    assertThat(lane.revParse("main")).isEqualTo(host.revParse("main"));
    assertThat(lane.run("log", "-1", "--format=%s", "main")).isEqualTo("Merge pull request #1 from staging\n");
    assertThat(lane.subjects("main~1..main^2")).containsExactly("Add orders model", "Add customers model");
    String merge = lane.revParse("main").substring(0, 7);
    assertThat(result.out()).contains("  ✓ merged as " + merge + ";", "staging branch reset to main (" + merge + ")");
    lane.assertFsckClean();
    host.assertFsckClean();
  }
}
