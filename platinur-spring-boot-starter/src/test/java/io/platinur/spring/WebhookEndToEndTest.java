package io.platinur.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.Actor;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitStaging;
import io.platinur.port.TimeSource;
import io.platinur.testkit.GitCli;
import io.platinur.testkit.forge.FakeGitHub;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in a running host, on a random port: the lane on a real bare Git repository, promotion
 * PRs on the fake GitHub (WireMock answering in GitHub's REST shapes, its branches that repository's).
 * The host's syncs run on an executor the test drains by hand, so it sees that the webhook is answered
 * before the sync runs, and then what the sync did.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = WebhookEndToEndTest.Host.class)
@ExtendWith(OutputCaptureExtension.class)
class WebhookEndToEndTest {
  static final String WEBHOOK_SECRET = "whsec-e2e-7f3a9c21";
  static final String TOKEN = "ghp_endToEndTestToken0123456789abcdef";
  static final String STAGING_SECRET = "staging-db-password-5521";
  static final String PROD_SECRET = "prod-db-password-8834";
  static final ObjectMapper JSON = new ObjectMapper();

  static Path dir;
  static FakeGitHub github;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    dir = Files.createTempDirectory("platinur-starter-e2e");
    Path bare = dir.resolve("analytics.git");
    GitStaging.init(bare, GitLaneConfig.of(BranchName.of("main"), BranchName.of("staging")),
        new CommitAuthor("Ana", "ana@example.com", Instant.parse("2026-11-24T09:00:00Z"))).get().close();
    github = FakeGitHub.start(bare, "acme", "analytics");
    registry.add("platinur.repository.path", bare::toString);
    registry.add("platinur.github.repository", () -> "acme/analytics");
    registry.add("platinur.github.api-url", () -> github.apiEndpoint().toString());
    registry.add("platinur.github.token-variable", () -> "PLATINUR_E2E_TOKEN");
    registry.add("PLATINUR_E2E_TOKEN", () -> TOKEN);
    registry.add("platinur.github.webhook-secret", () -> WEBHOOK_SECRET);
    registry.add("platinur.environments.staging.secrets.DB_PASSWORD", () -> STAGING_SECRET);
    registry.add("platinur.environments.prod.secrets.DB_PASSWORD", () -> PROD_SECRET);
    registry.add("platinur.sync.enabled", () -> "false");
    registry.add("management.endpoints.web.exposure.include", () -> "health,info,env,configprops");
    registry.add("management.endpoint.health.show-details", () -> "always");
    registry.add("management.endpoint.env.show-values", () -> "always");
    registry.add("management.endpoint.configprops.show-values", () -> "always");
  }

  @AfterAll
  static void stop() {
    github.close();
  }

  /** The host: Spring Boot's auto-configuration, and syncs on an executor the test drains. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Host {
    final Deque<Runnable> queued = new ArrayDeque<>();

    @Bean
    PlatinurSyncs hostSyncs(TimeSource time, ObjectProvider<StagingLaneService> lane) {
      return new PlatinurSyncs(queued::add, Actor.of("Platinur"), time, Option.of(lane.getIfAvailable()), Option.none(),
          Option.none(), () -> {});
    }

    /** Runs what the webhook asked for; answers how many syncs ran. */
    int drain() {
      int ran = 0;
      while (!queued.isEmpty()) {
        queued.poll().run();
        ran++;
      }
      return ran;
    }
  }

  @LocalServerPort
  int port;
  @Autowired
  Host host;
  @Autowired
  StagingLaneService lane;

  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void a_signed_webhook_for_the_merged_promotion_pr_finalizes_the_lane_and_its_redelivery_does_nothing() throws Exception {
    Proposal proposal = Proposal.builder(ProposalId.of("p-e2e"), "Add orders model").write("models/orders.sql", "select 1\n").build();
    assertThat(lane.apply(proposal, new CommitAuthor("Ana", "ana@example.com", Instant.parse("2026-11-24T10:00:00Z"))).isRight()).isTrue();
    PromotionPullRequest pr = lane.openPromotionPr(Actor.of("Ana")).get();
    long number = pr.number().value();
    assertThat(github.mergeInWebInterface(number)).isTrue();
    String mergeCommit = github.pullRequest(number).get().mergeCommit().get();
    GitCli git = new GitCli(dir.resolve("analytics.git"));
    assertThat(lane.lane().get().lock().isLocked()).isTrue();

    byte[] body = mergedPayload(number, mergeCommit);
    HttpResponse<String> answer = deliver("pull_request", "d-merged-1", sign(body), body);

    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(answer.body()).isEqualTo("Accepted: PR #" + number + " merged; Sync Promotions asked for.\n");
    assertThat(lane.lane().get().lock().isLocked()).as("answered before the sync ran").isTrue();
    assertThat(host.drain()).isEqualTo(1);
    assertThat(lane.lane().get().lock().isLocked()).isFalse();
    assertThat(lane.lane().get().batch().size()).isZero();
    assertThat(git.revParse("refs/heads/staging")).isEqualTo(git.revParse("refs/heads/main")).isEqualTo(mergeCommit);
    int changes = lane.history().get().size();

    HttpResponse<String> again = deliver("pull_request", "d-merged-1", sign(body), body);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo("Delivery d-merged-1 was already received; nothing done again.\n");
    assertThat(host.drain()).isZero();
    assertThat(lane.history().get().size()).isEqualTo(changes);
    git.assertFsckClean();
  }

  @Test
  void a_bad_or_missing_signature_is_refused_and_changes_nothing() throws Exception {
    GitCli git = new GitCli(dir.resolve("analytics.git"));
    String refsBefore = git.run("for-each-ref");
    int queued = host.queued.size();
    byte[] body = mergedPayload(1, "0123456789012345678901234567890123456789");

    HttpResponse<String> wrong = deliver("pull_request", "d-forged", "sha256=" + "ab".repeat(32), body);
    HttpResponse<String> missing = deliver("pull_request", "d-unsigned", null, body);

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).isEqualTo("The delivery's signature does not match its body and the webhook secret.\n");
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.body()).isEqualTo("The delivery has no X-Hub-Signature-256 signature (sha256=<hex>).\n");
    assertThat(host.queued).hasSize(queued);
    assertThat(git.run("for-each-ref")).isEqualTo(refsBefore);
    // a refused delivery's id is not remembered: the real one with that id still counts
    HttpResponse<String> real = deliver("ping", "d-forged", sign("{}".getBytes(StandardCharsets.UTF_8)), "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(real.statusCode()).isEqualTo(200);
    assertThat(real.body()).startsWith("Nothing here depends on it: ping");
  }

  @Test
  void a_signed_malformed_delivery_is_refused_and_one_that_concerns_nothing_here_is_answered_without_a_sync() throws Exception {
    int queued = host.queued.size();
    byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);
    byte[] checks = "{\"action\":\"completed\",\"check_suite\":{\"head_sha\":\"0123456789abcdef0123456789abcdef01234567\"}}"
        .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> malformed = deliver("pull_request", "d-malformed", sign(notJson), notJson);
    HttpResponse<String> unconcerned = deliver("check_suite", "d-checks", sign(checks), checks);

    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).isEqualTo("The ‘pull_request’ delivery is not JSON.\n");
    assertThat(unconcerned.statusCode()).as("this host runs the lane only; checks concern digests and previews").isEqualTo(200);
    assertThat(unconcerned.body()).isEqualTo("Nothing here depends on it: checks completed at 0123456.\n");
    assertThat(host.queued).hasSize(queued);
  }

  @Test
  void health_and_info_report_the_lane_and_github_and_no_endpoint_or_log_shows_a_secret(CapturedOutput output) throws Exception {
    HttpResponse<String> health = get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    var platinur = JSON.readTree(health.body()).path("components").path("platinur");
    assertThat(platinur.path("status").asText()).isEqualTo("UP");
    assertThat(platinur.path("details").path("lane").path("staging").asText()).isEqualTo("staging");
    assertThat(platinur.path("details").path("github").path("reachable").asBoolean()).isTrue();
    assertThat(platinur.path("details").path("github").path("rateLimitRemaining").asInt()).isEqualTo(4999);

    HttpResponse<String> info = get("/actuator/info");
    assertThat(JSON.readTree(info.body()).path("platinur").path("forge").asText()).isEqualTo("GitHub acme/analytics");
    assertThat(JSON.readTree(info.body()).path("platinur").path("webhook").asText()).isEqualTo("/platinur/webhooks/github");

    HttpResponse<String> env = get("/actuator/env");
    HttpResponse<String> configprops = get("/actuator/configprops");
    assertThat(env.statusCode()).isEqualTo(200);
    assertThat(configprops.statusCode()).isEqualTo(200);
    // shown values are on: the sanitizer, not the defaults, keeps these out
    assertThat(env.body()).contains("acme/analytics").contains("PLATINUR_E2E_TOKEN");
    for (String body : new String[] {env.body(), configprops.body(), health.body(), info.body(), output.getAll()}) {
      assertThat(body).doesNotContain(WEBHOOK_SECRET).doesNotContain(TOKEN).doesNotContain(STAGING_SECRET).doesNotContain(PROD_SECRET);
    }
  }

  byte[] mergedPayload(long number, String mergeCommit) {
    ObjectNode payload = JSON.createObjectNode().put("action", "closed").put("number", number);
    ObjectNode pr = payload.putObject("pull_request").put("number", number).put("merged", true).put("merge_commit_sha", mergeCommit);
    ObjectNode head = pr.putObject("head").put("ref", "staging").put("sha", mergeCommit);
    head.putObject("repo").put("id", 7).put("full_name", "acme/analytics");
    pr.putObject("base").put("ref", "main").putObject("repo").put("id", 7).put("full_name", "acme/analytics");
    payload.putObject("repository").put("id", 7).put("full_name", "acme/analytics");
    return payload.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String sign(byte[] body) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
  }

  HttpResponse<String> deliver(String event, String delivery, String signature, byte[] body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/platinur/webhooks/github"))
        .header("Content-Type", "application/json").header("X-GitHub-Event", event).header("X-GitHub-Delivery", delivery)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      request.header("X-Hub-Signature-256", signature);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
