package io.platinur.github;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.platinur.github.StubbedGitHub.REPO_PATH;
import static io.platinur.github.StubbedGitHub.TOKEN;
import static io.platinur.github.StubbedGitHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.platinur.domain.health.AlertCause;
import io.platinur.domain.health.PipelineAlert;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PipelineAlerts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GitHubPipelineAlertsTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String SHA = "9999999999999999999999999999999999999999";
  static final String ISSUES = REPO_PATH + "/issues";
  static final PipelineAlert CI_RED = new PipelineAlert(AlertCause.CI_RED, CommitId.of(SHA), "Check ‘test’ failed.");

  StubbedGitHub github;
  PipelineAlerts alerts;

  @BeforeEach
  void setUp() {
    github = new StubbedGitHub(wm);
    github.serveRepository();
    alerts = github.platform().alerts();
  }

  @AfterEach
  void nothingUnexpectedWasAsked() {
    assertThat(wm.findAllUnmatchedRequests()).isEmpty();
  }

  /** GitHub's issue example as open issue {@code number} with {@code body}; a plain issue unless {@code pullRequest}. */
  ObjectNode issue(long number, String body, boolean pullRequest) {
    ObjectNode issue = (ObjectNode) github.examples.rest("issue").deepCopy();
    issue.put("number", number).put("body", body).put("state", "open")
        .put("url", wm.baseUrl() + ISSUES + "/" + number)
        .put("comments_url", wm.baseUrl() + ISSUES + "/" + number + "/comments");
    if (!pullRequest) {
      issue.remove("pull_request");
    }
    return issue;
  }

  void serveOpenAlerts(ObjectNode... issues) {
    ArrayNode list = GitHubExamples.JSON.createArrayNode().addAll(java.util.List.of(issues));
    wm.stubFor(get(urlPathEqualTo(ISSUES)).willReturn(json(200, list)));
  }

  void acceptNewIssue() {
    wm.stubFor(post(urlPathEqualTo(ISSUES)).willReturn(json(201, issue(12, GitHubPipelineAlerts.marker(AlertCause.CI_RED), false))));
  }

  @Nested
  class with_no_open_alert {

    @Test
    void raising_opens_one_issue_with_the_label_and_the_hidden_marker() {
      serveOpenAlerts();
      acceptNewIssue();

      assertThat(alerts.raise(CI_RED).get()).isTrue();
      wm.verify(getRequestedFor(urlPathEqualTo(ISSUES))
          .withQueryParam("state", equalTo("open"))
          .withQueryParam("labels", equalTo("platinur-alert"))
          .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
      wm.verify(1, postRequestedFor(urlEqualTo(ISSUES))
          .withRequestBody(equalToJson("{\"title\":\"CI is red at 9999999\",\"labels\":[\"platinur-alert\"]}", false, true))
          .withRequestBody(matchingJsonPath("$.body", com.github.tomakehurst.wiremock.client.WireMock.containing("<!-- platinur-alert: CI_RED -->")))
          .withRequestBody(matchingJsonPath("$.body", com.github.tomakehurst.wiremock.client.WireMock.containing("Check ‘test’ failed."))));
    }

    @Test
    void an_open_alert_for_another_cause_or_a_pull_request_does_not_count() {
      serveOpenAlerts(issue(3, GitHubPipelineAlerts.marker(AlertCause.STAGING_DEPLOY_FAILED), false),
          issue(4, GitHubPipelineAlerts.marker(AlertCause.CI_RED), true));
      acceptNewIssue();

      assertThat(alerts.raise(CI_RED).get()).isTrue();
      wm.verify(1, postRequestedFor(urlEqualTo(ISSUES)));
      wm.verify(0, postRequestedFor(urlPathEqualTo(ISSUES + "/3/comments")));
    }

    @Test
    void resolving_changes_nothing() {
      serveOpenAlerts();

      assertThat(alerts.resolve(AlertCause.CI_RED, "CI is green again.").get()).isFalse();
      wm.verify(0, postRequestedFor(anyUrl()));
      wm.verify(0, patchRequestedFor(anyUrl()));
    }
  }

  @Nested
  class with_an_open_alert_for_the_cause {

    @BeforeEach
    void openAlert() {
      serveOpenAlerts(issue(7, "Something\n" + GitHubPipelineAlerts.marker(AlertCause.CI_RED) + "\nold details", false));
      wm.stubFor(post(urlPathEqualTo(ISSUES + "/7/comments")).willReturn(json(201, github.examples.rest("issue-comment"))));
    }

    @Test
    void raising_again_comments_on_it_instead_of_opening_another() {
      assertThat(alerts.raise(CI_RED).get()).isFalse();
      wm.verify(0, postRequestedFor(urlEqualTo(ISSUES)));
      wm.verify(1, postRequestedFor(urlEqualTo(ISSUES + "/7/comments"))
          .withRequestBody(matchingJsonPath("$.body", com.github.tomakehurst.wiremock.client.WireMock.containing(SHA))));
    }

    @Test
    void resolving_comments_and_closes_it() {
      wm.stubFor(patch(urlPathEqualTo(ISSUES + "/7")).willReturn(json(200, issue(7, "closed", false).put("state", "closed"))));

      assertThat(alerts.resolve(AlertCause.CI_RED, "CI is green again at 9999999.").get()).isTrue();
      wm.verify(1, postRequestedFor(urlEqualTo(ISSUES + "/7/comments"))
          .withRequestBody(equalToJson("{\"body\":\"CI is green again at 9999999.\"}")));
      wm.verify(1, patchRequestedFor(urlEqualTo(ISSUES + "/7")).withRequestBody(equalToJson("{\"state\":\"closed\"}", false, true)));
    }
  }

  @Nested
  class when_a_write_has_no_clear_answer {

    @Test
    void an_issue_post_answered_502_is_sent_once_and_found_when_it_did_open_the_issue() {
      wm.stubFor(get(urlPathEqualTo(ISSUES)).inScenario("alert").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
          .willReturn(json(200, GitHubExamples.JSON.createArrayNode())));
      wm.stubFor(post(urlPathEqualTo(ISSUES)).inScenario("alert").willSetStateTo("opened")
          .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(502)));
      wm.stubFor(get(urlPathEqualTo(ISSUES)).inScenario("alert").whenScenarioStateIs("opened")
          .willReturn(json(200, GitHubExamples.JSON.createArrayNode()
              .add(issue(12, GitHubPipelineAlerts.marker(AlertCause.CI_RED) + "\nAt commit", false)))));

      assertThat(alerts.raise(CI_RED).get()).isTrue();
      wm.verify(1, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo(ISSUES)));
    }

    @Test
    void an_issue_post_answered_502_that_opened_nothing_is_unavailable_after_one_post() {
      serveOpenAlerts();
      wm.stubFor(post(urlPathEqualTo(ISSUES)).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(502)));

      io.platinur.port.PortFailure failure = alerts.raise(CI_RED).getLeft();

      assertThat(failure.kind()).isEqualTo(io.platinur.port.PortFailure.Kind.UNAVAILABLE);
      assertThat(failure.message()).contains("none was opened");
      wm.verify(1, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo(ISSUES)));
    }
  }
}
