package io.platinur.github;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.platinur.github.StubbedGitHub.REPO_PATH;
import static io.platinur.github.StubbedGitHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.platinur.application.health.PipelineHealthService;
import io.platinur.domain.health.AlertCause;
import io.platinur.domain.repository.CommitId;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ADR-005's pipeline-health use case, driven through every GitHub port of one platform. */
class PipelineHealthOnGitHubTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String SHA = "a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d";
  static final String ISSUES = REPO_PATH + "/issues";

  StubbedGitHub github;
  PipelineHealthService health;

  @BeforeEach
  void setUp() {
    github = new StubbedGitHub(wm);
    github.serveRepository();
    GitHubPlatform platform = github.platform();
    health = PipelineHealthService.builder(platform, (env, commit) -> Either.right(Option.some(0)), platform.alerts()).build();
    ObjectNode deployment = (ObjectNode) github.examples.rest("deployment-items").get(0).deepCopy();
    deployment.put("id", 7).put("sha", SHA).put("environment", "staging")
        .put("statuses_url", wm.baseUrl() + REPO_PATH + "/deployments/7/statuses");
    wm.stubFor(get(urlPathEqualTo(REPO_PATH + "/deployments")).willReturn(json(200,
        GitHubExamples.JSON.createArrayNode().add(deployment))));
    ObjectNode success = (ObjectNode) github.examples.rest("deployment-status-items").get(0).deepCopy();
    wm.stubFor(get(urlPathEqualTo(REPO_PATH + "/deployments/7/statuses")).willReturn(json(200,
        GitHubExamples.JSON.createArrayNode().add(success.put("state", "success")))));
    wm.stubFor(get(urlPathEqualTo(REPO_PATH + "/statuses/" + SHA)).willReturn(json(200, "[]")));
  }

  @AfterEach
  void nothingUnexpectedWasAsked() {
    assertThat(wm.findAllUnmatchedRequests()).isEmpty();
  }

  void serveCheckRun(String conclusion) {
    ObjectNode run = (ObjectNode) github.examples.rest("check-run-paginated").get("check_runs").get(0).deepCopy();
    run.put("head_sha", SHA).put("status", "completed").put("conclusion", conclusion);
    ObjectNode page = GitHubExamples.JSON.createObjectNode().put("total_count", 1);
    page.putArray("check_runs").add(run);
    wm.stubFor(get(urlPathEqualTo(REPO_PATH + "/commits/" + SHA + "/check-runs")).willReturn(json(200, page)));
  }

  @Nested
  class when_ci_turns_red_at_the_staging_head {

    @Test
    void opens_one_ci_alert_issue() {
      serveCheckRun("failure");
      wm.stubFor(get(urlPathEqualTo(ISSUES)).willReturn(json(200, "[]")));
      ObjectNode created = (ObjectNode) github.examples.rest("issue").deepCopy();
      created.remove("pull_request");
      wm.stubFor(post(urlPathEqualTo(ISSUES)).willReturn(json(201, created)));

      assertThat(health.check(CommitId.of(SHA)).get()).containsExactly(AlertCause.CI_RED);

      wm.verify(1, postRequestedFor(urlEqualTo(ISSUES))
          .withRequestBody(matchingJsonPath("$.title", containing("CI is red")))
          .withRequestBody(matchingJsonPath("$.body", containing("<!-- platinur-alert: CI_RED -->"))));
      wm.verify(0, patchRequestedFor(anyUrl()));
    }
  }

  @Nested
  class when_everything_is_healthy_again {

    @Test
    void closes_the_open_ci_alert() {
      serveCheckRun("success");
      ObjectNode open = (ObjectNode) github.examples.rest("issue").deepCopy();
      open.remove("pull_request");
      open.put("number", 7).put("state", "open").put("body", "<!-- platinur-alert: CI_RED -->\nred")
          .put("url", wm.baseUrl() + ISSUES + "/7");
      wm.stubFor(get(urlPathEqualTo(ISSUES)).willReturn(json(200, GitHubExamples.JSON.createArrayNode().add(open))));
      wm.stubFor(post(urlPathEqualTo(ISSUES + "/7/comments")).willReturn(json(201, github.examples.rest("issue-comment"))));
      wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.patch(urlPathEqualTo(ISSUES + "/7"))
          .willReturn(json(200, open.deepCopy().put("state", "closed"))));

      assertThat(health.check(CommitId.of(SHA)).get()).isEmpty();

      wm.verify(1, patchRequestedFor(urlEqualTo(ISSUES + "/7")));
      wm.verify(0, postRequestedFor(urlEqualTo(ISSUES)));
    }
  }
}
