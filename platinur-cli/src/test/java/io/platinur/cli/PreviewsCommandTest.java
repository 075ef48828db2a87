package io.platinur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.preview.PreviewLayout;
import io.platinur.domain.repository.BranchName;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitPreviews;
import io.platinur.git.GitStaging;
import io.platinur.testkit.GitCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code platinur previews} on an offline lane whose promotion PR gets a preview in a GitOps repository. */
class PreviewsCommandTest {
  static final String DIGEST = "sha256:" + "5e".repeat(32);

  @TempDir Path dir;
  Path gitops;
  String head;

  record Run(int exit, String out, String err) {}

  Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--dir", dir.toString()))
        .toArray(String[]::new);
    int exit = PlatinurCommand.run(all, out, err, Map.of("PLATINUR_AUTHOR", "Ana <ana@example.com>")::get);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Run ok(String... args) {
    Run run = run(args);
    assertThat(run.exit()).as("%s", run).isZero();
    return run;
  }

  @BeforeEach
  void openPromotionPr() throws IOException {
    ok("init", "--repository", dir.resolve("lane.git").toString());
    Files.createDirectories(dir.resolve("in/models"));
    Files.writeString(dir.resolve("in/models/orders.sql"), "select 1\n");
    ok("propose", "--title", "Add orders model", "--from", dir.resolve("in").toString());
    ok("apply", "p-1");
    ok("promote");
    head = new GitCli(dir.resolve("lane.git")).revParse("refs/heads/staging");
    gitops = dir.resolve("gitops.git");
    GitPreviews.init(gitops, BranchName.of("main"), PreviewLayout.standard()).get().close();
  }

  @Test
  void lists_a_pull_request_waiting_for_its_build_then_reconciles_it_into_a_preview() throws IOException {
    Run waiting = ok("previews", "--gitops", gitops.toString(), "--ttl", "3d");
    assertThat(waiting.out()).isEqualTo("Previews of open pull requests, time to live 3d:\n"
        + "PR 1 waits for a preview: no build of its head " + head.substring(0, 7) + " yet.\n");

    Files.writeString(dir.resolve("builds.txt"), "# commit digest\n" + head + " " + DIGEST + "\n");
    String before = new GitCli(gitops).revParse("main");
    Run dryRun = ok("previews", "reconcile", "--dry-run", "--gitops", gitops.toString(), "--builds", dir.resolve("builds.txt").toString());
    assertThat(dryRun.out()).isEqualTo("Preview of PR 1 created at " + head.substring(0, 7)
        + " (sha256:5e5e5e5e5e5e): the PR is open and selected.\nDry run: nothing was written.\n");
    assertThat(new GitCli(gitops).revParse("main")).isEqualTo(before);

    ok("previews", "reconcile", "--gitops", gitops.toString(), "--builds", dir.resolve("builds.txt").toString());
    assertThat(new GitCli(gitops).run("show", "main:previews/pr-1/values.yaml")).contains("digest: \"" + DIGEST + "\"");
    Run listed = ok("previews", "--gitops", gitops.toString(), "--builds", dir.resolve("builds.txt").toString(), "--json");
    assertThat(listed.out()).startsWith("{\"ok\":true,\"command\":\"previews\",\"previews\":[{\"pr\":1,\"head\":\"" + head + "\"")
        .contains("\"status\":\"live\"");
    Run again = ok("previews", "reconcile", "--gitops", gitops.toString(), "--builds", dir.resolve("builds.txt").toString());
    assertThat(again.out()).isEqualTo("Nothing to change.\n");
  }

  @Test
  void relative_paths_start_at_the_dir_option() throws IOException {
    Files.writeString(dir.resolve("builds.txt"), head + " " + DIGEST + "\n");
    ok("previews", "reconcile", "--gitops", "gitops.git", "--builds", "builds.txt");
    assertThat(new GitCli(gitops).run("show", "main:previews/pr-1/values.yaml")).contains("digest: \"" + DIGEST + "\"");
  }

  @Test
  void bad_options_are_one_line_with_exit_1_and_change_nothing() throws IOException {
    Run ttl = run("previews", "reconcile", "--gitops", gitops.toString(), "--ttl", "3 weeks");
    assertThat(ttl.exit()).isEqualTo(1);
    assertThat(ttl.err()).isEqualTo("platinur previews reconcile: A time to live is a number and d, h or m, such as 3d, 12h or 90m; got ‘3 weeks’.\n");
    Files.writeString(dir.resolve("builds.txt"), head + " latest\n");
    Run tag = run("previews", "reconcile", "--gitops", gitops.toString(), "--builds", dir.resolve("builds.txt").toString());
    assertThat(tag.exit()).isEqualTo(1);
    assertThat(tag.err()).startsWith("platinur previews reconcile: " + dir.resolve("builds.txt") + " line 1: ‘latest’ is not an image digest.");
    Run select = run("previews", "--gitops", gitops.toString(), "--select", "everything");
    assertThat(select.exit()).isEqualTo(1);
    assertThat(select.err()).isEqualTo("platinur previews: --select must be all, base:BRANCH or label:LABEL, got ‘everything’.\n");
    assertThat(new GitCli(gitops).run("ls-tree", "-r", "--name-only", "main")).isEqualTo("previews/README.md\n");
  }

  @Test
  void a_missing_builds_file_is_said_not_to_exist_and_nothing_changes() {
    String before = new GitCli(gitops).revParse("main");
    Path missing = dir.resolve("no-such-builds.txt");
    Run run = run("previews", "reconcile", "--gitops", gitops.toString(), "--builds", missing.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("platinur previews reconcile: The builds file " + missing
        + " does not exist; --builds names a file of ‘<commit> <digest>’ lines.\n");
    Run relative = run("previews", "--gitops", "gitops.git", "--builds", "missing.txt", "--json");
    assertThat(relative.exit()).isEqualTo(1);
    assertThat(relative.out()).isEqualTo("{\"ok\":false,\"command\":\"previews\",\"outcome\":\"error\",\"kind\":\"BAD_INPUT\","
        + "\"message\":\"The builds file " + dir.resolve("missing.txt") + " does not exist; --builds names a file of ‘<commit> <digest>’ lines.\"}\n");
    Run directory = run("previews", "--gitops", gitops.toString(), "--builds", dir.toString());
    assertThat(directory.err()).isEqualTo("platinur previews: The builds file " + dir
        + " is a directory; --builds names a file of ‘<commit> <digest>’ lines.\n");
    assertThat(new GitCli(gitops).revParse("main")).isEqualTo(before);
  }

  @Test
  void a_quota_of_one_says_one_live_preview_and_a_larger_quota_live_previews() throws IOException {
    GitCli lane = new GitCli(dir.resolve("lane.git"));
    String featureHead = lane.run("commit-tree", "main^{tree}", "-p", "main", "-m", "Feature").strip();
    lane.run("update-ref", "refs/heads/feature", featureHead);
    try (GitStaging git = GitStaging.open(dir.resolve("lane.git"), GitLaneConfig.of(BranchName.of("main"), BranchName.of("staging"))).get()) {
      var opened = git.offlineHost().pullRequests().openPromotionPr(BranchName.of("feature"), BranchName.of("main"), "Feature", "");
      assertThat(opened.isRight()).as("%s", opened).isTrue();
    }
    Files.writeString(dir.resolve("builds.txt"), head + " " + DIGEST + "\n" + featureHead + " sha256:" + "6f".repeat(32) + "\n");

    Run one = ok("previews", "reconcile", "--dry-run", "--gitops", gitops.toString(), "--builds", "builds.txt", "--quota", "1");
    assertThat(one.out()).isEqualTo("Preview of PR 1 created at " + head.substring(0, 7) + " (sha256:5e5e5e5e5e5e): the PR is open and selected.\n"
        + "PR 2 waits for a preview: the quota of 1 live preview is reached.\n"
        + "Dry run: nothing was written.\n");
    Run none = ok("previews", "reconcile", "--dry-run", "--gitops", gitops.toString(), "--builds", "builds.txt", "--quota", "0");
    assertThat(none.out()).contains("PR 1 waits for a preview: the quota of 0 live previews is reached.\n",
        "PR 2 waits for a preview: the quota of 0 live previews is reached.\n");

    ok("previews", "reconcile", "--gitops", gitops.toString(), "--builds", "builds.txt", "--quota", "1");
    Run listed = ok("previews", "--gitops", gitops.toString(), "--builds", "builds.txt", "--quota", "1");
    assertThat(listed.out()).endsWith("\nPR 2 waits for a preview: the quota of 1 live preview is reached.\n");
    Run reaped = ok("previews", "reconcile", "--gitops", gitops.toString(), "--builds", "builds.txt", "--quota", "0");
    assertThat(reaped.out()).startsWith("Preview of PR 1 reaped: 1 preview was live, more than the quota of 0; "
        + "the newest pull requests give theirs up first.\n");
  }

  /** A lock file on {@code name} in the GitOps repository, last touched {@code age} ago, as a crashed writer leaves it. */
  Path lock(String name, java.time.Duration age) throws IOException {
    Path lock = gitops.resolve(name);
    Files.createDirectories(lock.getParent());
    Files.write(lock, new byte[0]);
    Files.setLastModifiedTime(lock, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(age)));
    return lock;
  }

  @Test
  void reconcile_removes_a_stale_lock_first_notes_it_and_commits_as_the_author_option() throws IOException {
    Files.writeString(dir.resolve("builds.txt"), head + " " + DIGEST + "\n");
    Path stale = lock("refs/heads/main.lock", java.time.Duration.ofMinutes(3).plusSeconds(10));
    Path onList = lock("refs/platinur/previews/main.lock", java.time.Duration.ofHours(2));

    Run done = ok("previews", "reconcile", "--gitops", "gitops.git", "--builds", "builds.txt", "--author", "Bo <bo@example.com>");
    assertThat(done.out()).isEqualTo("Note: Removed lock file refs/heads/main.lock, left behind 3 min ago by a crashed writer.\n"
        + "Note: Removed lock file refs/platinur/previews/main.lock, left behind 2 h ago by a crashed writer.\n"
        + "Preview of PR 1 created at " + head.substring(0, 7) + " (sha256:5e5e5e5e5e5e): the PR is open and selected.\n");
    assertThat(stale).doesNotExist();
    assertThat(onList).doesNotExist();
    assertThat(new GitCli(gitops).run("log", "-1", "--format=%an <%ae>|%cn <%ce>", "main").strip())
        .isEqualTo("Bo <bo@example.com>|Bo <bo@example.com>");
    new GitCli(gitops).assertFsckClean();
  }

  @Test
  void a_lock_younger_than_two_minutes_stays_is_named_with_its_age_and_the_next_reconcile_commits_as_platinur_author() throws IOException {
    Files.writeString(dir.resolve("builds.txt"), head + " " + DIGEST + "\n");
    String before = new GitCli(gitops).revParse("main");
    Path young = lock("refs/heads/main.lock", java.time.Duration.ofSeconds(30));

    Run held = run("previews", "reconcile", "--gitops", "gitops.git", "--builds", "builds.txt");
    assertThat(held.exit()).isEqualTo(1);
    assertThat(held.err()).matches("platinur previews reconcile: Lock file refs/heads/main\\.lock is held \\(3\\d s old\\): another Git process "
        + "is writing to the repository, or one crashed\\. Try again shortly; once it is 2 min old, the next reconcile of the previews removes it\\.\n");
    assertThat(young).exists();
    assertThat(new GitCli(gitops).revParse("main")).isEqualTo(before);

    Files.delete(young); // the writer that held it finished
    Run done = ok("previews", "reconcile", "--gitops", "gitops.git", "--builds", "builds.txt", "--json");
    assertThat(done.out()).contains("\"written\":true", "\"removedLocks\":[]");
    assertThat(new GitCli(gitops).run("log", "-1", "--format=%an <%ae>", "main").strip()).isEqualTo("Ana <ana@example.com>");
  }

  @Test
  void both_commands_have_help() {
    for (String[] command : new String[][] {{"previews", "--help"}, {"previews", "reconcile", "--help"}}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int exit = PlatinurCommand.run(command, out, new ByteArrayOutputStream(), name -> null);
      assertThat(exit).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: platinur " + String.join(" ", command).replace(" --help", "") + " ");
    }
  }
}
