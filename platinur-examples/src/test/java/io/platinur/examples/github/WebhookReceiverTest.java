package io.platinur.examples.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.Actor;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.examples.ExampleLanes;
import io.platinur.git.GitStaging;
import io.platinur.github.GitHubWebhooks;
import io.platinur.testkit.GitCli;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookReceiverTest {
  static final String SECRET = "webhook-s3cret";
  static final CommitAuthor ANA = new CommitAuthor("Ana", "ana@example.com", Instant.parse("2026-11-24T09:00:00Z"));

  @TempDir
  Path dir;
  GitStaging git;
  StagingLaneService lane;
  WebhookReceiver receiver;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() throws IOException {
    git = GitStaging.init(dir.resolve("lane.git"), ExampleLanes.gitConfig(), ANA).get();
    lane = new StagingLaneService(ExampleLanes.configuration(), git.staging(), git.laneStateStore(), git.offlineHost().pullRequests(),
        () -> Instant.parse("2026-11-24T10:00:00Z"));
    GitHubWebhooks webhooks = GitHubWebhooks.withSecret(SECRET).forPromotionPrs(ExampleLanes.STAGING, ExampleLanes.MAIN);
    receiver = WebhookReceiver.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), webhooks, lane, Actor.of("github-webhook"));
  }

  @AfterEach
  void stop() {
    receiver.close();
    git.close();
  }

  static String signature(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
  }

  HttpResponse<String> deliver(String event, String signature, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/webhook"))
        .timeout(Duration.ofSeconds(20))
        .header("X-GitHub-Event", event)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) {
      request.header("X-Hub-Signature-256", signature);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String merged(long number, CommitId merge) {
    return "{\"action\":\"closed\",\"number\":" + number + ",\"pull_request\":{\"number\":" + number + ",\"merged\":true,"
        + "\"merge_commit_sha\":\"" + merge.hex() + "\",\"head\":{\"ref\":\"staging\","
        + "\"repo\":{\"id\":1296269,\"full_name\":\"acme/analytics\"}},"
        + "\"base\":{\"ref\":\"main\",\"repo\":{\"id\":1296269,\"full_name\":\"acme/analytics\"}}}}";
  }

  @Nested
  class A_promotion_pr_merged_in_github {
    PromotionPullRequest pr;
    CommitId merge;

    @BeforeEach
    void mergeOutsideTheLane() {
      lane.apply(Proposal.builder(ProposalId.of("p-1"), "Add orders model").write("models/orders.sql", "select 1\n").build(), ANA).get();
      pr = lane.openPromotionPr(Actor.of("ana")).get();
      merge = git.offlineHost().pullRequests().merge(pr.number(), lane.lane().get().stagingHead()).get();
      assertThat(lane.lane().get().lock()).isEqualTo(new ReleaseLock.PromotionPrOpen(pr.number()));
    }

    @Test
    void a_signed_merge_delivery_syncs_the_lane() throws Exception {
      String body = merged(pr.number().value(), merge);
      HttpResponse<String> response = deliver("pull_request", signature(SECRET, body.getBytes(StandardCharsets.UTF_8)), body);

      assertThat(response.statusCode()).isEqualTo(202);
      assertThat(response.body()).isEqualTo("promotion PR #1 merged; synced, Staging is unlocked\n");
      assertThat(lane.lane().get().lock().isLocked()).isFalse();
      assertThat(lane.lane().get().deployed()).containsExactly(ProposalId.of("p-1"));
      GitCli cli = new GitCli(dir.resolve("lane.git"));
      assertThat(cli.revParse("staging")).isEqualTo(cli.revParse("main")).isEqualTo(merge.hex());
    }

    @Test
    void a_delivery_with_a_wrong_or_missing_signature_is_refused_and_nothing_syncs() throws Exception {
      String body = merged(pr.number().value(), merge);
      HttpResponse<String> forged = deliver("pull_request", signature("not-the-secret", body.getBytes(StandardCharsets.UTF_8)), body);
      assertThat(forged.statusCode()).isEqualTo(401);
      assertThat(forged.body()).isEqualTo("The delivery's signature does not match its body and the webhook secret.\n");

      HttpResponse<String> unsigned = deliver("pull_request", null, body);
      assertThat(unsigned.statusCode()).isEqualTo(401);

      String tampered = body.replace("\"number\":1,", "\"number\":1 ,");
      HttpResponse<String> changed = deliver("pull_request", signature(SECRET, body.getBytes(StandardCharsets.UTF_8)), tampered);
      assertThat(changed.statusCode()).isEqualTo(401);

      assertThat(lane.lane().get().lock()).isEqualTo(new ReleaseLock.PromotionPrOpen(pr.number()));
      assertThat(forged.body() + unsigned.body()).doesNotContain(SECRET);
    }
  }

  @Test
  void events_platinur_does_not_use_are_accepted_and_ignored() throws Exception {
    String body = "{\"zen\":\"Keep it logically awesome.\"}";
    HttpResponse<String> ping = deliver("ping", signature(SECRET, body.getBytes(StandardCharsets.UTF_8)), body);
    assertThat(ping.statusCode()).isEqualTo(202);
    assertThat(ping.body()).startsWith("ignored: ");
  }

  @Test
  void answers_only_posts() throws Exception {
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/webhook")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
  }
}
