package io.platinur.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rate limits, 5xx on reads, and secrets in what GitLab (or a proxy) sends back. */
class GitLabLimitsTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String TOKEN = "glpat-LimitsTest0123456789ab";
  static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  static final String MR = "/api/v4/projects/acme%2Fplatform/merge_requests/1";
  final List<Duration> waits = new ArrayList<>();

  GitLabPlatform platform(RetryBudget budget) {
    return new GitLabPlatform(GitLabSettings.builder().apiEndpoint(URI.create(wm.baseUrl() + "/api/v4")).project("acme/platform")
        .credentials(GitLabCredentials.projectAccessToken(TOKEN)).retryBudget(budget).build(), waits::add, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static String mergeRequest() {
    return "{\"id\":1,\"iid\":1,\"project_id\":42,\"state\":\"opened\",\"sha\":\"" + "a".repeat(40)
        + "\",\"source_branch\":\"staging\",\"target_branch\":\"main\",\"source_project_id\":42,\"target_project_id\":42}";
  }

  @Test
  void a_429_without_retry_after_waits_until_ratelimit_reset() {
    wm.stubFor(get(urlPathEqualTo(MR)).inScenario("limit").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("RateLimit-Reset", String.valueOf(NOW.plusSeconds(7).getEpochSecond()))
            .withBody("{\"message\":\"Retry later\"}")).willSetStateTo("after"));
    wm.stubFor(get(urlPathEqualTo(MR)).inScenario("limit").whenScenarioStateIs("after")
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(mergeRequest())));

    assertThat(platform(new RetryBudget(3, Duration.ofSeconds(30), Duration.ofMillis(10))).pullRequests().state(PullRequestNumber.of(1))
        .get()).isInstanceOf(io.platinur.domain.forge.PullRequestState.Open.class);
    assertThat(waits).containsExactly(Duration.ofSeconds(8));
  }

  @Test
  void a_wait_longer_than_the_budget_is_rate_limited_at_once_with_the_wait_asked_for() {
    wm.stubFor(get(urlPathEqualTo(MR)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")
        .withBody("{\"message\":\"Retry later\"}")));

    PortFailure failure = platform(new RetryBudget(3, Duration.ofSeconds(30), Duration.ofMillis(10))).pullRequests()
        .state(PullRequestNumber.of(1)).getLeft();

    assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(failure.retryAfter()).contains(Duration.ofSeconds(120));
    assertThat(failure.message()).isEqualTo("Reading promotion merge request !1: GitLab's rate limit is exhausted for GET "
        + "/projects/acme%2Fplatform/merge_requests/1; retry in 120 s.");
    assertThat(waits).isEmpty();
  }

  @Test
  void a_read_answered_5xx_is_tried_again_within_the_budget_then_unavailable() {
    wm.stubFor(get(urlPathEqualTo(MR)).willReturn(aResponse().withStatus(503).withBody("<html>Service Unavailable</html>")));

    PortFailure failure = platform(new RetryBudget(3, Duration.ofSeconds(30), Duration.ofMillis(100))).pullRequests()
        .state(PullRequestNumber.of(1)).getLeft();

    assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    wm.verify(3, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo(MR)));
  }

  @Test
  void a_token_echoed_back_in_an_error_body_never_reaches_the_message() {
    wm.stubFor(get(urlPathEqualTo(MR)).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"403 Forbidden - PRIVATE-TOKEN: " + TOKEN + " lacks scope; also glpat-SomeoneElses0123456789\"}")));

    PortFailure failure = platform(RetryBudget.FAIL_FAST).pullRequests().state(PullRequestNumber.of(1)).getLeft();

    assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
    assertThat(failure.message()).doesNotContain(TOKEN).doesNotContain("glpat-SomeoneElses").contains("[hidden]")
        .endsWith("Check the token's scope (api) and its role in the project.");
    assertThat(platform(RetryBudget.FAIL_FAST).toString()).doesNotContain(TOKEN);
  }
}
