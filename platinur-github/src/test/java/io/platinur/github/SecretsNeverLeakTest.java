package io.platinur.github;

import io.platinur.domain.forge.WebhookEvent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.platinur.github.StubbedGitHub.NOW;
import static io.platinur.github.StubbedGitHub.REPO_PATH;
import static io.platinur.github.StubbedGitHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.BranchName;
import io.platinur.port.PortFailure.Kind;
import io.platinur.port.PortFailure;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every configured secret (the token, the App's private key, the installation token it mints and
 * the JWT it signs, the webhook secret), echoed by the forge in error bodies, in GitHub's error
 * messages and in response headers, never reaches a failure message, a {@code toString} or a log
 * line. The secrets here have no credential shape on purpose where the format allows, so it is
 * the exact value that is hidden, not a pattern.
 */
class SecretsNeverLeakTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().templatingEnabled(true)).build();

  static final String PLAIN_TOKEN = "plain-secret-value-0123456789";
  static final String WEBHOOK_SECRET = "webhook-secret-value-9876543210";
  static final String INSTALLATION_TOKEN = "v1.5f3e9a0c1d2b3a4f5e6d7c8b9a0f1e2d3c4b5a69";
  static final String TOKEN_PATH = "/app/installations/99/access_tokens";
  static final String PR_42 = REPO_PATH + "/pulls/42";
  static String pem;

  StubbedGitHub github;
  final List<String> logged = java.util.Collections.synchronizedList(new ArrayList<>());
  final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      String name = String.valueOf(record.getLoggerName());
      if (!name.startsWith("org.kohsuke") && !name.startsWith("io.platinur")) {
        return; // the fake server's own logs show what the client sent, which is not Platinur's doing
      }
      logged.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters())
          + (record.getThrown() == null ? "" : " " + record.getThrown()));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  Level before;

  @BeforeAll
  static void makeKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    pem = GitHubAppAuthTest.pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());
  }

  @BeforeEach
  void setUp() {
    github = new StubbedGitHub(wm);
    github.serveRepository();
    Logger root = Logger.getLogger("");
    before = root.getLevel();
    root.setLevel(Level.ALL);
    Logger.getLogger("org.kohsuke.github").setLevel(Level.ALL);
    root.addHandler(capture);
  }

  @AfterEach
  void tearDown() {
    Logger.getLogger("").removeHandler(capture);
    Logger.getLogger("").setLevel(before);
    Logger.getLogger("org.kohsuke.github").setLevel(null);
  }

  GitHubPlatform platform(GitHubCredentials credentials) {
    return github.platform(github.settings().credentials(credentials).webhookSecret(WEBHOOK_SECRET).build());
  }

  /** An error answer that repeats {@code secret} and the request's Authorization header everywhere it can. */
  static ResponseDefinitionBuilder echoing(int status, String secret) {
    String escaped = secret.replace("\n", "\\n").replace("/", "\\/");
    return aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withHeader("WWW-Authenticate", "Bearer realm=\"GitHub\", you sent {{request.headers.Authorization}}")
        .withHeader("X-Echo", secret.replace("\n", " "))
        .withBody("{\"message\":\"Bad credentials " + escaped + " from {{request.headers.Authorization}}\","
            + "\"errors\":[{\"message\":\"" + escaped + "\"}],\"status\":\"" + status + "\"}")
        .withTransformers("response-template");
  }

  void assertHidden(PortFailure failure, String... secrets) {
    for (String secret : secrets) {
      String logs;
      synchronized (logged) {
        logs = String.join("\n", logged);
      }
      for (String text : List.of(failure.message(), failure.toString(), logs)) {
        assertThat(text).doesNotContain(secret);
        for (String line : secret.split("\n")) {
          if (line.length() >= 16 && !line.startsWith("-----")) {
            assertThat(text).doesNotContain(line);
          }
        }
      }
    }
    // GitHub's words came through, scrubbed, rather than being dropped
    assertThat(failure.message()).contains("Bad credentials").contains(Secrets.HIDDEN);
  }

  @Nested
  class a_token {

    @Test
    void echoed_by_a_401_is_hidden() {
      wm.stubFor(get(urlPathEqualTo(PR_42)).willReturn(echoing(401, PLAIN_TOKEN)));

      PortFailure failure = platform(GitHubCredentials.token(PLAIN_TOKEN)).pullRequests().state(PullRequestNumber.of(42)).getLeft();

      assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
      assertHidden(failure, PLAIN_TOKEN);
    }

    @Test
    void echoed_by_a_422_to_a_write_is_hidden() {
      wm.stubFor(post(urlPathEqualTo(REPO_PATH + "/pulls")).willReturn(echoing(422, PLAIN_TOKEN)));
      wm.stubFor(get(urlPathEqualTo(REPO_PATH + "/pulls")).willReturn(json(200, "[]")));

      PortFailure failure = platform(GitHubCredentials.token(PLAIN_TOKEN)).pullRequests()
          .openPromotionPr(BranchName.of("staging"), BranchName.of("main"), "Promote", "").getLeft();

      assertHidden(failure, PLAIN_TOKEN);
    }
  }

  @Nested
  class a_github_app {

    GitHubPlatform app() {
      return platform(GitHubCredentials.app(12345, pem, 99));
    }

    @Test
    void its_private_key_and_jwt_echoed_by_the_token_exchange_are_hidden() {
      wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(echoing(401, pem)));

      PortFailure failure = app().pullRequests().state(PullRequestNumber.of(42)).getLeft();

      assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
      assertHidden(failure, pem);
      assertThat(failure.message()).doesNotContain("eyJ");
    }

    @Test
    void its_installation_token_echoed_by_a_later_answer_is_hidden() {
      ObjectNode token = github.examples.object("installation-token",
          t -> t.put("token", INSTALLATION_TOKEN).put("expires_at", NOW.plus(Duration.ofHours(1)).toString()));
      wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(json(201, token)));
      wm.stubFor(get(urlPathEqualTo(PR_42)).willReturn(echoing(403, INSTALLATION_TOKEN)));

      PortFailure failure = app().pullRequests().state(PullRequestNumber.of(42)).getLeft();

      assertHidden(failure, INSTALLATION_TOKEN);
    }

    @Test
    void shows_none_of_them_in_its_descriptions() {
      GitHubPlatform app = app();
      for (String text : List.of(app.toString(), app.settings().toString(), app.settings().credentials().toString())) {
        assertThat(text).doesNotContain(WEBHOOK_SECRET).doesNotContain(pem.split("\n")[1]);
      }
    }
  }

  @Nested
  class the_webhook_secret {

    @Test
    void echoed_by_a_rest_answer_is_hidden() {
      wm.stubFor(get(urlPathEqualTo(PR_42)).willReturn(echoing(403, WEBHOOK_SECRET)));

      PortFailure failure = platform(GitHubCredentials.token(PLAIN_TOKEN)).pullRequests().state(PullRequestNumber.of(42)).getLeft();

      assertHidden(failure, WEBHOOK_SECRET, PLAIN_TOKEN);
    }

    @Test
    void echoed_in_a_delivery_is_hidden_from_what_the_receiver_reports() throws Exception {
      GitHubWebhooks webhooks = platform(GitHubCredentials.token(PLAIN_TOKEN))
          .webhooks(BranchName.of("staging"), BranchName.of("main"));
      byte[] body = ("{\"action\":\"" + WEBHOOK_SECRET + " and " + PLAIN_TOKEN + "\",\"number\":1}").getBytes(StandardCharsets.UTF_8);

      WebhookEvent ignored = webhooks.receive("pull_request", sign(body), body).get();
      WebhookEvent unknown = webhooks.receive(WEBHOOK_SECRET, sign(body), body).get();

      for (WebhookEvent event : List.of(ignored, unknown)) {
        assertThat(event.toString()).doesNotContain(WEBHOOK_SECRET).doesNotContain(PLAIN_TOKEN).contains(Secrets.HIDDEN);
      }
      assertThat(webhooks.toString()).doesNotContain(WEBHOOK_SECRET);
    }

    String sign(byte[] body) throws Exception {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
  }

  @Nested
  class the_connector_right_above_the_network {

    @Test
    void scrubs_error_bodies_and_headers_before_anything_reads_them() throws Exception {
      wm.stubFor(get(urlPathEqualTo("/echo")).willReturn(echoing(401, PLAIN_TOKEN)));
      ScrubbingConnector connector = new ScrubbingConnector(
          new JdkHttpConnector(Duration.ofSeconds(5), Duration.ofSeconds(10)),
          Secrets.of(GitHubCredentials.token(PLAIN_TOKEN), List.of(WEBHOOK_SECRET)));

      BufferedResponse response = connector.send(BufferedRequest.of("GET", new URL(wm.baseUrl() + "/echo"),
          Map.of("Authorization", "token " + PLAIN_TOKEN), null, null, true));

      assertThat(response.bodyText()).doesNotContain(PLAIN_TOKEN).contains(Secrets.HIDDEN);
      response.allHeaders().forEach((name, values) -> assertThat(values.toString()).as(name).doesNotContain(PLAIN_TOKEN));
      assertThat(response.header("X-Echo")).isEqualTo(Secrets.HIDDEN);
    }

    @Test
    void leaves_successful_answers_as_they_are() throws Exception {
      wm.stubFor(get(urlPathEqualTo("/ok")).willReturn(json(200, "{\"token\":\"" + PLAIN_TOKEN + "\"}")));
      ScrubbingConnector connector = new ScrubbingConnector(
          new JdkHttpConnector(Duration.ofSeconds(5), Duration.ofSeconds(10)),
          Secrets.of(GitHubCredentials.token(PLAIN_TOKEN), List.of()));

      BufferedResponse response = connector.send(BufferedRequest.of("GET", new URL(wm.baseUrl() + "/ok"), Map.of(), null, null, true));

      assertThat(response.bodyText()).contains(PLAIN_TOKEN);
    }
  }
}
