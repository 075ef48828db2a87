package io.platinur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.cli.demo.DemoGitOpsRepository;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.ServiceName;
import io.platinur.testkit.GitCli;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Promote by digest with no forge at all, approval included, through the command: a prod step that
 * needs an approval waits for one, refuses its author's, counts another reviewer's of the current
 * head only, merges and completes; a promotion PR closed unmerged with {@code pr close} is recorded
 * by {@code release sync} and the pin never moves.
 */
class OfflineReleaseApprovalTest {
  static final ServiceName API = ServiceName.of("api");
  static final EnvironmentName DEV = EnvironmentName.of("dev");
  static final EnvironmentName STAGING = EnvironmentName.of("staging");
  static final EnvironmentName PROD = EnvironmentName.of("prod");
  static final ImageDigest BUILT = ImageDigest.of("sha256:" + "a1".repeat(32));
  static final ImageDigest TESTED = ImageDigest.of("sha256:" + "b2".repeat(32));
  static final ImageDigest RUNNING = ImageDigest.of("sha256:" + "c3".repeat(32));
  static final ImageDigest NEXT = ImageDigest.of("sha256:" + "d4".repeat(32));

  @TempDir
  Path dir;
  Path repo;
  GitCli git;

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void gitops() throws Exception {
    repo = dir.resolve("gitops.git");
    DemoGitOpsRepository.create(repo, Pins.none().with(DEV, API, BUILT).with(STAGING, API, TESTED).with(PROD, API, RUNNING), Instant.now());
    git = new GitCli(repo);
  }

  /** {@code platinur ARGS --repository gitops.git}, run by Ana. */
  Run run(String... args) {
    return runOn(repo, args);
  }

  Run runOn(Path repository, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--repository");
    all.add(repository.toString());
    int exit = PlatinurCommand.run(all.toArray(String[]::new), out, err, Map.of("PLATINUR_AUTHOR", "Ana <ana@example.com>")::get);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** {@code platinur ARGS}, run by Ana, with no repository added. */
  Run raw(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = PlatinurCommand.run(args, out, err, Map.of("PLATINUR_AUTHOR", "Ana <ana@example.com>")::get);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Run ok(String... args) {
    Run run = run(args);
    assertThat(run.exit()).as("%s", run).isZero();
    return run;
  }

  Run refused(String... args) {
    Run run = run(args);
    assertThat(run.exit()).as("%s", run).isEqualTo(2);
    return run;
  }

  String head(String branch) {
    return git.revParse("refs/heads/" + branch);
  }

  @Test
  void a_prod_step_that_needs_an_approval_passes_with_no_forge() {
    ok("release", "promote", "api", "--to", "staging");
    ok("release", "sync");
    assertThat(ok("release", "promote", "api", "--to", "prod").out()).startsWith("Opened PR #2 promoting api to prod");
    String prHead = head("platinur/promote/api/prod").substring(0, 7);

    Run waiting = refused("release", "complete", "api", "--in", "prod", "--approvals", "1");
    assertThat(waiting.err()).isEqualTo("PR #2 promoting api to prod cannot merge yet: Needs 1 approval of head " + prHead + "; has 0.\n");

    Run own = refused("pr", "approve", "2", "--reviewer", "ana");
    assertThat(own.err()).isEqualTo("ana opened PR #2 and cannot approve it: an approval counts only from someone other than "
        + "the pull request's author.\n");

    assertThat(ok("pr", "approve", "2", "--reviewer", "lisa").out()).isEqualTo("lisa approved PR #2 at its head " + prHead + ".\n");
    assertThat(ok("release", "gate", "api", "--in", "prod", "--approvals", "1").out()).isEqualTo("The gate of api → prod passes.\n");

    // someone pushes to the PR's branch: lisa's approval is of an older head now
    String moved = git.run("commit-tree", "platinur/promote/api/prod^{tree}", "-p", "platinur/promote/api/prod", "-m", "Touch up").strip();
    git.run("update-ref", "refs/heads/platinur/promote/api/prod", moved);
    Run older = refused("release", "gate", "api", "--in", "prod", "--approvals", "1");
    assertThat(older.err()).isEqualTo("Needs 1 approval of head " + moved.substring(0, 7) + "; has 0. Not counted: lisa approved an older head ("
        + prHead + ").\n");

    Run json = ok("pr", "approve", "2", "--reviewer", "lisa", "--json");
    assertThat(json.out()).startsWith("{\"ok\":true,\"command\":\"pr approve\",\"pr\":2,\"reviewer\":\"lisa\",\"state\":\"APPROVED\",\"head\":\""
        + moved + "\",\"submittedAt\":\"");
    assertThat(ok("release", "complete", "api", "--in", "prod", "--approvals", "1").out()).startsWith("api → prod: canary since ");
    assertThat(ok("release", "complete", "api", "--in", "prod", "--approvals", "1", "--canary", "passed").out())
        .isEqualTo("api → prod: promoted.\n");
    assertThat(git.run("show", "main:environments/prod/api/values.yaml")).contains("digest: " + BUILT);

    Run merged = refused("pr", "approve", "2", "--reviewer", "omar");
    assertThat(merged.err()).isEqualTo("Pull request #2 is merged; only an open pull request is reviewed.\n");
    git.assertFsckClean();
  }

  @Test
  void a_promotion_pr_closed_unmerged_is_recorded_by_sync_and_the_pin_never_moves() throws Exception {
    ok("release", "promote", "api", "--to", "prod");
    String prod = git.run("show", "main:environments/prod/api/values.yaml");

    assertThat(ok("pr", "close", "1").out()).isEqualTo("Closed PR #1 from platinur/promote/api/prod into main without merging.\n");
    assertThat(ok("release", "sync").out()).startsWith("Recorded:\n");
    assertThat(ok("release", "board").out()).contains("api → prod: ready: " + TESTED.abbreviated() + " from staging");
    assertThat(git.run("show", "main:environments/prod/api/values.yaml")).isEqualTo(prod);

    assertThat(ok("pr", "close", "1", "--json").out())
        .isEqualTo("{\"ok\":true,\"command\":\"pr close\",\"pr\":1,\"state\":\"closed\"}\n");
    assertThat(ok("pr", "close", "1").out()).isEqualTo("PR #1 was already closed; nothing to do.\n");
    Run approveClosed = refused("pr", "approve", "1", "--reviewer", "lisa");
    assertThat(approveClosed.err()).isEqualTo("Pull request #1 is closed; only an open pull request is reviewed.\n");

    ok("release", "promote", "api", "--to", "prod");
    ok("release", "complete", "api", "--in", "prod", "--canary-timeout", "none");
    Run mergedClose = refused("pr", "close", "2");
    assertThat(mergedClose.err()).startsWith("PR #2 is merged (as ").endsWith("); a merged pull request cannot be closed.\n");
    git.assertFsckClean();
  }

  @Test
  void hosts_sharing_the_gitops_repository_on_a_git_server_see_each_others_approval_and_close() {
    String url = repo.toUri().toString();
    String a = dir.resolve("a-cache.git").toString();
    String b = dir.resolve("b-cache.git").toString();
    assertThat(raw("release", "promote", "api", "--to", "prod", "--git-url", url, "--repository", a).exit()).isZero();

    Run approved = raw("pr", "approve", "1", "--reviewer", "lisa", "--git-url", url, "--repository", b);
    assertThat(approved.exit()).as("%s", approved).isZero();
    assertThat(approved.out()).isEqualTo("lisa approved PR #1 at its head " + head("platinur/promote/api/prod").substring(0, 7) + ".\n");
    assertThat(git.run("cat-file", "blob", "refs/platinur/pulls/1:pull")).endsWith("\tlisa\n");
    Run gate = raw("release", "gate", "api", "--in", "prod", "--approvals", "1", "--git-url", url, "--repository", a);
    assertThat(gate.out()).as("%s", gate).isEqualTo("The gate of api → prod passes.\n");

    Run closed = raw("pr", "close", "1", "--git-url", url, "--repository", b);
    assertThat(closed.out()).as("%s", closed).isEqualTo("Closed PR #1 from platinur/promote/api/prod into main without merging.\n");
    assertThat(git.run("for-each-ref", "refs/platinur/pulls/", "refs/platinur/open-pulls/")).isEmpty();
    assertThat(raw("release", "sync", "--git-url", url, "--repository", a).out()).startsWith("Recorded:\n");

    Run branch = run("pr", "approve", "1", "--reviewer", "lisa", "--branch", "main");
    assertThat(branch.exit()).isEqualTo(1);
    assertThat(branch.err()).isEqualTo("platinur pr approve: --branch has no effect without --git-url: it is the GitOps branch fetched "
        + "from the Git server.\n");
    Run asUrl = raw("pr", "close", "1", "--repository", url);
    assertThat(asUrl.exit()).isEqualTo(1);
    assertThat(asUrl.err()).startsWith("platinur pr close: --repository takes a local path, not a URL (");
    Run token = run("pr", "close", "1", "--token-env", "MY_TOKEN");
    assertThat(token.err()).isEqualTo("platinur pr close: --token-env has no effect without --github: it names the variable holding the "
        + "GitHub token. A Git server's password or token is read from PLATINUR_GIT_PASSWORD.\n");
    git.assertFsckClean();
  }

  @Test
  void bad_numbers_logins_and_forge_options_are_one_line_each_changing_nothing() {
    ok("release", "promote", "api", "--to", "prod");
    String refs = git.run("for-each-ref");

    Run missing = run("pr", "approve", "9", "--reviewer", "lisa");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("platinur pr approve: Pull request #9 does not exist.\n");
    Run blank = run("pr", "approve", "1", "--reviewer", " ");
    assertThat(blank.exit()).isEqualTo(1);
    assertThat(blank.err()).isEqualTo("platinur pr approve: ‘ ’ is not a login: give a name of 1 to 100 characters without control characters.\n");
    Run github = run("pr", "close", "1", "--github", "acme/gitops");
    assertThat(github.exit()).isEqualTo(1);
    assertThat(github.err()).isEqualTo("platinur pr close: --repository names a repository whose pull requests Platinur keeps offline; "
        + "with --github or --gitlab, close the pull request on the forge.\n");
    Run zero = run("pr", "close", "0");
    assertThat(zero.exit()).isEqualTo(1);
    assertThat(zero.err()).isEqualTo("platinur pr close: A pull request number is a positive whole number, got 0.\n");
    Run noNumber = run("pr", "close");
    assertThat(noNumber.exit()).isEqualTo(1);
    assertThat(noNumber.err()).isEqualTo("platinur pr close: Say which pull request to close: ‘platinur pr close N --repository " + repo + "’.\n");
    Run noRepository = runOn(dir.resolve("none.git"), "pr", "approve", "1", "--reviewer", "lisa");
    assertThat(noRepository.exit()).isEqualTo(1);
    assertThat(noRepository.err()).isEqualTo("platinur pr approve: There is no repository at " + dir.resolve("none.git") + ".\n");
    assertThat(git.run("for-each-ref")).isEqualTo(refs);
  }
}
