package io.platinur.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Test wiring: a platform pointed at WireMock stubs (one answer per stub, set by each test), with a recording sleeper and a fixed clock. */
final class StubbedGitHub {
  static final String TOKEN = "ghp_testtoken0123456789abcdefghijklmnopqr";
  static final String REPO_PATH = "/repos/acme/platform";
  static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");

  final WireMockExtension wm;
  final GitHubExamples examples;
  final List<Duration> sleeps = new ArrayList<>();
  final MovableClock clock = new MovableClock(NOW);

  StubbedGitHub(WireMockExtension wm) {
    this.wm = wm;
    this.examples = new GitHubExamples(wm.baseUrl());
  }

  GitHubSettings.Builder settings() {
    return GitHubSettings.builder()
        .apiEndpoint(URI.create(wm.baseUrl()))
        .repository(GitHubExamples.OWNER, GitHubExamples.REPO)
        .credentials(GitHubCredentials.token(TOKEN))
        .requestTimeout(Duration.ofSeconds(10))
        .retryBudget(new RetryBudget(3, Duration.ofSeconds(10), Duration.ofMillis(100)));
  }

  GitHubPlatform platform() {
    return platform(settings().build());
  }

  GitHubPlatform platform(GitHubSettings settings) {
    return new GitHubPlatform(settings, sleeps::add, clock);
  }

  /** GET /repos/acme/platform, which github-api reads once before the first repository call. */
  void serveRepository() {
    wm.stubFor(get(urlPathEqualTo(REPO_PATH)).willReturn(json(200, examples.repository())));
  }

  /** A clock tests move forward by hand. */
  static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  static ResponseDefinitionBuilder json(int status, JsonNode body) {
    return aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(GitHubExamples.text(body));
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body);
  }
}
