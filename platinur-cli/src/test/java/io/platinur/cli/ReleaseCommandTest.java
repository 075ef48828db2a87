package io.platinur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.cli.demo.DemoGitOpsRepository;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.repository.CommitId;
import io.platinur.git.GitStaging;
import io.platinur.testkit.GitCli;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code platinur release …} in-process on a GitOps repository: promote, refuse, complete, roll back. */
class ReleaseCommandTest {
  static final ServiceName API = ServiceName.of("api");
  static final EnvironmentName DEV = EnvironmentName.of("dev");
  static final EnvironmentName STAGING = EnvironmentName.of("staging");
  static final EnvironmentName PROD = EnvironmentName.of("prod");
  static final ImageDigest BUILT = ImageDigest.of("sha256:" + "a1".repeat(32));
  static final ImageDigest TESTED = ImageDigest.of("sha256:" + "b2".repeat(32));
  static final ImageDigest RUNNING = ImageDigest.of("sha256:" + "c3".repeat(32));

  @TempDir
  Path dir;
  Path repo;

  record Run(int exit, String out, String err) {}

  /** The commands' clock: it moves only when a test says so. */
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
  final Clock clock = new Clock() {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };

  @BeforeEach
  void gitops() throws Exception {
    repo = dir.resolve("gitops.git");
    DemoGitOpsRepository.create(repo, Pins.none().with(DEV, API, BUILT).with(STAGING, API, TESTED).with(PROD, API, RUNNING), Instant.now());
  }

  Run run(String... args) {
    return runOn(repo, args);
  }

  Run runOn(Path repository, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 3];
    all[0] = "release";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--repository";
    all[args.length + 2] = repository.toString();
    int exit = PlatinurCommand.run(all, out, err, Map.of("PLATINUR_AUTHOR", "Ana <ana@example.com>")::get, clock);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Run ok(String... args) {
    Run run = run(args);
    assertThat(run.exit()).as("%s", run).isZero();
    return run;
  }

  /** {@code release ARGS --repository REPOSITORY} at {@code now}. */
  static Run runAt(Instant now, Path repository, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = java.util.stream.Stream.of(new String[] {"release"}, args, new String[] {"--repository", repository.toString()})
        .flatMap(java.util.Arrays::stream).toArray(String[]::new);
    int exit = PlatinurCommand.run(all, out, err, Map.of("PLATINUR_AUTHOR", "Ana <ana@example.com>")::get,
        java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * Promotes api to prod in a fresh GitOps repository, merging at {@code start} (the canary starts),
   * then reports {@code verdict} ten minutes later and again after the 30-minute canary timeout.
   */
  java.util.List<Run> canaryReporting(String verdict, Instant start) throws Exception {
    Path repository = dir.resolve("gitops-" + verdict + ".git");
    DemoGitOpsRepository.create(repository, Pins.none().with(DEV, API, BUILT).with(STAGING, API, TESTED).with(PROD, API, RUNNING), start);
    for (String[] step : new String[][] {{"promote", "api", "--to", "staging"}, {"sync"}, {"promote", "api", "--to", "prod"},
        {"complete", "api", "--in", "prod"}}) {
      assertThat(runAt(start, repository, step).exit()).as("%s", java.util.Arrays.toString(step)).isZero();
    }
    return java.util.List.of(
        runAt(start.plus(java.time.Duration.ofMinutes(10)), repository, "complete", "api", "--in", "prod", "--canary", verdict),
        runAt(start.plus(java.time.Duration.ofMinutes(31)), repository, "complete", "api", "--in", "prod", "--canary", verdict));
  }

  @Test
  void promotes_to_prod_and_rolls_back_a_failed_canary() {
    assertThat(ok("board").out()).contains("  prod     pv-", "api sha256:c3c3c3c3c3c3",
        "api → staging: ready: sha256:a1a1a1a1a1a1 from dev", "api → prod: ready: sha256:b2b2b2b2b2b2 from staging");

    assertThat(ok("promote", "api", "--to", "staging").out())
        .isEqualTo("Opened PR #1 promoting api to staging: sha256:a1a1a1a1a1a1 from dev.\n");
    assertThat(ok("sync").out()).isEqualTo("Recorded:\n  Merged promotion PR #1 of api to staging as " + head("main").abbreviated()
        + ".\n  The promotion of api to staging is complete.\n");
    assertThat(ok("promote", "api", "--to", "prod").out()).isEqualTo("Opened PR #2 promoting api to prod: sha256:a1a1a1a1a1a1 from staging.\n");
    Run red = run("gate", "api", "--in", "prod", "--ci", "red");
    assertThat(red.exit()).isEqualTo(2);
    assertThat(red.err()).startsWith("CI is red at ");
    assertThat(ok("gate", "api", "--in", "prod").out()).isEqualTo("The gate of api → prod passes.\n");
    assertThat(ok("complete", "api", "--in", "prod").out()).startsWith("api → prod: canary since ");
    Run waiting = run("complete", "api", "--in", "prod");
    assertThat(waiting.exit()).isEqualTo(2);
    assertThat(waiting.err()).startsWith("The canary of api in prod has no verdict yet; it rolls back if none arrives by ");
    assertThat(ok("complete", "api", "--in", "prod", "--canary", "failed").out())
        .isEqualTo("api → prod: rolling back (the canary failed): PR #3 open.\n");
    ok("sync");
    assertThat(new GitCli(repo).run("show", "main:environments/prod/api/values.yaml")).contains("digest: " + RUNNING);
    Run nothing = run("rollback", "api", "--in", "prod");
    assertThat(nothing.exit()).isEqualTo(2);
    assertThat(nothing.err()).isEqualTo("Nothing to roll back: the latest promotion of api to prod is already rolled back (PR #3).\n");
    new GitCli(repo).assertFsckClean();
  }

  @Test
  void refuses_a_tag_a_skip_and_an_unknown_environment_changing_nothing() {
    Run tag = run("promote", "api", "--to", "staging", "--digest", "api:latest");
    assertThat(tag.exit()).isEqualTo(1);
    assertThat(tag.err()).isEqualTo("platinur release promote: ‘api:latest’ is not an image digest. Promotion needs a digest "
        + "(sha256: followed by 64 lowercase hexadecimal digits), never a tag: build once, then promote that digest.\n");
    Run skip = run("promote", "api", "--to", "prod", "--from", "dev");
    assertThat(skip.exit()).isEqualTo(2);
    assertThat(skip.err()).isEqualTo("No skipping: prod is entered only from staging, not from dev. Promote api to staging first.\n");
    Run unknown = run("promote", "api", "--to", "qa");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo("Unknown environment ‘qa’: the promotion path is dev → staging → prod.\n");
    assertThat(new GitCli(repo).run("for-each-ref", "refs/platinur/", "refs/heads/platinur/")).isEmpty();
  }

  @Test
  void with_github_a_missing_token_an_offline_ci_option_and_a_bad_window_are_one_line_each_changing_nothing() {
    String refs = new GitCli(repo).run("for-each-ref");
    Run noToken = run("board", "--github", "acme/gitops", "--git-url", repo.toUri().toString());
    assertThat(noToken.exit()).isEqualTo(1);
    assertThat(noToken.err()).isEqualTo("platinur release board: No GitHub token: the environment variable GITHUB_TOKEN is not set. "
        + "Export a token with access to acme/gitops, or name another variable with --token-env.\n");

    Run ci = run("gate", "api", "--in", "prod", "--github", "acme/gitops", "--ci", "green");
    assertThat(ci.exit()).isEqualTo(1);
    assertThat(ci.err()).isEqualTo("platinur release gate: --ci is for offline use: with --github, CI is what GitHub's checks "
        + "and commit statuses say at the PR's head.\n");

    Run zone = run("gate", "api", "--in", "prod", "--window", "MON-FRI 09:00-17:00 Mars/Olympus");
    assertThat(zone.exit()).isEqualTo(1);
    assertThat(zone.err()).isEqualTo("platinur release gate: --window: Unknown time zone ‘Mars/Olympus’: use an IANA zone name such as Europe/Berlin or UTC.\n");
    Run soak = run("gate", "api", "--in", "prod", "--soak", "an hour");
    assertThat(soak.exit()).isEqualTo(1);
    assertThat(soak.err()).isEqualTo("platinur release gate: --soak takes a number and d, h, m or s, such as 1d, 2h or 90m; got ‘an hour’.\n");
    assertThat(new GitCli(repo).run("for-each-ref")).isEqualTo(refs);
  }

  @Test
  void the_last_steps_gates_come_from_the_options_offline_too() {
    ok("promote", "api", "--to", "staging");
    ok("sync");
    ok("promote", "api", "--to", "prod");
    Run gated = run("gate", "api", "--in", "prod", "--approvals", "1", "--deny-window", "MON-SUN 00:00-12:00 UTC", "--deny-window", "MON-SUN 12:00-00:00 UTC", "--soak", "1000d");
    assertThat(gated.exit()).isEqualTo(2);
    assertThat(gated.err().lines()).hasSize(3).anySatisfy(line -> assertThat(line).startsWith("Needs 1 approval of head "))
        .anySatisfy(line -> assertThat(line).startsWith("A deny window (MON,TUE,WED,THU,FRI,SAT,SUN "))
        .anySatisfy(line -> assertThat(line).contains("must be deployed healthy in staging for "));
    assertThat(ok("gate", "api", "--in", "prod", "--window", "MON-SUN 00:00-12:00 UTC", "--window", "SUN-SAT 12:00-00:00 UTC").out()).isEqualTo("The gate of api → prod passes.\n");
  }

  @Test
  void an_inconclusive_canary_counts_as_no_verdict_waiting_then_rolling_back_at_the_timeout() throws Exception {
    Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    java.util.List<Run> inconclusive = canaryReporting("inconclusive", start);
    assertThat(inconclusive).as("the same answers as with no verdict").isEqualTo(canaryReporting("running", start));

    Run waiting = inconclusive.get(0);
    assertThat(waiting.exit()).isEqualTo(2);
    assertThat(waiting.err()).isEqualTo("The canary of api in prod has no verdict yet; it rolls back if none arrives by "
        + start.plus(java.time.Duration.ofMinutes(30)) + ".\n");
    Run timedOut = inconclusive.get(1);
    assertThat(timedOut.exit()).as("%s", timedOut).isZero();
    assertThat(timedOut.out()).contains(io.platinur.domain.digest.RollbackReason.CANARY_TIMED_OUT.words());

    Run failed = canaryReporting("failed", start).get(0);
    assertThat(failed.exit()).as("a failed canary rolls back at once, unlike an inconclusive one").isZero();
    assertThat(failed.out()).contains(io.platinur.domain.digest.RollbackReason.CANARY_FAILED.words());
  }

  @Test
  void a_layout_that_does_not_put_env_in_a_directory_is_refused_changing_nothing() {
    String refs = new GitCli(repo).run("for-each-ref");
    Run refused = run("board", "--layout", "apps/{service}/{env}.yaml");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).isEqualTo("platinur release board: The pin path template ‘apps/{service}/{env}.yaml’ must put {env} in a "
        + "directory that holds the values files.\n");
    Run taken = ok("board", "--layout", "environments/{env}/{service}/values.yaml");
    assertThat(taken.out()).contains("api → prod: ready: sha256:b2b2b2b2b2b2 from staging");
    assertThat(new GitCli(repo).run("for-each-ref")).isEqualTo(refs);
  }

  @Test
  void help_says_what_inconclusive_and_the_layout_mean() {
    String help = ok("complete", "--help").out().replaceAll("\\s+", " ");
    assertThat(help).contains("inconclusive counts as no verdict, as running does: the canary waits, and rolls back once --canary-timeout passes.",
        "{env} must name a directory, the environment's directory that drift compares: apps/{env}/{service}.yaml is taken, "
            + "apps/{service}/{env}.yaml refused.");
  }

  @Test
  void help_names_the_github_mode_and_the_gates_options() {
    assertThat(ok("--help").out().replaceAll("\\s+", " ")).contains("with --github OWNER/REPO, PRs, reviews, CI and deployments come from GitHub.",
        "With --gitlab GROUP/PROJECT, merge requests, approvals, pipelines and deployments come from GitLab.");
    assertThat(ok("complete", "--help").out()).contains("--github=OWNER/REPO", "--gitlab=GROUP/PROJECT", "--gitlab-api=URL", "--token-env=NAME", "--approvals=N", "--reviewers=LOGIN",
        "--soak=DURATION", "--window='DAYS HH:MM-HH:MM ZONE'", "--canary-timeout=DURATION|none", "--canary=VERDICT");
  }

  CommitId head(String branch) {
    return CommitId.of(new GitCli(repo).revParse(branch));
  }

  /** Another host merges {@code pr} on the offline host, as a person or a host that crashed before recording would. */
  CommitId mergedElsewhere(long pr) {
    try (GitStaging git = GitStaging.open(repo, DemoGitOpsRepository.config()).get()) {
      PullRequestNumber number = PullRequestNumber.of(pr);
      PullRequestState.Open open = (PullRequestState.Open) git.offlineHost().pullRequests().state(number).get();
      return git.offlineHost().pullRequests().merge(number, open.head()).get();
    }
  }

  /** Commits {@code content} as {@code path} on main, as a person editing the GitOps repository would. */
  void commitOnMain(String path, String content) throws Exception {
    Path work = dir.resolve("edit-" + System.nanoTime());
    try (Git git = Git.cloneRepository().setURI(repo.toUri().toString()).setDirectory(work.toFile()).setBranch("main").call()) {
      Files.writeString(work.resolve(path), content, StandardCharsets.UTF_8);
      git.add().addFilepattern(path).call();
      PersonIdent ops = new PersonIdent("Ops", "ops@example.com");
      git.commit().setMessage("Edit " + path).setAuthor(ops).setCommitter(ops).call();
      git.push().setRemote("origin").add("main").call();
    }
  }

  @Test
  void two_promotes_of_one_target_at_once_open_one_pr_and_the_loser_is_refused_as_already_open() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 4; round++) {
        Path shared = dir.resolve("race-" + round + ".git");
        DemoGitOpsRepository.create(shared, Pins.none().with(DEV, API, BUILT).with(STAGING, API, TESTED).with(PROD, API, RUNNING), Instant.now());
        CyclicBarrier barrier = new CyclicBarrier(2);
        List<Future<Run>> hosts = new ArrayList<>();
        for (int host = 0; host < 2; host++) {
          hosts.add(pool.submit(() -> {
            barrier.await();
            return runOn(shared, "promote", "api", "--to", "staging");
          }));
        }
        List<Run> runs = new ArrayList<>();
        for (Future<Run> host : hosts) {
          runs.add(host.get());
        }
        assertThat(runs).as("round %s: %s", round, runs).extracting(Run::exit).containsExactlyInAnyOrder(0, 2);
        assertThat(runs).filteredOn(run -> run.exit() == 0).extracting(Run::out)
            .containsExactly("Opened PR #1 promoting api to staging: sha256:a1a1a1a1a1a1 from dev.\n");
        assertThat(runs).filteredOn(run -> run.exit() == 2).extracting(Run::err)
            .containsExactly("A promotion of api to staging is already open: PR #1. Merge or close it before promoting again.\n");
        assertThat(new GitCli(shared).run("for-each-ref", "--format=%(refname)", "refs/platinur/pulls/")).isEqualTo("refs/platinur/pulls/1\n");
        new GitCli(shared).assertFsckClean();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void a_pr_another_host_merged_is_recorded_as_done_and_sync_never_asks_for_a_sync() {
    ok("promote", "api", "--to", "staging");
    CommitId merge = mergedElsewhere(1);
    assertThat(ok("sync").out()).isEqualTo("Recorded:\n  Merged promotion PR #1 of api to staging as " + merge.abbreviated()
        + ".\n  The promotion of api to staging is complete.\n");
    ok("promote", "api", "--to", "prod");
    CommitId prodMerge = mergedElsewhere(2);
    Run done = run("complete", "api", "--in", "prod");
    assertThat(done.exit()).as("%s", done).isZero();
    assertThat(done.out()).isEqualTo("api → prod: canary since " + now.get() + ".\n");
    assertThat(head("main")).isEqualTo(prodMerge);
    assertThat(ok("sync").out()).isEqualTo("Nothing to record.\n");
    assertThat(ok("history").out()).doesNotContain("Sync Promotions");
  }

  @Test
  void a_source_values_file_that_does_not_read_is_named_with_what_is_wrong() throws Exception {
    String file = PinLayout.standard().pinPath(DEV, API).value();
    String before = new GitCli(repo).run("for-each-ref", "refs/heads/platinur/", "refs/platinur/");
    for (String values : List.of("image:\n  digest: api:latest\n", "image:\n  digest: sha256:" + "A1".repeat(32) + "\n",
        "image:\n  digest: sha256:a1a1\n", "image:\n  digest: {sha256: x}\n", "image:\n  digest: [a, b]\n",
        "image:\n  digest: " + BUILT + "\n---\nimage: {}\n", "image:\n  digest: " + BUILT + "\n  digest: " + BUILT + "\n",
        "image: [digest: : :\n")) {
      commitOnMain(file, values);
      Run refused = run("promote", "api", "--to", "staging");
      assertThat(refused.exit()).as("%s for %s", refused, values).isEqualTo(1);
      assertThat(refused.err()).as("for %s", values).startsWith("platinur release promote: ").contains(file)
          .doesNotContain("has no digest pinned");
    }
    assertThat(new GitCli(repo).run("for-each-ref", "refs/heads/platinur/", "refs/platinur/")).as("nothing written").isEqualTo(before);
  }

  @Test
  void an_environment_never_promotes_into_itself() {
    Run itself = run("promote", "api", "--to", "staging", "--from", "staging");
    assertThat(itself.exit()).isEqualTo(2);
    assertThat(itself.err()).isEqualTo("An environment never promotes into itself: staging is entered only from dev.\n");
  }

  @Test
  void the_gate_during_a_canary_reports_the_canary_and_its_deadline() {
    ok("promote", "api", "--to", "staging");
    ok("sync");
    ok("promote", "api", "--to", "prod");
    ok("complete", "api", "--in", "prod");
    Run gate = run("gate", "api", "--in", "prod");
    assertThat(gate.exit()).isEqualTo(2);
    assertThat(gate.err()).isEqualTo("PR #2 promoting api to prod merged; its canary runs since " + now.get()
        + " and rolls back if no verdict arrives by " + now.get().plus(Duration.ofMinutes(30)) + ".\n");
  }

  @Test
  void a_canary_timeout_is_rolled_back_in_one_sync_when_the_reverts_gate_holds_and_says_so_when_it_does_not() {
    ok("promote", "api", "--to", "staging");
    ok("sync");
    ok("promote", "api", "--to", "prod");
    ok("complete", "api", "--in", "prod");
    now.set(now.get().plus(Duration.ofMinutes(31)));
    Run pending = run("sync", "--ci", "pending");
    assertThat(pending.out()).startsWith("Recorded:\n  Rollback PR #3 of api in prod is open: the canary gave no verdict in time.\nWaiting:\n"
        + "  Rollback PR #3 of api in prod waits for its gate: CI is still running at ").endsWith(". Another sync merges it once the gate passes.\n");
    assertThat(new GitCli(repo).run("show", "main:environments/prod/api/values.yaml")).contains("digest: " + BUILT);
    Run synced = ok("sync");
    assertThat(synced.out()).isEqualTo("Recorded:\n  Merged rollback PR #3 of api in prod as " + head("main").abbreviated()
        + "; the pin from before the promotion is back.\n");
    assertThat(new GitCli(repo).run("show", "main:environments/prod/api/values.yaml")).contains("digest: " + RUNNING);
  }

  @Test
  void a_canary_timeout_whose_revert_passes_its_gate_finishes_in_one_sync() {
    ok("promote", "api", "--to", "staging");
    ok("sync");
    ok("promote", "api", "--to", "prod");
    ok("complete", "api", "--in", "prod");
    now.set(now.get().plus(Duration.ofMinutes(31)));
    assertThat(ok("sync").out()).isEqualTo("Recorded:\n  Rollback PR #3 of api in prod is open: the canary gave no verdict in time.\n"
        + "  Merged rollback PR #3 of api in prod as " + head("main").abbreviated() + "; the pin from before the promotion is back.\n");
    assertThat(new GitCli(repo).run("show", "main:environments/prod/api/values.yaml")).contains("digest: " + RUNNING);
  }

  @Test
  void history_lists_every_change_newest_first_in_words_a_page_at_a_time() {
    assertThat(ok("history").out()).isEqualTo("No digest promotion has been recorded yet.\n");
    ok("promote", "api", "--to", "staging");
    ok("sync");
    String history = ok("history").out();
    assertThat(history.lines().toList()).hasSize(6);
    assertThat(history.lines().toList().get(0)).matches("[0-9a-f]{40}  " + java.util.regex.Pattern.quote(now.get().toString())
        + "  Ana: Synced the digest promotions");
    assertThat(history).contains("    Merged promotion PR #1 of api to staging as ", "  Ana: Opened promotion PR #1 of api to staging: "
        + "sha256:a1a1a1a1a1a1 from dev\n    Decided to promote api to staging: sha256:a1a1a1a1a1a1 from dev, replacing sha256:b2b2b2b2b2b2.\n"
        + "    Promotion PR #1 of api to staging is open.");
    String newest = history.substring(0, 40);
    assertThat(ok("history", "--limit", "1").out()).startsWith(newest).endsWith("More: --before " + newest + "\n");
    assertThat(ok("history", "--before", newest).out()).startsWith(history.lines().toList().get(3).substring(0, 40))
        .contains("Opened promotion PR #1");
    String oldest = history.lines().toList().get(3).substring(0, 40);
    assertThat(ok("history", "--before", oldest).out()).isEqualTo("No changes before " + oldest + ".\n");
    Run unknown = run("history", "--before", "0".repeat(40));
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).isEqualTo("platinur release history: No change of the digest promotions has version " + "0".repeat(40) + ".\n");
    Run json = ok("history", "--limit", "1", "--json");
    assertThat(json.out()).startsWith("{\"ok\":true,\"command\":\"release history\",\"changes\":[{\"version\":\"" + newest + "\"")
        .contains("\"type\":\"DigestPrMerged\",\"text\":\"Merged promotion PR #1 of api to staging as ")
        .endsWith(",\"before\":\"" + newest + "\"}\n");
    Run zero = run("history", "--limit", "0");
    assertThat(zero.exit()).isEqualTo(1);
    assertThat(zero.err()).isEqualTo("platinur release history: --limit takes a number of changes of at least 1; got 0.\n");
  }
}
