package io.platinur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.ServiceName;
import io.platinur.examples.digest.GitOpsRepository;
import io.platinur.testkit.GitCli;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
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

  @BeforeEach
  void gitops() throws Exception {
    repo = dir.resolve("gitops.git");
    GitOpsRepository.create(repo, Pins.none().with(DEV, API, BUILT).with(STAGING, API, TESTED).with(PROD, API, RUNNING), Instant.now());
  }

  Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 3];
    all[0] = "release";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--repository";
    all[args.length + 2] = repo.toString();
    int exit = PlatinurCommand.run(all, out, err, Map.of("PLATINUR_AUTHOR", "Ana <ana@example.com>")::get);
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
    GitOpsRepository.create(repository, Pins.none().with(DEV, API, BUILT).with(STAGING, API, TESTED).with(PROD, API, RUNNING), start);
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
    assertThat(ok("sync").out()).startsWith("Recorded:\n  PromotionMerged[");
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
}
