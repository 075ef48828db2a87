package io.platinur.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.platinur.cli.demo.DemoGitOpsRepository;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.ServiceName;
import io.platinur.testkit.GitCli;
import io.platinur.testkit.forge.FakeGitHub;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code platinur release … --github} run as a user runs it (the packaged jar, a separate process)
 * against a GitHub that answers with the bodies GitHub documents (WireMock) and whose Git data is a
 * real bare repository: a digest climbs dev → staging → prod through PRs with reviews, a
 * self-approval does not count, a failed canary rolls back; every write GitHub received is checked
 * in WireMock's request journal. Bad credentials, an unknown repository, a spent rate limit and an
 * unreachable GitHub are one line each, exit 1, and change nothing; the token is never printed.
 */
class ReleaseOnGitHubIT {
  static final String TOKEN = "ghp_releaseTokenNeverShown0123456789abcd";
  static final ServiceName API = ServiceName.of("api");
  static final EnvironmentName DEV = EnvironmentName.of("dev");
  static final EnvironmentName STAGING = EnvironmentName.of("staging");
  static final EnvironmentName PROD = EnvironmentName.of("prod");
  static final String BUILT = "sha256:" + "a1".repeat(32);
  static final String TESTED = "sha256:" + "b2".repeat(32);
  static final String RUNNING = "sha256:" + "c3".repeat(32);

  final Jar jar = Jar.packaged().withEnv(Map.of("GITHUB_TOKEN", TOKEN));
  final List<Jar.Result> everything = java.util.Collections.synchronizedList(new ArrayList<>());

  @TempDir
  Path dir;
  Path gitops;
  GitCli git;
  WireMockServer server;

  @BeforeEach
  void gitopsRepository() throws IOException {
    gitops = dir.resolve("gitops.git");
    DemoGitOpsRepository.create(gitops, Pins.none().with(DEV, API, ImageDigest.of(BUILT)).with(STAGING, API, ImageDigest.of(TESTED))
        .with(PROD, API, ImageDigest.of(RUNNING)), Instant.now().minus(Duration.ofDays(1)));
    git = new GitCli(gitops);
    git.run("update-ref", "-d", "refs/heads/staging"); // a GitOps repository has its one branch only
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
    for (Jar.Result result : everything) {
      assertThat(result.out() + result.err()).as("the token is never printed").doesNotContain(TOKEN).doesNotContain(TOKEN.substring(4, 20));
    }
  }

  Jar.Result run(Jar with, String api, String... args) {
    return onHost("cache.git", with, api, args);
  }

  /** A run on a host whose cache of the GitHub repository's Git data is {@code cache}. */
  Jar.Result onHost(String cache, Jar with, String api, String... args) {
    List<String> all = new ArrayList<>(List.of("release"));
    all.addAll(List.of(args));
    all.addAll(List.of("--github", "acme/gitops", "--github-api", api, "--git-url", gitops.toUri().toString(), "--repository", cache));
    Jar.Result result = with.run(dir, all.toArray(String[]::new));
    everything.add(result);
    return result;
  }

  List<String> writes() {
    return server.getAllServeEvents().stream().map(ServeEvent::getRequest).filter(request -> !request.getMethod().getName().equals("GET"))
        .map(request -> request.getMethod().getName() + " " + request.getUrl()).sorted().toList();
  }

  @Nested
  class A_digest_climbing_to_prod {
    FakeGitHub github;

    @BeforeEach
    void start() throws IOException {
      github = new FakeGitHub(gitops, "acme", "gitops");
      server = new WireMockServer(wireMockConfig().dynamicPort().extensions(github));
      server.start();
      github.serveAt(server.baseUrl());
      // the CD pipeline's deployments, with their payloads: what runs where, since when
      Instant now = Instant.now();
      github.digestDeployed("dev", "api", BUILT, "success", now.minus(Duration.ofHours(3)));
      github.digestDeployed("staging", "api", TESTED, "success", now.minus(Duration.ofHours(30)));
      github.digestDeployed("prod", "api", RUNNING, "success", now.minus(Duration.ofHours(40)));
    }

    @AfterEach
    void close() {
      assertThat(github.unhandled()).as("asked for nothing this fake does not model").isEmpty();
      github.close();
    }

    Jar.Result ok(String... args) {
      Jar.Result result = run(jar, server.baseUrl(), args);
      assertThat(result.exit()).as(result.toString()).isZero();
      assertThat(result.err()).as(result.toString()).isEmpty();
      return result;
    }

    /** Rejected by a rule: exit 2, the message alone on standard error, nothing written to GitHub or Git. */
    String rejected(String... args) {
      String refs = git.run("for-each-ref");
      List<String> writes = writes();
      Jar.Result result = run(jar, server.baseUrl(), args);
      assertThat(result.exit()).as(result.toString()).isEqualTo(2);
      assertThat(result.out()).as(result.toString()).isEmpty();
      assertThat(git.run("for-each-ref")).isEqualTo(refs);
      assertThat(writes()).isEqualTo(writes);
      return result.err();
    }

    String head(String branch) {
      return git.revParse("refs/heads/" + branch);
    }

    String pin(String environment) {
      return git.run("show", "main:environments/" + environment + "/api/values.yaml");
    }

    @Test
    void with_reviews_refuses_a_self_approval_and_rolls_back_a_failed_canary_sending_each_write_once() throws IOException {
      String prodBefore = pin("prod");
      assertThat(ok("board").out()).contains("api → staging: ready: sha256:a1a1a1a1a1a1 from dev",
          "api → prod: ready: sha256:b2b2b2b2b2b2 from staging");

      assertThat(ok("promote", "api", "--to", "staging").out()).isEqualTo("Opened PR #1 promoting api to staging: sha256:a1a1a1a1a1a1 from dev.\n");
      String toStaging = head("platinur/promote/api/staging");
      assertThat(git.run("diff", "main", toStaging, "--stat").strip()).startsWith("environments/staging/api/values.yaml | 2 +-");
      assertThat(ok("sync").out()).as("no CI has reported at the PR's head yet").isEqualTo("Nothing to record.\n");
      github.checkRunCompleted(toStaging, "build", "success");
      assertThat(ok("sync").out()).startsWith("Recorded:\n  Merged promotion PR #1 of api to staging as ");
      assertThat(pin("staging")).contains("digest: " + BUILT);
      github.digestDeployed("staging", "api", BUILT, "success", Instant.now().minus(Duration.ofMinutes(20)));

      assertThat(ok("promote", "api", "--to", "prod").out()).isEqualTo("Opened PR #2 promoting api to prod: sha256:a1a1a1a1a1a1 from staging.\n");
      String toProd = head("platinur/promote/api/prod");
      github.checkRunCompleted(toProd, "build", "success");
      github.review(2, "octocat", "APPROVED", Instant.now());
      String selfApproved = "Needs 1 approval of head " + toProd.substring(0, 7) + "; has 0. Not counted: octocat is the PR's author.";
      String soaking = "sha256:a1a1a1a1a1a1 must be deployed healthy in staging for 1 h before entering prod; it has been for 2\\d min\\.";
      assertThat(rejected("gate", "api", "--in", "prod")).as("soak counts from the deployment status's time")
          .matches(java.util.regex.Pattern.quote(selfApproved) + "\n" + soaking + "\n");
      assertThat(rejected("complete", "api", "--in", "prod"))
          .startsWith("PR #2 promoting api to prod cannot merge yet: " + selfApproved);
      assertThat(pin("prod")).isEqualTo(prodBefore);

      github.review(2, "hubot", "APPROVED", Instant.now());
      assertThat(ok("gate", "api", "--in", "prod", "--soak", "15m").out()).isEqualTo("The gate of api → prod passes.\n");
      assertThat(ok("complete", "api", "--in", "prod", "--soak", "15m").out()).startsWith("api → prod: canary since ");
      assertThat(pin("prod")).contains("digest: " + BUILT);
      String promotedAt = git.revParse("main");

      assertThat(ok("complete", "api", "--in", "prod", "--canary", "failed").out())
          .isEqualTo("api → prod: rolling back (the canary failed): PR #3 open.\n");
      github.checkRunCompleted(head("platinur/rollback/api/prod"), "build", "success");
      assertThat(ok("sync").out()).startsWith("Recorded:\n  Merged rollback PR #3 of api in prod as ");
      assertThat(pin("prod")).isEqualTo(prodBefore);
      assertThat(git.run("diff", promotedAt + "^1", "main").strip()).as("the revert restores every byte").isEmpty();
      assertThat(rejected("rollback", "api", "--in", "prod"))
          .isEqualTo("Nothing to roll back: the latest promotion of api to prod is already rolled back (PR #3).\n");

      assertThat(writes()).as("every write GitHub received, each once").containsExactly(
          "POST /repos/acme/gitops/pulls", "POST /repos/acme/gitops/pulls", "POST /repos/acme/gitops/pulls",
          "PUT /repos/acme/gitops/pulls/1/merge", "PUT /repos/acme/gitops/pulls/2/merge", "PUT /repos/acme/gitops/pulls/3/merge");
      assertThat(git.run("for-each-ref", "--format=%(refname)", "refs/platinur/")).isEqualTo("refs/platinur/digest-promotions\n");
      git.assertFsckClean();
    }
    @Test
    void two_hosts_promoting_the_same_service_at_once_open_one_pr() {
      var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> onHost("a.git", jar, server.baseUrl(), "promote", "api", "--to", "staging"));
      var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> onHost("b.git", jar, server.baseUrl(), "promote", "api", "--to", "staging"));
      List<Jar.Result> both = List.of(first.join(), second.join());

      String opened = "Opened PR #1 promoting api to staging: sha256:a1a1a1a1a1a1 from dev.\n";
      String alreadyOpen = "A promotion of api to staging is already open: PR #1. Merge or close it before promoting again.\n";
      assertThat(both).as("%s", both).anySatisfy(result -> assertThat(result.out()).isEqualTo(opened))
          // the loser, even of the race to push the promotion branch, is refused as already open: never an internal error
          .allSatisfy(result -> assertThat(result.out().equals(opened) && result.exit() == 0 || result.err().equals(alreadyOpen) && result.exit() == 2)
              .as("%s", result).isTrue());
      assertThat(writes()).as("at most one create each, and no merge").allMatch(write -> write.equals("POST /repos/acme/gitops/pulls"));
      assertThat(ok("board").out()).contains("api → staging: PR #1 open");
      assertThat(run(jar, server.baseUrl(), "gate", "api", "--in", "staging").err()).startsWith("No CI checks reported at ");
      git.assertFsckClean();
    }
  }

  @Nested
  class When_github_says_no {
    /** Bad input or a host failure: exit 1, one line on standard error, nothing on standard output, nothing written. */
    String refused(Jar with, String api, String... args) {
      String refs = git.run("for-each-ref");
      Jar.Result result = run(with, api, args);
      assertThat(result.exit()).as(result.toString()).isEqualTo(1);
      assertThat(result.out()).as(result.toString()).isEmpty();
      assertThat(result.err().lines()).as(result.toString()).hasSize(1);
      assertThat(git.run("for-each-ref")).isEqualTo(refs);
      if (server != null) {
        assertThat(writes()).isEmpty();
      }
      return result.err();
    }

    void answer(int status, Map<String, String> headers, String body) {
      server = new WireMockServer(wireMockConfig().dynamicPort());
      server.start();
      var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
      headers.forEach(response::withHeader);
      server.stubFor(any(anyUrl()).willReturn(response));
    }

    @Test
    void without_a_token() {
      assertThat(refused(Jar.packaged(), "http://127.0.0.1:9", "promote", "api", "--to", "staging")).isEqualTo("platinur release promote: "
          + "No GitHub token: the environment variable GITHUB_TOKEN is not set. Export a token with access to acme/gitops, or name another variable with --token-env.\n");
    }

    @Test
    void with_a_token_github_refuses() {
      answer(401, Map.of(), "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}");
      assertThat(refused(jar, server.baseUrl(), "promote", "api", "--to", "staging")).isEqualTo("platinur release promote: "
          + "Reading the deployments of api to dev: GitHub answered 401 (“Bad credentials”). "
          + "Check the token in GITHUB_TOKEN: GitHub refused it, or it has no access to acme/gitops.\n");
    }

    @Test
    void for_a_repository_github_does_not_know() {
      answer(404, Map.of(), "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/repos/repos#get-a-repository\",\"status\":\"404\"}");
      assertThat(refused(jar, server.baseUrl(), "board")).isEqualTo("platinur release board: "
          + "Reading the deployments of api to dev: GitHub answered 404 (not found, or not visible to these credentials). Check that acme/gitops exists and that the token "
          + "in GITHUB_TOKEN can read it (GitHub answers 404 for a repository a token cannot see).\n");
    }

    @Test
    void once_the_rate_limit_is_spent() {
      long reset = Instant.now().plus(Duration.ofMinutes(42)).getEpochSecond();
      answer(403, Map.of("x-ratelimit-limit", "5000", "x-ratelimit-remaining", "0", "x-ratelimit-used", "5000",
          "x-ratelimit-reset", Long.toString(reset), "x-ratelimit-resource", "core"),
          "{\"message\":\"API rate limit exceeded for user ID 1.\",\"documentation_url\":"
              + "\"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting\",\"status\":\"403\"}");
      assertThat(refused(jar, server.baseUrl(), "promote", "api", "--to", "staging"))
          .matches("platinur release promote: Reading the deployments of api to dev: GitHub's rate limit is exhausted for GET /repos/acme/gitops; "
              + "retry in \\d+ s\\. Run the command again once the limit resets\\.\n");
    }

    @Test
    void when_github_takes_connections_and_never_answers() throws IOException {
      try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
        assertThat(refused(jar, "http://127.0.0.1:" + hung.getLocalPort(), "promote", "api", "--to", "staging", "--wait", "3"))
            .as("on a slow machine the fetch before the first API call may be what the time ran out on")
            .matches("platinur release promote: GitHub did not answer within 3 s(, while fetching the GitOps repository from GitHub)?; "
                + "stopped waiting\\. Run ‘platinur release board’ to see where the promotions are, or allow longer with --wait SECONDS\\.\n");
      }
    }

    @Test
    void when_github_cannot_be_reached() throws IOException {
      int closed;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        closed = socket.getLocalPort();
      }
      assertThat(refused(jar, "http://127.0.0.1:" + closed, "promote", "api", "--to", "staging"))
          .startsWith("platinur release promote: Reading the deployments of api to dev: GitHub could not be reached for GET /repos/acme/gitops ")
          .endsWith(". Run the command again when GitHub can be reached.\n");
    }
  }
}
