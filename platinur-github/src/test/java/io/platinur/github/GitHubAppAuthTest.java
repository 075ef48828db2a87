package io.platinur.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.platinur.github.StubbedGitHub.NOW;
import static io.platinur.github.StubbedGitHub.REPO_PATH;
import static io.platinur.github.StubbedGitHub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.platinur.domain.InvalidValueException;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.port.PortFailure.Kind;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GitHubAppAuthTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final long APP_ID = 12345;
  static final long INSTALLATION = 99;
  static final String TOKEN_PATH = "/app/installations/99/access_tokens";
  static final String INSTALLATION_TOKEN = "ghs_16C7e42F292c6912E7710c838347Ae178B4a";
  static final String PR_42 = REPO_PATH + "/pulls/42";
  static KeyPair keys;

  StubbedGitHub github;

  @BeforeAll
  static void makeKeys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    keys = generator.generateKeyPair();
  }

  /** The key as GitHub hands it out: PKCS#1, "BEGIN RSA PRIVATE KEY". */
  static String pkcs1Pem() {
    byte[] pkcs8 = keys.getPrivate().getEncoded();
    // a Java PKCS#8 RSA key is a 26-byte header around the PKCS#1 key
    byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
    return pem("RSA PRIVATE KEY", pkcs1);
  }

  static String pkcs8Pem() {
    return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  @BeforeEach
  void setUp() {
    github = new StubbedGitHub(wm);
    github.serveRepository();
    wm.stubFor(get(urlPathEqualTo(PR_42)).willReturn(json(200, github.examples.pullRequest(42, "staging", "main",
        "1111111111111111111111111111111111111111", "open", false, null, "clean"))));
  }

  void serveToken(String expiresAt) {
    JsonNode token = github.examples.object("installation-token", t -> t.put("token", INSTALLATION_TOKEN).put("expires_at", expiresAt));
    wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(json(201, token)));
  }

  PullRequestHost appHost(String pem) {
    return github.platform(github.settings().credentials(GitHubCredentials.app(APP_ID, pem, INSTALLATION)).build()).pullRequests();
  }

  @Nested
  class with_no_installation_token_yet {

    @Test
    void exchanges_a_signed_jwt_for_an_installation_token_and_uses_it() throws Exception {
      serveToken(NOW.plus(Duration.ofHours(1)).toString());

      assertThat(appHost(pkcs1Pem()).state(PullRequestNumber.of(42)).isRight()).isTrue();

      List<LoggedRequest> exchanges = wm.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH))
          .withHeader("Accept", equalTo("application/vnd.github+json"))
          .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
      assertThat(exchanges).hasSize(1);
      String jwt = exchanges.get(0).getHeader("Authorization").substring("Bearer ".length());
      String[] parts = jwt.split("\\.");
      assertThat(parts).hasSize(3);
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(keys.getPublic());
      rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
      JsonNode header = GitHubExamples.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      JsonNode claims = GitHubExamples.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      assertThat(header.get("alg").asText()).isEqualTo("RS256");
      assertThat(claims.get("iss").asText()).isEqualTo(String.valueOf(APP_ID));
      assertThat(claims.get("iat").asLong()).isEqualTo(NOW.getEpochSecond() - 60);
      assertThat(claims.get("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 540);
      wm.verify(getRequestedFor(urlEqualTo(PR_42)).withHeader("Authorization", equalTo("Bearer " + INSTALLATION_TOKEN)));
    }

    @Test
    void accepts_a_pkcs8_key_as_well() {
      serveToken(NOW.plus(Duration.ofHours(1)).toString());

      assertThat(appHost(pkcs8Pem()).state(PullRequestNumber.of(42)).isRight()).isTrue();
    }

    @Test
    void a_refused_exchange_is_unauthorized_and_shows_no_jwt() {
      wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(json(401,
          "{\"message\":\"A JSON web token could not be decoded\",\"status\":\"401\"}")));

      PortFailure failure = appHost(pkcs1Pem()).state(PullRequestNumber.of(42)).getLeft();

      assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
      assertThat(failure.message()).contains("A JSON web token could not be decoded").doesNotContain("eyJ");
      wm.verify(0, getRequestedFor(urlEqualTo(PR_42)));
    }

    @Test
    void a_token_answer_without_expiry_is_malformed_and_shows_no_token() {
      serveToken("soon");

      PortFailure failure = appHost(pkcs1Pem()).state(PullRequestNumber.of(42)).getLeft();

      assertThat(failure.kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
      assertThat(failure.message()).doesNotContain(INSTALLATION_TOKEN);
    }
  }

  @Nested
  class with_an_installation_token {

    @Test
    void reuses_it_while_it_is_valid_and_refreshes_it_five_minutes_before_expiry() {
      serveToken(NOW.plus(Duration.ofHours(1)).toString());
      PullRequestHost host = appHost(pkcs1Pem());

      host.state(PullRequestNumber.of(42)).get();
      github.clock.advance(Duration.ofMinutes(54));
      host.state(PullRequestNumber.of(42)).get();
      assertThat(wm.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).hasSize(1);

      github.clock.advance(Duration.ofMinutes(1)); // 55 minutes: 5 minutes before expiry
      host.state(PullRequestNumber.of(42)).get();
      assertThat(wm.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).hasSize(2);
      wm.verify(3, getRequestedFor(urlEqualTo(PR_42)).withHeader("Authorization", matching("Bearer ghs_.*")));
    }
  }

  @Nested
  class when_github_answers_401_to_an_installation_token {
    static final String EXPIRED = "ghs_expiredEarly0000000000000000000000000";
    static final String FRESH = "ghs_freshToken11111111111111111111111111";

    /** The first exchange hands out a token GitHub then refuses (revoked early); the next, a good one. */
    void serveExpiredThenFresh() {
      String expiry = NOW.plus(Duration.ofHours(1)).toString();
      wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
          .willSetStateTo("second").willReturn(json(201, github.examples.object("installation-token",
              t -> t.put("token", EXPIRED).put("expires_at", expiry)))));
      wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("second")
          .willReturn(json(201, github.examples.object("installation-token", t -> t.put("token", FRESH).put("expires_at", expiry)))));
      wm.stubFor(get(urlPathEqualTo(PR_42)).withHeader("Authorization", equalTo("Bearer " + EXPIRED)).atPriority(1)
          .willReturn(json(401, "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}")));
    }

    @Test
    void gets_a_new_token_once_and_sends_the_request_again_with_it() {
      serveExpiredThenFresh();

      assertThat(appHost(pkcs1Pem()).state(PullRequestNumber.of(42)).isRight()).isTrue();

      assertThat(wm.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).hasSize(2);
      wm.verify(1, getRequestedFor(urlEqualTo(PR_42)).withHeader("Authorization", equalTo("Bearer " + EXPIRED)));
      wm.verify(1, getRequestedFor(urlEqualTo(PR_42)).withHeader("Authorization", equalTo("Bearer " + FRESH)));
    }

    @Test
    void a_second_401_is_unauthorized_without_asking_for_a_third_token() {
      serveExpiredThenFresh();
      wm.stubFor(get(urlPathEqualTo(PR_42)).withHeader("Authorization", equalTo("Bearer " + FRESH)).atPriority(1)
          .willReturn(json(401, "{\"message\":\"Bad credentials\",\"status\":\"401\"}")));

      PortFailure failure = appHost(pkcs1Pem()).state(PullRequestNumber.of(42)).getLeft();

      assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
      assertThat(wm.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).hasSize(2);
      // the refused token once, the renewed one once, and at most one more send by github-api itself
      assertThat(wm.findAll(getRequestedFor(urlEqualTo(PR_42)))).hasSizeBetween(2, 3);
    }

    @Test
    void a_token_given_by_the_host_is_not_renewed() {
      wm.stubFor(get(urlPathEqualTo(PR_42)).atPriority(1).willReturn(json(401, "{\"message\":\"Bad credentials\"}")));

      assertThat(github.platform().pullRequests().state(PullRequestNumber.of(42)).getLeft().kind()).isEqualTo(Kind.UNAUTHORIZED);
      assertThat(wm.findAll(getRequestedFor(urlEqualTo(PR_42)))).hasSize(1);
    }
  }

  @Nested
  class reading_credentials {

    @Test
    void refuses_a_key_that_is_not_an_rsa_pem_without_quoting_it() {
      String notAKey = "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END RSA PRIVATE KEY-----";

      assertThatThrownBy(() -> GitHubCredentials.app(APP_ID, notAKey, INSTALLATION))
          .isInstanceOf(InvalidValueException.class)
          .hasMessageNotContaining("c2VjcmV0");
    }

    @Test
    void never_show_the_key_or_the_token() {
      GitHubCredentials app = GitHubCredentials.app(APP_ID, pkcs1Pem(), INSTALLATION);
      GitHubCredentials token = GitHubCredentials.token(StubbedGitHub.TOKEN);
      GitHubSettings settings = github.settings().credentials(token).build();

      assertThat(app.toString()).contains("12345").doesNotContain("MII");
      assertThat(token.toString()).doesNotContain(StubbedGitHub.TOKEN);
      assertThat(settings.toString()).doesNotContain(StubbedGitHub.TOKEN).contains("acme/platform");
      assertThat(github.platform(settings).toString()).doesNotContain(StubbedGitHub.TOKEN);
    }
  }
}
