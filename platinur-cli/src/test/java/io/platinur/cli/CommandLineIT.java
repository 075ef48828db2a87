package io.platinur.cli;

import io.platinur.testkit.GitCli;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code platinur} command run as a separate process, as a user runs it: the seed
 * scenario, every rejection (exit 2, the exact message alone on standard error), bad input (exit 1,
 * one line, nothing changed), cross-checked with the {@code git} command line.
 */
class CommandLineIT {
  static final String OVERLAP =
      "Proposal ‘Add orders model’ is already staged and also changes models/orders.sql. Promote or discard the staged batch before staging this proposal.\n";
  static final String PR_OPEN = "A promotion PR is open. Merge or close it in GitHub before applying more staging changes.\n";

  final Jar jar = Jar.packaged();

  @TempDir
  Path dir;

  Jar.Result ok(String... args) {
    Jar.Result result = jar.run(dir, args);
    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.err()).as(result.toString()).isEmpty();
    return result;
  }

  /** Rejected by a rule: exit 2, the message alone on standard error, nothing on standard output. */
  String rejected(String... args) {
    Jar.Result result = jar.run(dir, args);
    assertThat(result.exit()).as(result.toString()).isEqualTo(2);
    assertThat(result.out()).as(result.toString()).isEmpty();
    return result.err();
  }

  /** Bad input or an error: exit 1, one line on standard error. */
  String error(String... args) {
    Jar.Result result = jar.run(dir, args);
    assertThat(result.exit()).as(result.toString()).isEqualTo(1);
    assertThat(result.err().lines()).as(result.toString()).hasSize(1);
    return result.err();
  }

  void write(String path, String text) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  @Nested
  class A_new_lane {
    GitCli git;

    @BeforeEach
    void init() throws IOException {
      Jar.Result init = ok("init", "--repository", "lane.git");
      assertThat(init.out()).isEqualTo("Created bare repository " + dir.toRealPath().resolve("lane.git")
          + " with branches main and staging.\nLane staging → main recorded in " + dir.toRealPath().resolve(".platinur/config.properties") + ".\n");
      git = new GitCli(dir.resolve("lane.git"));
      write("in/orders/models/orders.sql", "select id from raw.orders\n");
      write("in/customers/models/customers.sql", "select id from raw.customers\n");
      write("in/rework/models/orders.sql", "select id, amount from raw.orders\n");
      write("in/rework/models/schema.yml", "version: 2\n");
      write("readme.diff", "diff --git a/README.md b/README.md\n--- a/README.md\n+++ b/README.md\n@@ -1,3 +1,3 @@\n # Production\n \n"
          + "-Changes arrive here through promotion PRs from the staging branch.\n"
          + "+Changes arrive here through promotion PRs from the staging branch, then Sync Promotions.\n");
      ok("propose", "--title", "Add orders model", "--from", "in/orders");
      ok("propose", "--title", "Add customers model", "--from", "in/customers");
      ok("propose", "--title", "Rework orders", "--from", "in/rework");
      Jar.Result fromDiff = ok("propose", "--title", "Explain sync", "--diff", "readme.diff", "--json");
      assertThat(fromDiff.out()).startsWith("{\"ok\":true,\"command\":\"propose\",\"id\":\"p-4\",\"title\":\"Explain sync\",\"files\":[\"README.md\"],");
    }

    @Test
    void walks_the_seed_scenario_with_exit_codes_and_exact_messages() throws IOException {
      String start = git.revParse("main");
      assertThat(git.revParse("staging")).isEqualTo(start);

      Jar.Result first = ok("apply", "p-1");
      String p1 = git.revParse("staging");
      assertThat(first.out()).isEqualTo("Applied ‘Add orders model’ (p-1) to Staging as commit " + p1.substring(0, 7) + " on staging.\n");
      ok("apply", "p-2");
      String p2 = git.revParse("staging");
      assertThat(git.subjects("main..staging")).containsExactly("Add orders model", "Add customers model");
      assertThat(git.run("show", "staging:models/orders.sql")).isEqualTo("select id from raw.orders\n");

      Jar.Result overlapJson = jar.run(dir, "apply", "p-3", "--json");
      assertThat(overlapJson.exit()).isEqualTo(2);
      assertThat(overlapJson.err()).isEqualTo(OVERLAP);
      assertThat(overlapJson.out()).isEqualTo("{\"ok\":false,\"command\":\"apply\",\"outcome\":\"rejected\",\"reason\":\"FILE_OVERLAP\",\"message\":\""
          + OVERLAP.strip() + "\"}\n");
      assertThat(git.revParse("staging")).isEqualTo(p2);

      Jar.Result promoted = ok("promote");
      assertThat(promoted.out()).isEqualTo("Opened promotion PR #1 from staging into main. Staging is locked until the PR is merged or closed and Promotions are synced.\n");
      assertThat(git.run("for-each-ref", "--format=%(refname)", "refs/platinur/pulls/")).isEqualTo("refs/platinur/pulls/1\n");
      assertThat(rejected("apply", "p-4")).isEqualTo(PR_OPEN);
      assertThat(rejected("unapply", "p-1"))
          .isEqualTo("A promotion PR exists for the staged batch. Unapply is available only until a promotion PR exists.\n");
      assertThat(rejected("discard"))
          .isEqualTo("A promotion PR exists for the staged batch. Discard is available only until a promotion PR exists.\n");
      Jar.Result status = ok("status", "--json");
      assertThat(status.out().lines()).hasSize(1);
      assertThat(status.out()).startsWith("{\"ok\":true,\"command\":\"status\",")
          .contains("\"lock\":{\"state\":\"promotion-pr-open\",\"pr\":1}")
          .contains("\"batch\":[{\"id\":\"p-1\",\"title\":\"Add orders model\",\"commit\":\"" + p1 + "\"")
          .contains("{\"id\":\"p-4\",\"title\":\"Explain sync\",\"status\":\"Waiting for open PR\",\"canApply\":false,"
              + "\"applyDisabledReason\":\"" + PR_OPEN.strip() + "\"}");
      assertThat(ok("status").out()).contains(
          "Lock: locked: promotion PR #1 is open\n",
          "Batch: 2 staged proposal(s)\n  p-1  ‘Add orders model’  " + p1.substring(0, 7) + "\n      models/orders.sql\n",
          "  p-4  ‘Explain sync’ — Waiting for open PR\n      " + PR_OPEN);

      assertThat(rejected("gate")).isEqualTo("Promotion of " + p2.substring(0, 7) + " is blocked:\n"
          + "The staging deploy's exit code is unknown.\n"
          + "The staging deployment status is not found, not success.\n"
          + "Staging is unreachable, so smoke and E2E checks could not run: no staging URL was given to check.\n"
          + "No CI checks reported at " + p2.substring(0, 7) + ".\n");

      Jar.Result merged = ok("pr", "merge");
      String merge = git.revParse("main");
      assertThat(merged.out()).isEqualTo("Promotion PR #1 was merged as " + merge.substring(0, 7) + ".\n"
          + "Deployed p-1, p-2; the staging branch is reset to production (" + merge.substring(0, 7) + "); Staging is unlocked.\n"
          + "Lock: unlocked\n");
      assertThat(git.revParse("staging")).isEqualTo(merge);
      assertThat(git.run("rev-list", "--parents", "-n", "1", "main").strip()).isEqualTo(merge + " " + start + " " + p2);

      assertThat(rejected("apply", "p-1")).isEqualTo("Proposal ‘Add orders model’ is already deployed.\n");
      ok("apply", "p-3");
      ok("apply", "p-4");
      assertThat(rejected("apply", "p-4")).isEqualTo("Proposal ‘Explain sync’ is already staged.\n");
      assertThat(git.run("show", "staging:README.md")).contains("from the staging branch, then Sync Promotions.\n");
      assertThat(git.changedFiles("main", "staging")).containsExactly("README.md", "models/orders.sql", "models/schema.yml");
      assertThat(rejected("pr", "close")).isEqualTo("No promotion PR is open for the staged batch.\n");

      ok("promote");
      assertThat(ok("pr", "close").out()).startsWith(
          "Promotion PR #2 was closed without merging; Staging is unlocked and keeps its batch.\n");
      assertThat(git.revParse("main")).isEqualTo(merge);
      assertThat(ok("unapply", "p-3").out()).isEqualTo("Unapplied p-3 from Staging; 1 proposal(s) remain staged.\n");
      assertThat(git.subjects("main..staging")).containsExactly("Explain sync");
      assertThat(ok("discard").out()).isEqualTo("Discarded the staged batch (p-4); staging is back at " + merge.substring(0, 7) + ".\n");
      assertThat(git.revParse("staging")).isEqualTo(merge);
      assertThat(rejected("promote")).isEqualTo("Nothing is staged. Apply a proposal to Staging before opening a promotion PR.\n");
      assertThat(rejected("unapply", "p-3")).isEqualTo("Proposal p-3 is not staged.\n");
      git.assertFsckClean();

      badInputGetsOneLineAndChangesNothing();

      try (var walk = Files.walk(dir.resolve("lane.git"))) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      assertThat(error("status")).isEqualTo("platinur status: There is no repository at " + dir.toRealPath().resolve("lane.git") + ".\n");
    }

    void badInputGetsOneLineAndChangesNothing() throws IOException {
      write("wrong.diff", "diff --git a/README.md b/README.md\n--- a/README.md\n+++ b/README.md\n@@ -1,1 +1,1 @@\n-# Not what is there\n+# Something\n");
      String refs = git.run("for-each-ref");
      List<String> files = Jar.listing(dir);

      assertThat(error("apply", "p-9")).isEqualTo("platinur apply: Unknown proposal ‘p-9’; known: p-1, p-2, p-3, p-4.\n");
      assertThat(error("propose", "--title", "x", "--from", "missing")).isEqualTo("platinur propose: There is no directory missing.\n");
      assertThat(error("propose", "--title", "x", "--diff", "wrong.diff")).startsWith("platinur propose: The diff does not apply to ");
      assertThat(error("apply")).isEqualTo("platinur: Missing required parameter: 'PROPOSAL' (see ‘platinur apply --help’)\n");

      assertThat(git.run("for-each-ref")).isEqualTo(refs);
      assertThat(Jar.listing(dir)).isEqualTo(files);
    }

  }

  @Nested
  class No_lane_yet {
    @Test
    void commands_other_than_init_say_there_is_no_lane() throws IOException {
      assertThat(error("status")).startsWith("platinur status: No lane here: ").contains("Run ‘platinur init --repository <path>’ first");
      assertThat(Jar.listing(dir)).containsExactly("");
    }

    @Test
    void init_refuses_a_directory_that_is_not_a_git_repository() throws IOException {
      write("notgit/file.txt", "hello\n");
      assertThat(error("init", "--repository", "notgit")).isEqualTo("platinur init: There is no Git repository at "
          + dir.toRealPath().resolve("notgit") + ".\n");
      assertThat(dir.resolve(".platinur")).doesNotExist();
    }

    @Test
    void help_lists_every_command_and_the_exit_codes() {
      Jar.Result help = ok("--help");
      assertThat(help.out()).startsWith("Usage: platinur ").contains("demo", "init", "propose", "apply", "unapply", "discard",
          "status", "promote", "pr", "sync", "gate", "check-credentials", "Exit codes:");
    }
  }

  @SuppressWarnings("unused")
  private static Map<String, String> none() {
    return Map.of();
  }
}
