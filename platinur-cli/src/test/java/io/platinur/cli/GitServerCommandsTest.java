package io.platinur.cli;

import static io.platinur.cli.ReleaseCommandTest.API;
import static io.platinur.cli.ReleaseCommandTest.BUILT;
import static io.platinur.cli.ReleaseCommandTest.DEV;
import static io.platinur.cli.ReleaseCommandTest.PROD;
import static io.platinur.cli.ReleaseCommandTest.RUNNING;
import static io.platinur.cli.ReleaseCommandTest.STAGING;
import static io.platinur.cli.ReleaseCommandTest.TESTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.cli.ReleaseCommandTest.Run;
import io.platinur.cli.demo.DemoGitOpsRepository;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.preview.PreviewLayout;
import io.platinur.domain.repository.BranchName;
import io.platinur.git.GitPreviews;
import io.platinur.testkit.GitCli;
import io.platinur.testkit.GitHttpServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code release} and {@code previews} on a GitOps repository that hosts without a forge share on a
 * Git server: C Git's own {@code git http-backend} behind basic authentication. Each host keeps its
 * own local cache; the server decides every write. An option that would have no effect is refused.
 */
class GitServerCommandsTest {
  static final String USER = "ci";
  static final String SECRET = "git-server-secret-never-shown";

  @TempDir Path dir;
  GitHttpServer server;
  GitCli served;
  final Map<String, String> env = new HashMap<>(Map.of("PLATINUR_AUTHOR", "Ana <ana@example.com>", GitServer.PASSWORD_VARIABLE, SECRET));

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  Run platinur(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = PlatinurCommand.run(args, out, err, env::get);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Run ok(String... args) {
    Run run = platinur(args);
    assertThat(run.exit()).as("%s", run).isZero();
    return run;
  }

  /** The repository's URL with the user, as a person writes it. */
  String url(String name) {
    return server.url(name).replace("http://", "http://" + USER + "@");
  }

  @Nested
  class Release {
    String url;

    @BeforeEach
    void serve() throws Exception {
      DemoGitOpsRepository.create(dir.resolve("srv/gitops.git"),
          Pins.none().with(DEV, API, BUILT).with(STAGING, API, TESTED).with(PROD, API, RUNNING), Instant.now());
      server = GitHttpServer.start(dir.resolve("srv"), USER, SECRET.toCharArray());
      served = new GitCli(dir.resolve("srv/gitops.git"));
      url = url("gitops.git");
    }

    Run release(String host, String... args) {
      String[] all = java.util.stream.Stream.of(new String[] {"release"}, args,
          new String[] {"--git-url", url, "--repository", dir.resolve(host + "-cache.git").toString()})
          .flatMap(java.util.Arrays::stream).toArray(String[]::new);
      return platinur(all);
    }

    @Test
    void two_hosts_carry_a_promotion_through_the_git_server() {
      Run promoted = release("a", "promote", "api", "--to", "staging");
      assertThat(promoted.exit()).as("%s", promoted).isZero();
      assertThat(promoted.out()).isEqualTo("Opened PR #1 promoting api to staging: sha256:a1a1a1a1a1a1 from dev.\n");
      assertThat(served.run("for-each-ref", "--format=%(refname)", "refs/heads/platinur/")).isEqualTo("refs/heads/platinur/promote/api/staging\n");

      Run again = release("b", "promote", "api", "--to", "staging");
      assertThat(again.exit()).as("host b reads what host a wrote on the server").isEqualTo(2);
      assertThat(again.err()).isEqualTo("A promotion of api to staging is already open: PR #1. Merge or close it before promoting again.\n");

      assertThat(release("b", "sync").exit()).isZero();
      assertThat(served.run("show", "main:environments/staging/api/values.yaml")).contains("digest: " + BUILT);
      assertThat(release("a", "board").out()).contains("  staging  ").contains("api → prod: ready: sha256:a1a1a1a1a1a1 from staging");
      assertThat(server.pushes()).isPositive();
      served.assertFsckClean();
    }

    @Test
    void refused_credentials_are_one_line_naming_what_to_check_and_never_the_password() {
      env.put(GitServer.PASSWORD_VARIABLE, "wrong-password");
      Run refused = release("a", "board");
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err()).isEqualTo("platinur release board: " + server.url("gitops.git") + " refused the credentials. Check the user in "
          + "--git-url and the password or token in PLATINUR_GIT_PASSWORD.\n");
      assertThat(server.refusedRequests()).isPositive();
      assertThat(server.pushes()).isZero();
    }

    @Test
    void a_url_where_a_path_belongs_a_password_in_the_url_and_options_without_effect_are_refused_changing_nothing() {
      String refs = served.run("for-each-ref");
      Run urlAsPath = platinur("release", "board", "--repository", server.url("gitops.git"));
      assertThat(urlAsPath.exit()).isEqualTo(1);
      assertThat(urlAsPath.err()).isEqualTo("platinur release board: --repository takes a local path, not a URL (‘" + server.url("gitops.git")
          + "’). For a repository on a Git server, pass its URL with --git-url and a path for the local cache of its Git data with --repository.\n");

      Run password = platinur("release", "board", "--git-url", server.url("gitops.git").replace("http://", "http://ci:" + SECRET + "@"),
          "--repository", dir.resolve("a-cache.git").toString());
      assertThat(password.exit()).isEqualTo(1);
      assertThat(password.err()).isEqualTo("platinur release board: --git-url must not carry a password: name the user in the URL "
          + "(http://USER@HOST/…) and put the password or token in PLATINUR_GIT_PASSWORD.\n");

      Run noUser = platinur("release", "board", "--git-url", server.url("gitops.git"), "--repository", dir.resolve("a-cache.git").toString());
      assertThat(noUser.exit()).isEqualTo(1);
      assertThat(noUser.err()).isEqualTo("platinur release board: PLATINUR_GIT_PASSWORD is set, but --git-url names no user: write it as "
          + server.url("gitops.git").replace("http://", "http://USER@") + ".\n");

      assertThat(release("a", "board", "--github-api", "https://github.example.com/api/v3").err())
          .isEqualTo("platinur release board: --github-api has no effect without --github: it is GitHub's API root.\n");
      assertThat(release("a", "board", "--token-env", "MY_TOKEN").err()).isEqualTo("platinur release board: --token-env has no effect without "
          + "--github: it names the variable holding the GitHub token. A Git server's password or token is read from PLATINUR_GIT_PASSWORD.\n");
      Run waiting = release("a", "board", "--wait", "5", "--json");
      assertThat(waiting.exit()).isEqualTo(1);
      assertThat(waiting.out()).isEqualTo("{\"ok\":false,\"command\":\"release board\",\"outcome\":\"error\",\"kind\":\"BAD_INPUT\","
          + "\"message\":\"--wait has no effect without --github: it bounds the wait for GitHub.\"}\n");
      assertThat(release("a", "board").exit()).as("the same line without the refused option reads the board").isZero();
      Run ftp = platinur("release", "board", "--git-url", "ftp://git.example.com/gitops.git", "--repository", dir.resolve("a-cache.git").toString());
      assertThat(ftp.err()).isEqualTo("platinur release board: --git-url takes the URL of a Git repository (file://, https:// or ssh://), "
          + "got ‘ftp://git.example.com/gitops.git’.\n");

      for (Run run : java.util.List.of(urlAsPath, password, noUser, waiting, ftp)) {
        assertThat(run.err() + run.out()).doesNotContain(SECRET);
      }
      assertThat(served.run("for-each-ref")).isEqualTo(refs);
      assertThat(server.pushes()).isZero();
    }

    @Test
    void a_local_bare_repository_needs_no_git_url_and_a_file_url_works_as_a_server() {
      Path local = dir.resolve("srv/gitops.git");
      assertThat(platinur("release", "board", "--repository", local.toString()).exit()).isZero();
      Run viaFile = platinur("release", "promote", "api", "--to", "staging", "--git-url", local.toUri().toString(),
          "--repository", dir.resolve("file-cache.git").toString());
      assertThat(viaFile.out()).isEqualTo("Opened PR #1 promoting api to staging: sha256:a1a1a1a1a1a1 from dev.\n");
      assertThat(served.revParse("refs/heads/platinur/promote/api/staging")).isNotEmpty();
    }
  }

  @Nested
  class Previews {
    static final String DIGEST = "sha256:" + "5e".repeat(32);
    Path lane;
    String head;
    String url;

    @BeforeEach
    void laneWithAPullRequest() throws Exception {
      lane = Files.createDirectories(dir.resolve("lane"));
      ok("init", "--repository", lane.resolve("lane.git").toString(), "--dir", lane.toString());
      Files.createDirectories(lane.resolve("in/models"));
      Files.writeString(lane.resolve("in/models/orders.sql"), "select 1\n");
      ok("propose", "--title", "Add orders model", "--from", lane.resolve("in").toString(), "--dir", lane.toString());
      ok("apply", "p-1", "--dir", lane.toString());
      ok("promote", "--dir", lane.toString());
      head = new GitCli(lane.resolve("lane.git")).revParse("refs/heads/staging");
      Files.writeString(lane.resolve("builds.txt"), head + " " + DIGEST + "\n");
      GitPreviews.init(dir.resolve("srv/previews.git"), BranchName.of("main"), PreviewLayout.standard()).get().close();
      server = GitHttpServer.start(dir.resolve("srv"), USER, SECRET.toCharArray());
      served = new GitCli(dir.resolve("srv/previews.git"));
      url = url("previews.git");
    }

    @Test
    void two_hosts_keep_previews_in_the_git_server_s_repository() {
      ok("previews", "reconcile", "--gitops", dir.resolve("a-cache.git").toString(), "--gitops-url", url, "--builds", "builds.txt",
          "--dir", lane.toString());
      assertThat(served.run("show", "main:previews/pr-1/values.yaml")).contains("digest: \"" + DIGEST + "\"");

      Run listed = ok("previews", "--gitops", dir.resolve("b-cache.git").toString(), "--gitops-url", url, "--builds", "builds.txt",
          "--dir", lane.toString());
      assertThat(listed.out()).contains("PR 1  " + head.substring(0, 7) + "  sha256:5e5e5e5e5e5e  age ").endsWith("  live\n");
      Run nothing = ok("previews", "reconcile", "--gitops", dir.resolve("b-cache.git").toString(), "--gitops-url", url, "--builds", "builds.txt",
          "--dir", lane.toString());
      assertThat(nothing.out()).isEqualTo("Nothing to change.\n");
      served.assertFsckClean();
    }

    @Test
    void a_url_for_gitops_and_options_for_a_github_lane_on_an_offline_one_are_refused_changing_nothing() {
      String refs = served.run("for-each-ref");
      Run urlAsPath = platinur("previews", "reconcile", "--gitops", server.url("previews.git"), "--dir", lane.toString());
      assertThat(urlAsPath.exit()).isEqualTo(1);
      assertThat(urlAsPath.err()).isEqualTo("platinur previews reconcile: --gitops takes a local path, not a URL (‘" + server.url("previews.git")
          + "’). For a repository on a Git server, pass its URL with --gitops-url and a path for the local cache of its Git data with --gitops.\n");
      Run gitUrl = platinur("previews", "reconcile", "--gitops", dir.resolve("a-cache.git").toString(), "--git-url", url, "--dir", lane.toString());
      assertThat(gitUrl.exit()).isEqualTo(1);
      assertThat(gitUrl.err()).isEqualTo("platinur previews reconcile: --git-url has no effect on a lane without GitHub: it is where a GitHub "
          + "lane's Git data lives. For a GitOps repository on a Git server, use --gitops-url.\n");
      Run wait = platinur("previews", "--gitops", dir.resolve("a-cache.git").toString(), "--gitops-url", url, "--wait", "3", "--dir", lane.toString());
      assertThat(wait.err()).isEqualTo("platinur previews: --wait has no effect on a lane without GitHub: it bounds the wait for GitHub.\n");
      env.put(GitServer.PASSWORD_VARIABLE, "wrong");
      Run refused = platinur("previews", "reconcile", "--gitops", dir.resolve("a-cache.git").toString(), "--gitops-url", url, "--dir", lane.toString());
      assertThat(refused.err()).isEqualTo("platinur previews reconcile: " + server.url("previews.git") + " refused the credentials. "
          + "Check the user in --gitops-url and the password or token in PLATINUR_GIT_PASSWORD.\n");
      assertThat(served.run("for-each-ref")).isEqualTo(refs);
      assertThat(server.pushes()).isZero();
    }
  }
}
