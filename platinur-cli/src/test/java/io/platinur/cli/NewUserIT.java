package io.platinur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitStaging;
import io.platinur.testkit.GitCli;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command as a new user meets it: every bad input gets one clear line (exit 1) and
 * changes neither the repository's refs nor the stored proposals; a rule's refusal is exit 2; the
 * README's forms work as written.
 */
class NewUserIT {
  final Jar jar = Jar.packaged();

  @TempDir
  Path dir;

  GitCli git;

  @BeforeEach
  void init() {
    ok("init", "--repository", "lane.git");
    git = new GitCli(dir.resolve("lane.git"));
  }

  Jar.Result ok(String... args) {
    Jar.Result result = jar.run(dir, args);
    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.err()).as(result.toString()).isEmpty();
    return result;
  }

  /** Bad input: exit 1, exactly {@code line} on standard error, nothing on standard output, nothing changed. */
  void refused(String line, String... args) throws IOException {
    refused(jar, line, args);
  }

  void refused(Jar with, String line, String... args) throws IOException {
    String refs = git.run("for-each-ref");
    List<String> stored = Jar.listing(dir.resolve(".platinur"));
    Jar.Result result = with.run(dir, args);
    assertThat(result.exit()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).as(result.toString()).isEqualTo(line + "\n");
    assertThat(result.out()).as(result.toString()).isEmpty();
    assertThat(git.run("for-each-ref")).isEqualTo(refs);
    assertThat(Jar.listing(dir.resolve(".platinur"))).isEqualTo(stored);
  }

  /** Rejected by a rule: exit 2, the rule's message alone on standard error, nothing changed. */
  void rejected(String message, String... args) {
    String refs = git.run("for-each-ref");
    Jar.Result result = jar.run(dir, args);
    assertThat(result.exit()).as(result.toString()).isEqualTo(2);
    assertThat(result.err()).as(result.toString()).isEqualTo(message + "\n");
    assertThat(result.out()).as(result.toString()).isEmpty();
    assertThat(git.run("for-each-ref")).isEqualTo(refs);
  }

  Path write(String path, String text) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** A file named by raw bytes (percent-encoded), whatever this JVM's locale. */
  Path writeRaw(String encodedPath, String text) throws IOException {
    Path file = Path.of(URI.create(dir.toUri() + encodedPath));
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  String short7(String rev) {
    return git.revParse(rev).substring(0, 7);
  }

  @Nested
  class Propose_from_a_folder {
    @Test
    void refuses_a_symbolic_link_naming_it_whether_it_points_outside_or_inside() throws IOException {
      write("in/models/orders.sql", "select 1\n");
      write("outside/secret.txt", "not for the repository\n");
      Files.createSymbolicLink(dir.resolve("in/models/secret.sql"), Path.of("../../outside/secret.txt"));
      refused("platinur propose: in/models/secret.sql is a symbolic link; a proposal holds regular files only. "
          + "Put the file itself there, or remove the link.", "propose", "--title", "Links", "--from", "in");

      Files.delete(dir.resolve("in/models/secret.sql"));
      Files.createSymbolicLink(dir.resolve("in/models/again.sql"), Path.of("orders.sql"));
      refused("platinur propose: in/models/again.sql is a symbolic link; a proposal holds regular files only. "
          + "Put the file itself there, or remove the link.", "propose", "--title", "Links", "--from", "in");
    }

    @Test
    void refuses_a_file_name_that_is_not_utf_8_naming_it_as_git_would_quote_it() throws IOException {
      writeRaw("nu/caf%E9.sql", "select 1\n");
      refused("platinur propose: The file name nu/caf\\351.sql is not valid UTF-8; Git paths are UTF-8. Rename the file.",
          "propose", "--title", "Latin-1", "--from", "nu");
    }

    @Test
    void stores_and_applies_a_utf_8_name_under_the_c_locale_leaving_no_half_written_proposal() throws IOException {
      writeRaw("u8/models/caf%C3%A9.sql", "select 1\n");
      Jar posix = jar.withEnv(Map.of("LANG", "C", "LC_ALL", "C"));

      Jar.Result proposed = posix.run(dir, "propose", "--title", "Cafe", "--from", "u8");
      assertThat(proposed.exit()).as(proposed.toString()).isZero();
      assertThat(proposed.out()).isEqualTo("Stored proposal p-1 ‘Cafe’ changing 1 file(s):\n  models/café.sql\nApply it with: platinur apply p-1\n");
      assertThat(Jar.listing(dir.resolve(".platinur/proposals"))).containsExactly("", "p-1", "p-1/deletes", "p-1/files",
          "p-1/files/models", "p-1/files/models/café.sql", "p-1/proposal.properties");

      Jar.Result applied = posix.run(dir, "apply", "p-1");
      assertThat(applied.exit()).as(applied.toString()).isZero();
      assertThat(git.run("-c", "core.quotepath=false", "ls-tree", "-r", "--name-only", "staging")).isEqualTo("README.md\nmodels/café.sql\n");
      assertThat(git.run("show", "staging:models/café.sql")).isEqualTo("select 1\n");
    }

    @Test
    void refuses_a_file_over_the_size_limit_before_reading_it_even_past_2_gib() throws IOException {
      write("big/models/orders.sql", "select 1\n");
      try (RandomAccessFile sparse = new RandomAccessFile(dir.resolve("big/huge.bin").toFile(), "rw")) {
        sparse.setLength(3L << 30);
      }
      refused("platinur propose: big/huge.bin is 3 GiB, over the limit of 10 MiB for one file of a proposal.",
          "propose", "--title", "Huge", "--from", "big");

      Files.delete(dir.resolve("big/huge.bin"));
      try (RandomAccessFile sparse = new RandomAccessFile(dir.resolve("big/mid.bin").toFile(), "rw")) {
        sparse.setLength(50L << 20);
      }
      refused("platinur propose: big/mid.bin is 50 MiB, over the limit of 10 MiB for one file of a proposal.",
          "propose", "--title", "Mid", "--from", "big");
      assertThat(Jar.listing(dir.resolve(".platinur/proposals"))).containsExactly("");
    }

    @Test
    void from_the_lanes_own_folder_leaves_out_gits_and_platinurs_files_and_says_so() throws IOException {
      write("models/orders.sql", "select 1\n");
      write("tools/.git/config", "[core]\n");

      Jar.Result proposed = ok("propose", "--title", "Everything here", "--from", ".");

      assertThat(proposed.out()).isEqualTo("Stored proposal p-1 ‘Everything here’ changing 1 file(s):\n  models/orders.sql\n"
          + "Left out Git's and Platinur's own files: .platinur/, lane.git/, tools/.git/\nApply it with: platinur apply p-1\n");
    }

    @Test
    void a_path_git_refuses_is_one_sentence() throws IOException {
      write("bad/x/a b\\c.sql", "select 1\n");
      refused("platinur propose: Repository path ‘x/a b\\c.sql’ contains a backslash; use ‘/’ between components.",
          "propose", "--title", "Backslash", "--from", "bad");
    }

    @Test
    void a_path_a_windows_checkout_cannot_hold_is_refused_when_proposed_in_the_words_apply_would_use() throws IOException {
      write("windows/models/\"><img src=x onerror=alert(1)>", "select 1\n");
      refused("platinur propose: Git refuses the path ‘models/\"><img src=x onerror=alert(1)>’ (char '\"' not allowed in Windows filename).",
          "propose", "--title", "Markup", "--from", "windows");
    }

    @Test
    void long_path_lists_are_one_a_line_and_shortened_past_a_screenful() throws IOException {
      for (int i = 1; i <= 30; i++) {
        write("many/models/m" + (char) ('a' + (i - 1) / 10) + (i - 1) % 10 + ".sql", "select " + i + "\n");
      }
      String listed = IntStream.range(0, 19).mapToObj(i -> "models/m" + (char) ('a' + i / 10) + i % 10 + ".sql")
          .reduce("", (text, path) -> text + "%s" + path + "\n");

      Jar.Result proposed = ok("propose", "--title", "Thirty models", "--from", "many");
      assertThat(proposed.out()).isEqualTo("Stored proposal p-1 ‘Thirty models’ changing 30 file(s):\n"
          + listed.replace("%s", "  ") + "  … and 11 more file(s); --json lists them all\nApply it with: platinur apply p-1\n");

      ok("apply", "p-1");
      assertThat(ok("status").out()).contains("Batch: 1 staged proposal(s)\n  p-1  ‘Thirty models’  " + short7("staging") + "\n"
          + listed.replace("%s", "      ") + "      … and 11 more file(s); --json lists them all\nProposals:\n");
      assertThat(ok("status", "--json").out()).contains("\"models/mc9.sql\"");
    }
  }

  @Nested
  class Stored_proposals_and_cards {
    @BeforeEach
    void propose() throws IOException {
      write("in/a/models/a.sql", "select 1\n");
      write("in/b/models/b.sql", "select 2\n");
      ok("propose", "--title", "A", "--from", "in/a");
      ok("propose", "--title", "B", "--from", "in/b");
    }

    @Test
    void one_invalid_stored_proposal_shows_as_an_invalid_card_and_the_others_still_show() throws IOException {
      Files.writeString(dir.resolve(".platinur/proposals/p-1/proposal.properties"), "title=\n");
      String reason = "Proposal p-1 in " + dir.toRealPath().resolve(".platinur/proposals/p-1") + " is not valid: A proposal needs a title.";

      assertThat(ok("status").out()).endsWith("Proposals:\n  p-1  — Invalid\n      " + reason + "\n  p-2  ‘B’ — Ready to apply to Staging\n");
      assertThat(ok("status", "--json").out()).contains("{\"id\":\"p-1\",\"title\":null,\"status\":\"Invalid\",\"canApply\":false,"
          + "\"applyDisabledReason\":\"" + reason + "\"}");
      refused("platinur apply: " + reason, "apply", "p-1");
      ok("apply", "p-2");
    }

    @Test
    void a_stored_path_git_refuses_is_an_invalid_card_and_apply_says_the_same() throws IOException {
      // stored before the rule, or by hand: status and apply agree, and name Git's reason
      write(".platinur/proposals/p-1/files/\"><img src=x onerror=alert(1)>", "select 1\n");
      String reason = "Proposal p-1 in " + dir.toRealPath().resolve(".platinur/proposals/p-1") + " is not valid: "
          + "Git refuses the path ‘\"><img src=x onerror=alert(1)>’ (char '\"' not allowed in Windows filename).";

      assertThat(ok("status").out()).contains("  p-1  — Invalid\n      " + reason + "\n");
      refused("platinur apply: " + reason, "apply", "p-1");
    }

    @Test
    void after_a_commit_made_outside_platinur_the_card_says_what_apply_then_says() {
      String tree = git.revParse("staging^{tree}");
      String commit = git.run("commit-tree", tree, "-p", "staging", "-m", "Made by hand").strip();
      git.run("update-ref", "refs/heads/staging", commit);
      String reason = "Commit " + commit.substring(0, 7) + " on the staging branch is not a proposal commit on top of the batch; "
          + "reset the staging branch or remove it by hand.";

      assertThat(ok("status").out()).contains("  p-1  ‘A’ — Blocked\n      " + reason + "\n  p-2  ‘B’ — Blocked\n      " + reason + "\n");
      Jar.Result applied = jar.run(dir, "apply", "p-1");
      assertThat(applied.exit()).as(applied.toString()).isEqualTo(1);
      assertThat(applied.err()).isEqualTo("platinur apply: " + reason + "\n");
      assertThat(git.revParse("staging")).isEqualTo(commit);
    }

    @Test
    void exit_codes_are_one_rule_for_every_command() throws IOException {
      refused("platinur apply: Unknown proposal ‘p-9’; known: p-1, p-2.", "apply", "p-9");
      refused("platinur unapply: Unknown proposal ‘p-9’; known: p-1, p-2.", "unapply", "p-9");
      refused("platinur apply: ‘../x’ is not a proposal id: use letters, digits, ‘.’, ‘_’ or ‘-’, starting with a letter or digit (at most 64).",
          "apply", "../x");
      rejected("Proposal p-1 is not staged.", "unapply", "p-1");
      rejected("Nothing is staged. Apply a proposal to Staging before opening a promotion PR.", "promote");
      rejected("No promotion PR is open for the staged batch.", "pr", "merge");

      assertThat(ok("discard").out()).isEqualTo("Nothing is staged: there is no batch to discard; staging is at " + short7("staging") + ".\n");
      ok("apply", "p-1");
      ok("apply", "p-2");
      assertThat(ok("discard").out()).isEqualTo("Discarded the staged batch (p-1, p-2); staging is back at " + short7("main") + ".\n");
    }

    @Test
    void json_answers_usage_errors_with_one_object_too() {
      Jar.Result missing = jar.run(dir, "apply", "--json");
      assertThat(missing.exit()).isEqualTo(1);
      assertThat(missing.out()).isEqualTo("{\"ok\":false,\"command\":\"apply\",\"outcome\":\"error\",\"kind\":\"USAGE\","
          + "\"message\":\"Missing required parameter: 'PROPOSAL' (see ‘platinur apply --help’)\"}\n");
      assertThat(missing.err()).isEqualTo("platinur: Missing required parameter: 'PROPOSAL' (see ‘platinur apply --help’)\n");

      Jar.Result unknown = jar.run(dir, "bogus", "--json");
      assertThat(unknown.exit()).isEqualTo(1);
      assertThat(unknown.out()).isEqualTo("{\"ok\":false,\"command\":\"platinur\",\"outcome\":\"error\",\"kind\":\"USAGE\","
          + "\"message\":\"Unmatched arguments from index 0: 'bogus', '--json' (see ‘platinur --help’)\"}\n");

      Jar.Result bad = jar.run(dir, "apply", "p-9", "--json");
      assertThat(bad.exit()).isEqualTo(1);
      assertThat(bad.out()).isEqualTo("{\"ok\":false,\"command\":\"apply\",\"outcome\":\"error\",\"kind\":\"BAD_INPUT\","
          + "\"message\":\"Unknown proposal ‘p-9’; known: p-1, p-2.\"}\n");
    }

    @Test
    void an_offline_merge_without_sync_shows_the_merged_promotion_waiting_for_main_sync() {
      ok("apply", "p-1");
      ok("promote");

      Jar.Result merged = ok("pr", "merge", "--no-sync");

      String merge = short7("main");
      assertThat(merged.out()).isEqualTo("Promotion PR #1 was merged as " + merge + ". Staging stays locked until Promotions are synced: "
          + "run ‘platinur sync’.\nLock: locked: promotion PR #1 merged as " + merge + ", awaiting Sync Promotions\n");
      String awaiting = "A merged promotion is being finalized from GitHub main. Sync Promotions before applying another staging change.";
      assertThat(ok("status").out()).endsWith("  p-2  ‘B’ — Waiting for main sync\n      " + awaiting + "\n");
      rejected(awaiting, "apply", "p-2");
      assertThat(ok("sync").out()).isEqualTo("Deployed p-1; the staging branch is reset to production (" + merge + "); Staging is unlocked.\n"
          + "Lock: unlocked\n");
      ok("apply", "p-2");
    }
  }

  @Nested
  class A_lock_file_left_by_a_crashed_writer {
    Path lock;

    @BeforeEach
    void propose() throws IOException {
      write("in/models/a.sql", "select 1\n");
      ok("propose", "--title", "A", "--from", "in");
      lock = dir.resolve("lane.git/refs/heads/staging.lock");
    }

    void leave(long secondsAgo) throws IOException {
      Files.writeString(lock, "");
      Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
    }

    @Test
    void is_reported_at_once_with_its_age_while_younger_than_the_stale_age() throws IOException {
      leave(30);
      String refs = git.run("for-each-ref");

      Jar.Result applied = jar.run(dir, "apply", "p-1");

      assertThat(applied.exit()).as(applied.toString()).isEqualTo(1);
      assertThat(applied.err()).matches("platinur apply: Lock file refs/heads/staging\\.lock is held \\(3\\d s old\\): another Git process "
          + "is writing to the repository, or one crashed\\. Try again shortly; once it is 2 min old, Sync Promotions removes it\\.\n");
      assertThat(git.run("for-each-ref")).isEqualTo(refs);
      assertThat(lock).exists();
    }

    @Test
    void sync_removes_one_older_than_the_stale_age_and_records_it_in_the_lanes_history() throws IOException {
      leave(600);
      refused("platinur apply: Lock file refs/heads/staging.lock was left behind 10 min ago, probably by a crashed process. "
          + "Sync Promotions removes it.", "apply", "p-1");

      Jar.Result synced = ok("sync");

      assertThat(synced.out()).isEqualTo("Note: Removed lock file refs/heads/staging.lock, left behind 10 min ago by a crashed writer.\n"
          + "Lock: unlocked\n");
      assertThat(lock).doesNotExist();
      assertThat(git.run("log", "-1", "--format=%B", "refs/platinur/lanes/staging")).startsWith("Lane staging: Sync Promotions: Removed lock file ")
          .contains("action\tSync Promotions: Removed lock file refs/heads/staging.lock, left behind 10 min ago by a crashed writer.\n");
      ok("apply", "p-1");
      assertThat(git.subjects("main..staging")).containsExactly("A");
    }
  }

  @Nested
  class The_readme_forms {
    @Test
    void dash_c_works_before_and_after_the_command_and_relative_paths_start_there() throws IOException {
      Files.createDirectories(dir.resolve("work"));
      write("work/in/models/a.sql", "select 1\n");

      Jar.Result init = ok("-C", "work", "init", "--repository", "lane.git");
      assertThat(init.out()).startsWith("Created bare repository " + dir.toRealPath().resolve("work/lane.git") + " with branches main and staging.\n");
      assertThat(ok("-C", "work", "propose", "--title", "A", "--from", "in").out()).startsWith("Stored proposal p-1 ‘A’");
      assertThat(ok("status", "-C", "work").out()).startsWith("Lane staging → main in " + dir.toRealPath().resolve("work/lane.git") + "\n");
      assertThat(ok("-C", "work", "apply", "p-1", "--json").out()).startsWith("{\"ok\":true,\"command\":\"apply\",");
      assertThat(new GitCli(dir.resolve("work/lane.git")).subjects("main..staging")).containsExactly("A");
    }

    /** The README's "Using the command" lines, in order (the lane is made by this class's init). */
    @Test
    void the_readme_walkthrough_works_as_written() throws IOException {
      write("orders/models/orders.sql", "select * from raw.orders\n");
      assertThat(ok("propose", "--title", "Add orders model", "--from", "orders").out())
          .isEqualTo("Stored proposal p-1 ‘Add orders model’ changing 1 file(s):\n  models/orders.sql\nApply it with: platinur apply p-1\n");
      ok("apply", "p-1");
      ok("status");
      ok("promote");
      String head = short7("staging");
      assertThat(ok("gate", "--smoke", "passed", "--deploy-exit", "0", "--deployment", "success", "--ci", "green").out())
          .isEqualTo("Promotion of " + head + " is authorized: every gate condition holds.\n");
      assertThat(ok("pr", "merge", "--no-sync").out()).contains("Staging stays locked until Promotions are synced");
      assertThat(ok("sync").out()).endsWith("Staging is unlocked.\nLock: unlocked\n");
      assertThat(git.revParse("staging")).isEqualTo(git.revParse("main"));
    }

    @Test
    void the_demo_lists_only_the_options_it_uses() {
      Jar.Result help = ok("demo", "--help");
      assertThat(help.out()).startsWith("Usage: platinur demo [-hV] [--json] [--work-dir=DIR]\n")
          .doesNotContain("--github", "--author", "--token-env", "--dir", "--git-url");
    }
  }

  @Nested
  class A_github_api_that_hangs {
    @Test
    void bounds_the_commands_total_wait_and_says_what_it_waited_for() throws Exception {
      Path host = dir.resolve("host.git");
      GitStaging.init(host, GitLaneConfig.of(BranchName.of("main"), BranchName.of("staging")),
          new CommitAuthor("Ana", "ana@example.com", Instant.parse("2026-11-24T09:00:00Z"))).get().close();
      // A server that takes connections and never answers: the operating system accepts them.
      try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
        Jar gitHub = jar.withEnv(Map.of("GITHUB_TOKEN", "ghp_exampletoken0123456789"));
        Path work = Files.createDirectories(dir.resolve("gh"));
        Jar.Result init = gitHub.run(work, "init", "--repository", "cache.git", "--github", "acme/analytics",
            "--github-api", "http://127.0.0.1:" + hung.getLocalPort(), "--git-url", host.toUri().toString());
        assertThat(init.exit()).as(init.toString()).isZero();
        // Applying needs only Git: the lane's state then exists, so a sync has nothing to store before it asks GitHub.
        Files.createDirectories(work.resolve("in/models"));
        Files.writeString(work.resolve("in/models/a.sql"), "select 1\n");
        assertThat(gitHub.run(work, "propose", "--title", "A", "--from", "in").exit()).isZero();
        assertThat(gitHub.run(work, "apply", "p-1").exit()).isZero();
        String refs = new GitCli(host).run("for-each-ref");

        long started = System.nanoTime();
        Jar.Result synced = gitHub.run(work, "sync", "--wait", "3");
        long tookSeconds = (System.nanoTime() - started) / 1_000_000_000L;

        assertThat(synced.exit()).as(synced.toString()).isEqualTo(1);
        // Syncing asks GitHub for the promotion PR; on a slow machine the fetch before it may be what the time ran out on.
        assertThat(synced.err()).matches("platinur sync: GitHub did not answer within 3 s, while (syncing Promotions|fetching the lane from GitHub); "
            + "stopped waiting\\. Run ‘platinur sync’ to see where the lane is, or allow longer with --wait SECONDS\\.\n");
        assertThat(synced.out()).isEmpty();
        assertThat(tookSeconds).as("the whole process, JVM start included").isLessThan(15);
        assertThat(new GitCli(host).run("for-each-ref")).isEqualTo(refs);

        Jar.Result viaEnvironment = gitHub.withEnv(Map.of("PLATINUR_WAIT", "1")).run(work, "promote");
        assertThat(viaEnvironment.err()).startsWith("platinur promote: GitHub did not answer within 1 s, while ");
      }
    }
  }
}
