package io.platinur.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.platinur.github.StubbedGitHub.REPO_PATH;
import static io.platinur.github.StubbedGitHub.TOKEN;
import static io.platinur.github.StubbedGitHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PullRequestHost;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Polling costs: GETs are conditional, and a 304 is served from what GitHub sent before. */
class ConditionalRequestsTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String HEAD = "1111111111111111111111111111111111111111";
  static final String MOVED = "2222222222222222222222222222222222222222";
  static final String PR_42 = REPO_PATH + "/pulls/42";
  static final String ETAG = "W/\"7f4b5c0b3a1e5d1f0b6f8d9e2c3a4b5c\"";
  static final PullRequestNumber PR = PullRequestNumber.of(42);

  StubbedGitHub github;

  @BeforeEach
  void setUp() {
    github = new StubbedGitHub(wm);
    github.serveRepository();
  }

  void serveUnchangedPr() {
    wm.stubFor(get(urlPathEqualTo(PR_42)).atPriority(5).willReturn(
        json(200, github.examples.pullRequest(42, "staging", "main", HEAD, "open", false, null, "clean"))
            .withHeader("ETag", ETAG).withHeader("x-ratelimit-remaining", "4999")));
    wm.stubFor(get(urlPathEqualTo(PR_42)).atPriority(1).withHeader("If-None-Match", equalTo(ETAG))
        .willReturn(aResponse().withStatus(304).withHeader("ETag", ETAG).withHeader("x-ratelimit-remaining", "4999")));
  }

  @Nested
  class polling_an_unchanged_open_pr {

    @Test
    void ten_times_spends_one_full_request_and_nine_conditional_ones_answered_304() {
      serveUnchangedPr();
      PullRequestHost host = github.platform().pullRequests();

      for (int poll = 0; poll < 10; poll++) {
        assertThat(host.state(PR).get()).isEqualTo(new PullRequestState.Open(CommitId.of(HEAD)));
      }

      assertThat(wm.findAll(getRequestedFor(urlEqualTo(PR_42)).withHeader("If-None-Match", absent()))).hasSize(1);
      assertThat(wm.findAll(getRequestedFor(urlEqualTo(PR_42)).withHeader("If-None-Match", equalTo(ETAG))
          .withHeader("Authorization", equalTo("Bearer " + TOKEN)))).hasSize(9);
      assertThat(wm.getAllServeEvents().stream()
          .filter(e -> e.getRequest().getUrl().equals(PR_42))
          .filter(e -> e.getResponse().getStatus() == 304)).hasSize(9);
      // the repository itself is read once per platform, not once per poll
      assertThat(wm.findAll(getRequestedFor(urlEqualTo(REPO_PATH)))).hasSize(1);
    }

    @Test
    void without_the_cache_spends_ten_full_requests() {
      serveUnchangedPr();
      PullRequestHost host = github.platform(github.settings().conditionalCacheEntries(0).build()).pullRequests();

      for (int poll = 0; poll < 10; poll++) {
        host.state(PR).get();
      }

      assertThat(wm.findAll(getRequestedFor(urlEqualTo(PR_42)).withHeader("If-None-Match", absent()))).hasSize(10);
    }
  }

  @Nested
  class polling_a_pr_that_changes {

    @Test
    void sees_the_new_head_as_soon_as_github_sends_a_new_version() {
      serveUnchangedPr();
      PullRequestHost host = github.platform().pullRequests();
      host.state(PR).get();
      host.state(PR).get();

      // staging moved: GitHub's ETag no longer matches, so it answers 200 with the new PR
      wm.resetAll();
      github.serveRepository();
      wm.stubFor(get(urlPathEqualTo(PR_42)).willReturn(
          json(200, github.examples.pullRequest(42, "staging", "main", MOVED, "open", false, null, "clean"))
              .withHeader("ETag", "W/\"new\"")));

      assertThat(host.state(PR).get()).isEqualTo(new PullRequestState.Open(CommitId.of(MOVED)));
      assertThat(wm.findAll(getRequestedFor(urlEqualTo(PR_42)).withHeader("If-None-Match", equalTo(ETAG)))).hasSize(1);
    }
  }
}
