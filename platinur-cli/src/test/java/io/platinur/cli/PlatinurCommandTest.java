package io.platinur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.testkit.GitCli;
import io.platinur.testkit.StagingServer;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitStaging;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command in-process: help everywhere, the gate against a live URL, GitHub lanes without a network, progress. */
class PlatinurCommandTest {
  @TempDir
  Path dir;

  final Map<String, String> env = new HashMap<>(Map.of("PLATINUR_AUTHOR", "Ana <ana@example.com>"));

  record Run(int exit, String out, String err) {}

  Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    // The lane's directory given before the command, as `platinur -C DIR status` does.
    String[] all = new String[args.length + 2];
    all[0] = "--dir";
    all[1] = dir.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    boolean help = List.of(args).contains("--help") || args[0].equals("pr") && args.length == 1;
    int exit = PlatinurCommand.run(help ? args : all, out, err, env::get);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Run ok(String... args) {
    Run run = run(args);
    assertThat(run.exit()).as("%s", run).isZero();
    return run;
  }

  void write(String path, String text) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void every_command_has_help() {
    for (String command : List.of("demo", "init", "propose", "apply", "unapply", "discard", "status", "promote", "pr", "pr merge",
        "pr close", "pr approve", "sync", "gate", "check-credentials")) {
      List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
      args.add("--help");
      Run help = run(args.toArray(String[]::new));
      assertThat(help.exit()).as(command).isZero();
      assertThat(help.out()).as(command).startsWith("Usage: platinur " + command + " ");
      assertThat(help.err()).as(command).isEmpty();
    }
  }

  @Nested
  class No_lane_yet {
    @Test
    void init_refuses_a_working_tree() throws IOException {
      Files.createDirectories(dir.resolve("work"));
      new GitCli(dir.resolve("work/.git")).run("init", "-q", dir.resolve("work").toString());
      Run init = run("init", "--repository", dir.resolve("work").toString());
      assertThat(init.exit()).isEqualTo(1);
      assertThat(init.err()).isEqualTo("platinur init: " + dir.resolve("work") + " is a working tree, not a bare repository; clone it with --bare.\n");
      assertThat(dir.resolve(".platinur")).doesNotExist();
    }

    @Test
    void init_attaches_to_an_existing_repository_and_refuses_a_missing_production_branch() {
      GitStaging.init(dir.resolve("shared.git"), GitLaneConfig.of(BranchName.of("trunk"), BranchName.of("next")),
          new CommitAuthor("Ana", "ana@example.com", Instant.parse("2026-11-24T09:00:00Z"))).get().close();
      GitCli shared = new GitCli(dir.resolve("shared.git"));
      shared.run("update-ref", "-d", "refs/heads/next");
      String refs = shared.run("for-each-ref");
      String trunk = shared.revParse("trunk");

      Run missing = run("init", "--repository", dir.resolve("shared.git").toString());
      assertThat(missing.exit()).isEqualTo(1);
      assertThat(missing.err()).isEqualTo("platinur init: The production branch ‘main’ does not exist in " + dir.resolve("shared.git")
          + " (branches: trunk).\n");
      Run same = run("init", "--repository", dir.resolve("shared.git").toString(), "--production", "trunk", "--staging", "trunk");
      assertThat(same.exit()).isEqualTo(1);
      assertThat(same.err()).isEqualTo("platinur init: The staging branch and the production branch must differ, both are ‘trunk’.\n");
      Run badName = run("init", "--repository", dir.resolve("shared.git").toString(), "--production", "trunk", "--staging", "bad..name");
      assertThat(badName.exit()).isEqualTo(1);
      assertThat(badName.err().lines()).hasSize(1);
      Run schemas = run("init", "--repository", dir.resolve("shared.git").toString(), "--production", "trunk",
          "--staging-schema", "analytics", "--production-schema", "analytics");
      assertThat(schemas.exit()).isEqualTo(1);
      assertThat(schemas.err()).contains("Output schema ‘analytics’ is configured for both Staging and Prod");
      assertThat(shared.run("for-each-ref")).isEqualTo(refs);
      assertThat(dir.resolve(".platinur")).doesNotExist();

      Run attached = ok("init", "--repository", dir.resolve("shared.git").toString(), "--production", "trunk");
      assertThat(attached.out()).startsWith("Attached to " + dir.resolve("shared.git") + "; created branch staging at trunk ("
          + trunk.substring(0, 7) + ").");
      assertThat(shared.revParse("staging")).isEqualTo(trunk);
      assertThat(ok("check-credentials").out()).startsWith("Offline pull-request host: no credentials are needed.");
      assertThat(ok("sync").out()).isEqualTo("Nothing to do: the lane agrees with Git and the pull-request host.\nLock: unlocked\n");
      Run again = run("init", "--repository", dir.resolve("other.git").toString());
      assertThat(again.exit()).isEqualTo(1);
      assertThat(again.err()).startsWith("platinur init: This directory already has a lane");
    }

    @Test
    void demo_as_json_prints_one_object_with_the_steps() {
      Run demo = ok("demo", "--json", "--work-dir", dir.resolve("demo").toString());
      assertThat(demo.out().lines()).hasSize(1);
      assertThat(demo.out()).startsWith("{\"ok\":true,\"command\":\"demo\",\"directory\":")
          .contains("\"  ✗ rejected: A merged promotion is being finalized from GitHub main. Sync Promotions before applying another staging change.\"");
      Run reused = run("demo", "--work-dir", dir.resolve("demo").toString());
      assertThat(reused.exit()).isEqualTo(1);
      assertThat(reused.err()).isEqualTo("platinur demo: " + dir.resolve("demo") + " is not empty; the demo needs a new or empty directory.\n");
    }

    @Test
    void a_proposal_id_must_be_a_simple_name() throws IOException {
      ok("init", "--repository", dir.resolve("lane.git").toString());
      Run bad = run("apply", "../p-1");
      assertThat(bad.exit()).isEqualTo(1);
      assertThat(bad.err()).startsWith("platinur apply: ‘../p-1’ is not a proposal id");
      write("in/.env", "SECRET=x\n");
      Run env = run("propose", "--title", "Secrets", "--from", dir.resolve("in").toString());
      assertThat(env.exit()).isEqualTo(1);
      assertThat(env.err().lines()).hasSize(1);
      assertThat(dir.resolve(".platinur/proposals/p-1")).doesNotExist();
    }
  }

  @Nested
  class An_offline_lane_with_a_staged_proposal {
    StagingServer staging;

    @BeforeEach
    void stage() throws IOException {
      ok("init", "--repository", dir.resolve("lane.git").toString());
      write("in/models/orders.sql", "select 1\n");
      ok("propose", "--title", "Add orders model", "--from", dir.resolve("in").toString());
      ok("apply", "p-1");
      staging = new StagingServer();
    }

    @AfterEach
    void stop() {
      staging.close();
    }

    @Test
    void gate_authorizes_when_the_live_staging_url_answers_and_the_facts_are_green() {
      String head = new GitCli(dir.resolve("lane.git")).revParse("staging").substring(0, 7);
      Run authorized = ok("gate", "--staging-url", staging.url("/health").toString(), "--deploy-exit", "0",
          "--deployment", "success", "--ci", "green", "--json");
      assertThat(authorized.out()).startsWith("{\"ok\":true,\"command\":\"gate\",\"authorized\":true,\"candidate\":\"");

      staging.status = 503;
      Run blocked = run("gate", "--staging-url", staging.url("/health").toString(), "--deploy-exit", "0",
          "--deployment", "success", "--ci", "green");
      assertThat(blocked.exit()).isEqualTo(2);
      assertThat(blocked.err()).startsWith("Promotion of " + head + " is blocked:\n").contains("answered 503").hasLineCount(2);
    }

    @Test
    void gate_refuses_two_smoke_sources_and_a_bad_url() {
      Run both = run("gate", "--staging-url", staging.url("/").toString(), "--smoke", "passed");
      assertThat(both.exit()).isEqualTo(1);
      assertThat(both.err()).isEqualTo("platinur gate: Give either --staging-url or --smoke, not both.\n");
      Run ftp = run("gate", "--staging-url", "ftp://staging.example.com/");
      assertThat(ftp.exit()).isEqualTo(1);
      assertThat(ftp.err()).isEqualTo("platinur gate: A staging URL must be an http or https URL with a host.\n");
    }
  }

  /** A GitHub lane whose Git data is a local file remote and whose API does not answer: no network needed. */
  @Nested
  class A_github_lane_whose_api_does_not_answer {
    GitCli host;
    String api;

    @BeforeEach
    void create() throws IOException {
      GitStaging.init(dir.resolve("host.git"), GitLaneConfig.of(BranchName.of("main"), BranchName.of("staging")),
          new CommitAuthor("Ana", "ana@example.com", Instant.parse("2026-11-24T09:00:00Z"))).get().close();
      host = new GitCli(dir.resolve("host.git"));
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        api = "http://127.0.0.1:" + socket.getLocalPort();
      }
      env.put("GITHUB_TOKEN", "ghp_exampletoken0123456789");
    }

    @Test
    void stages_through_git_and_reports_the_unreachable_api_in_one_line_changing_nothing() throws IOException {
      Run init = ok("init", "--repository", dir.resolve("cache.git").toString(), "--github", "acme/analytics",
          "--github-api", api, "--git-url", dir.resolve("host.git").toUri().toString());
      assertThat(init.out()).startsWith("Attached to GitHub repository acme/analytics (local cache ");
      write("in/models/orders.sql", "select 1\n");
      ok("propose", "--title", "Add orders model", "--from", dir.resolve("in").toString());

      ok("apply", "p-1");
      assertThat(host.subjects("main..staging")).containsExactly("Add orders model");

      String refs = host.run("for-each-ref");
      Run promote = run("promote");
      assertThat(promote.exit()).as("%s", promote).isEqualTo(1);
      assertThat(promote.err().lines()).hasSize(1);
      assertThat(promote.err()).startsWith("platinur promote: ").doesNotContain("ghp_exampletoken");
      assertThat(host.run("for-each-ref")).isEqualTo(refs);

      Run merge = run("pr", "merge");
      assertThat(merge.exit()).isEqualTo(1);
      assertThat(merge.err()).isEqualTo("platinur pr merge: This lane's promotion PRs are on GitHub: merge the PR there, then run ‘platinur sync’.\n");
    }

    @Test
    void needs_the_token_and_says_which_variable() {
      env.remove("GITHUB_TOKEN");
      Run init = run("init", "--repository", dir.resolve("cache.git").toString(), "--github", "acme/analytics",
          "--github-api", api, "--git-url", dir.resolve("host.git").toUri().toString());
      assertThat(init.exit()).isEqualTo(1);
      assertThat(init.err()).startsWith("platinur init: No GitHub token: the environment variable GITHUB_TOKEN is not set.");
      assertThat(dir.resolve(".platinur")).doesNotExist();
      assertThat(dir.resolve("cache.git")).doesNotExist();

      env.put("PLATINUR_GH", "ghp_other");
      Run check = ok("check-credentials", "--github", "acme/analytics", "--token-env", "PLATINUR_GH");
      assertThat(check.out()).isEqualTo("A GitHub token is set in PLATINUR_GH; run ‘platinur init --github acme/analytics’ to try it against GitHub.\n");
    }
  }

  /** A ticker the test drives: each {@code tick()} is one second passing. */
  static final class ManualTicker implements Progress.Ticker {
    private Runnable tick;
    boolean started;
    boolean stopped;

    @Override
    public Runnable start(Runnable onTick) {
      started = true;
      tick = onTick;
      return () -> stopped = true;
    }

    void tick() {
      tick.run();
    }
  }

  @Test
  void progress_shows_after_a_second_then_a_dot_a_second_and_done() {
    StringWriter shown = new StringWriter();
    ManualTicker ticker = new ManualTicker();
    String result = new Progress(new PrintWriter(shown, true), true, ticker).during("Working", () -> {
      ticker.tick();
      ticker.tick();
      ticker.tick();
      return "result";
    });
    assertThat(result).isEqualTo("result");
    assertThat(shown.toString()).isEqualTo("Working ….. done" + System.lineSeparator());
    assertThat(ticker.stopped).isTrue();
  }

  @Test
  void progress_prints_nothing_for_a_step_quicker_than_a_second_or_when_not_enabled() {
    StringWriter quick = new StringWriter();
    ManualTicker ticking = new ManualTicker();
    assertThat(new Progress(new PrintWriter(quick, true), true, ticking).during("Working", () -> "quick")).isEqualTo("quick");
    assertThat(quick.toString()).isEmpty();
    assertThat(ticking.stopped).isTrue();

    StringWriter hidden = new StringWriter();
    ManualTicker unused = new ManualTicker();
    assertThat(new Progress(new PrintWriter(hidden, true), false, unused).during("Working", () -> "quiet")).isEqualTo("quiet");
    assertThat(hidden.toString()).isEmpty();
    assertThat(unused.started).isFalse();
  }

}
