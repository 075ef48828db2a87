package io.platinur.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.platinur.github.StubbedGitHub.NOW;
import static io.platinur.github.StubbedGitHub.REPO_PATH;
import static io.platinur.github.StubbedGitHub.TOKEN;
import static io.platinur.github.StubbedGitHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure.Kind;
import io.platinur.port.PortFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every fault ends in a typed result within the retry budget of {@link StubbedGitHub#settings()}: at
 * most 3 attempts and 10 s of waiting, backing off from 100 ms. Waits are recorded, not slept.
 */
class GitHubFaultsTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String HEAD = "1111111111111111111111111111111111111111";
  static final String PR_42 = REPO_PATH + "/pulls/42";
  static final String SECONDARY = "{\"message\":\"You have exceeded a secondary rate limit and have been temporarily blocked "
      + "from content creation. Please retry your request again later.\","
      + "\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits\"}";
  static final String PRIMARY = "{\"message\":\"API rate limit exceeded for installation ID 1.\","
      + "\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\"}";

  StubbedGitHub github;

  @BeforeEach
  void setUp() {
    github = new StubbedGitHub(wm);
    github.serveRepository();
  }

  Either<PortFailure, PullRequestState> readPr() {
    return github.platform().pullRequests().state(PullRequestNumber.of(42));
  }

  ResponseDefinitionBuilder openPr() {
    return json(200, github.examples.pullRequest(42, "staging", "main", HEAD, "open", false, null, "clean"));
  }

  /** The first answer to GET PR #42 is {@code first}, every later one the open PR. */
  void firstThenOk(ResponseDefinitionBuilder first) {
    wm.stubFor(get(urlPathEqualTo(PR_42)).inScenario("fault").whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("recovered").willReturn(first));
    wm.stubFor(get(urlPathEqualTo(PR_42)).inScenario("fault").whenScenarioStateIs("recovered").willReturn(openPr()));
  }

  int prRequests() {
    return wm.findAll(getRequestedFor(urlEqualTo(PR_42))).size();
  }

  @Nested
  class when_the_primary_rate_limit_is_exhausted {

    @Test
    void fails_at_once_with_the_time_to_reset_when_that_exceeds_the_budget() {
      wm.stubFor(get(urlPathEqualTo(PR_42)).willReturn(json(403, PRIMARY)
          .withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", "0")
          .withHeader("x-ratelimit-reset", String.valueOf(NOW.plusSeconds(3600).getEpochSecond()))));

      PortFailure failure = readPr().getLeft();

      assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
      assertThat(failure.retryAfter()).isEqualTo(Option.some(Duration.ofSeconds(3601)));
      assertThat(failure.message()).doesNotContain(TOKEN);
      assertThat(prRequests()).isEqualTo(1);
      assertThat(github.sleeps).isEmpty();
    }

    @Test
    void waits_for_a_reset_that_fits_the_budget_then_succeeds() {
      firstThenOk(json(403, PRIMARY).withHeader("x-ratelimit-remaining", "0")
          .withHeader("x-ratelimit-reset", String.valueOf(NOW.plusSeconds(4).getEpochSecond())));

      assertThat(readPr().get()).isEqualTo(new PullRequestState.Open(CommitId.of(HEAD)));
      assertThat(github.sleeps).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void answers_429_with_retry_after_by_waiting_exactly_that_long() {
      firstThenOk(json(429, PRIMARY).withHeader("retry-after", "7"));

      assertThat(readPr().isRight()).isTrue();
      assertThat(github.sleeps).containsExactly(Duration.ofSeconds(7));
      assertThat(prRequests()).isEqualTo(2);
    }

    @Test
    void does_not_sleep_a_retry_after_longer_than_the_budget() {
      wm.stubFor(get(urlPathEqualTo(PR_42)).willReturn(json(429, PRIMARY).withHeader("retry-after", "120")));

      PortFailure failure = readPr().getLeft();

      assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
      assertThat(failure.retryAfter()).isEqualTo(Option.some(Duration.ofSeconds(120)));
      assertThat(github.sleeps).isEmpty();
    }
  }

  @Nested
  class when_a_secondary_rate_limit_hits {

    @Test
    void without_retry_after_waits_the_documented_minute_which_exceeds_the_budget() {
      wm.stubFor(get(urlPathEqualTo(PR_42)).willReturn(json(403, SECONDARY)));

      PortFailure failure = readPr().getLeft();

      assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
      assertThat(failure.retryAfter()).isEqualTo(Option.some(Duration.ofMinutes(1)));
      assertThat(prRequests()).isEqualTo(1);
    }

    @Test
    void with_retry_after_waits_that_long_and_retries() {
      firstThenOk(json(403, SECONDARY).withHeader("retry-after", "2"));

      assertThat(readPr().isRight()).isTrue();
      assertThat(github.sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void on_a_post_is_retried_too_since_github_did_not_act_on_it() {
      wm.stubFor(post(urlPathEqualTo(REPO_PATH + "/pulls")).inScenario("post").whenScenarioStateIs(Scenario.STARTED)
          .willSetStateTo("ok").willReturn(json(403, SECONDARY).withHeader("retry-after", "1")));
      wm.stubFor(post(urlPathEqualTo(REPO_PATH + "/pulls")).inScenario("post").whenScenarioStateIs("ok")
          .willReturn(json(201, github.examples.pullRequest(42, "staging", "main", HEAD, "open", false, null, "clean"))));

      assertThat(github.platform().pullRequests()
          .openPromotionPr(BranchName.of("staging"), BranchName.of("main"), "Promote", "").isRight()).isTrue();
      assertThat(wm.findAll(postRequestedFor(urlEqualTo(REPO_PATH + "/pulls")))).hasSize(2);
    }
  }

  @Nested
  class when_github_fails_with_5xx {

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void retries_a_read_after_backing_off(int status) {
      firstThenOk(json(status, "{\"message\":\"Server Error\"}"));

      assertThat(readPr().isRight()).isTrue();
      assertThat(github.sleeps).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void gives_up_as_unavailable_after_the_attempts_in_the_budget() {
      wm.stubFor(get(urlPathEqualTo(PR_42)).willReturn(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>")));

      PortFailure failure = readPr().getLeft();

      assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
      assertThat(prRequests()).isEqualTo(3);
      assertThat(github.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void with_a_fail_fast_budget_tries_once() {
      wm.stubFor(get(urlPathEqualTo(PR_42)).willReturn(aResponse().withStatus(500)));

      PortFailure failure = github.platform(github.settings().retryBudget(RetryBudget.FAIL_FAST).build())
          .pullRequests().state(PullRequestNumber.of(42)).getLeft();

      assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
      assertThat(prRequests()).isEqualTo(1);
    }

    @Test
    void never_repeats_a_post_and_settles_its_outcome_by_reading() {
      wm.stubFor(post(urlPathEqualTo(REPO_PATH + "/pulls")).willReturn(aResponse().withStatus(502)));
      wm.stubFor(get(urlPathEqualTo(REPO_PATH + "/pulls")).willReturn(json(200, "[]")));

      PortFailure failure = github.platform().pullRequests()
          .openPromotionPr(BranchName.of("staging"), BranchName.of("main"), "Promote", "").getLeft();

      // the read shows no PR open: nothing was opened, so trying again is safe
      assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
      assertThat(wm.findAll(postRequestedFor(urlEqualTo(REPO_PATH + "/pulls")))).hasSize(1);
    }

    @Test
    void settles_an_unknown_outcome_by_finding_the_pr_the_post_did_open() {
      wm.stubFor(post(urlPathEqualTo(REPO_PATH + "/pulls")).willReturn(aResponse().withStatus(504)));
      wm.stubFor(get(urlPathEqualTo(REPO_PATH + "/pulls")).willReturn(json(200,
          GitHubExamples.JSON.createArrayNode().add(
              github.examples.pullRequest(42, "staging", "main", HEAD, "open", false, null, "clean")))));

      assertThat(github.platform().pullRequests()
          .openPromotionPr(BranchName.of("staging"), BranchName.of("main"), "Promote", "").get().number())
          .isEqualTo(PullRequestNumber.of(42));
      assertThat(wm.findAll(postRequestedFor(urlEqualTo(REPO_PATH + "/pulls")))).hasSize(1);
    }
  }

  @Nested
  class when_the_connection_fails {

    @Test
    void a_read_that_times_out_is_retried_then_reported_unavailable() {
      wm.stubFor(get(urlPathEqualTo(PR_42)).willReturn(openPr().withFixedDelay(1_000)));
      GitHubPlatform impatient = github.platform(github.settings().requestTimeout(Duration.ofMillis(150)).build());

      PortFailure failure = impatient.pullRequests().state(PullRequestNumber.of(42)).getLeft();

      assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
      assertThat(failure.message()).contains("in time");
      assertThat(prRequests()).isEqualTo(3);
    }

    @Test
    void a_post_that_times_out_is_sent_once_and_settled_by_reading() {
      wm.stubFor(post(urlPathEqualTo(REPO_PATH + "/pulls")).willReturn(openPr().withStatus(201).withFixedDelay(1_000)));
      wm.stubFor(get(urlPathEqualTo(REPO_PATH + "/pulls")).willReturn(json(200, "[]")));
      GitHubPlatform impatient = github.platform(github.settings().requestTimeout(Duration.ofMillis(150)).build());

      PortFailure failure = impatient.pullRequests()
          .openPromotionPr(BranchName.of("staging"), BranchName.of("main"), "Promote", "").getLeft();

      assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
      assertThat(wm.findAll(postRequestedFor(urlEqualTo(REPO_PATH + "/pulls")))).hasSize(1);
    }

    @Test
    void a_reset_connection_is_retried_for_reads() {
      firstThenOk(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

      assertThat(readPr().isRight()).isTrue();
      assertThat(prRequests()).isEqualTo(2);
    }

    @Test
    void a_refused_connection_ends_unavailable_after_the_budget() throws Exception {
      int closedPort;
      try (ServerSocket socket = new ServerSocket(0)) {
        closedPort = socket.getLocalPort();
      }
      GitHubPlatform nowhere = github.platform(github.settings().apiEndpoint(URI.create("http://127.0.0.1:" + closedPort)).build());

      PortFailure failure = nowhere.pullRequests().state(PullRequestNumber.of(42)).getLeft();

      assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
      assertThat(github.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }
  }

  @Nested
  class when_github_refuses_or_answers_nonsense {

    @Test
    void a_plain_403_is_a_permission_problem_and_not_retried() {
      wm.stubFor(get(urlPathEqualTo(PR_42)).willReturn(json(403,
          "{\"message\":\"Resource not accessible by integration\",\"status\":\"403\"}")));

      PortFailure failure = readPr().getLeft();

      assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
      assertThat(failure.message()).contains("Resource not accessible by integration").doesNotContain(TOKEN);
      assertThat(prRequests()).isEqualTo(1);
    }

    @Test
    void bad_credentials_are_unauthorized_without_echoing_the_token() {
      wm.stubFor(get(urlPathEqualTo(PR_42)).willReturn(json(401, "{\"message\":\"Bad credentials\",\"status\":\"401\"}")));

      PortFailure failure = readPr().getLeft();

      assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
      assertThat(failure.toString()).doesNotContain(TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"number\": 42, \"state\": \"open\", \"head\": ", "[]", "not json at all", "{\"number\":\"forty-two\"}"})
    void malformed_json_is_a_malformed_response(String body) {
      wm.stubFor(get(urlPathEqualTo(PR_42)).willReturn(json(200, body)));

      assertThat(readPr().getLeft().kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
    }

    @Test
    void a_pr_answer_without_its_head_is_malformed_not_open() {
      com.fasterxml.jackson.databind.node.ObjectNode pr =
          github.examples.pullRequest(42, "staging", "main", HEAD, "open", false, null, "clean");
      pr.remove("head");
      wm.stubFor(get(urlPathEqualTo(PR_42)).willReturn(json(200, pr)));

      assertThat(readPr().getLeft().kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
    }
  }
}
