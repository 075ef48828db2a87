package io.platinur.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.platinur.github.StubbedGitHub.REPO_PATH;
import static io.platinur.github.StubbedGitHub.TOKEN;
import static io.platinur.github.StubbedGitHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.Deployments;
import io.platinur.port.PortFailure.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GitHubDeploymentsTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String SHA = "a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d";
  static final String DEPLOYMENTS = REPO_PATH + "/deployments";

  StubbedGitHub github;
  Deployments deployments;

  @BeforeEach
  void setUp() {
    github = new StubbedGitHub(wm);
    github.serveRepository();
    deployments = github.platform().deployments();
  }

  @AfterEach
  void nothingUnexpectedWasAsked() {
    assertThat(wm.findAllUnmatchedRequests()).isEmpty();
  }

  ObjectNode deployment(long id, String sha) {
    ObjectNode d = (ObjectNode) github.examples.rest("deployment-items").get(0).deepCopy();
    d.put("id", id).put("sha", sha).put("environment", "staging")
        .put("url", wm.baseUrl() + DEPLOYMENTS + "/" + id)
        .put("statuses_url", wm.baseUrl() + DEPLOYMENTS + "/" + id + "/statuses");
    return d;
  }

  ObjectNode status(long id, String state) {
    ObjectNode s = (ObjectNode) github.examples.rest("deployment-status-items").get(0).deepCopy();
    return s.put("id", id).put("state", state).put("environment", "staging");
  }

  void serveDeployments(ObjectNode... items) {
    wm.stubFor(get(urlPathEqualTo(DEPLOYMENTS)).willReturn(json(200, GitHubExamples.JSON.createArrayNode().addAll(java.util.List.of(items)))));
  }

  void serveStatuses(long deployment, ObjectNode... statuses) {
    ArrayNode list = GitHubExamples.JSON.createArrayNode().addAll(java.util.List.of(statuses));
    wm.stubFor(get(urlPathEqualTo(DEPLOYMENTS + "/" + deployment + "/statuses")).willReturn(json(200, list)));
  }

  @Nested
  class with_a_deployment_of_the_commit {

    @ParameterizedTest
    @CsvSource({"success, SUCCESS", "failure, FAILURE", "error, ERROR", "in_progress, IN_PROGRESS",
        "queued, QUEUED", "pending, PENDING", "inactive, INACTIVE"})
    void reports_the_state_of_its_latest_status(String githubState, DeploymentState expected) {
      serveDeployments(deployment(7, SHA));
      serveStatuses(7, status(3, githubState), status(2, "in_progress"), status(1, "queued"));

      assertThat(deployments.latestStatus("staging", CommitId.of(SHA)).get()).isEqualTo(expected);
      wm.verify(getRequestedFor(urlPathEqualTo(DEPLOYMENTS))
          .withQueryParam("sha", equalTo(SHA))
          .withQueryParam("environment", equalTo("staging"))
          .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void picks_the_newest_status_by_id_not_by_position() {
      serveDeployments(deployment(7, SHA));
      serveStatuses(7, status(1, "in_progress"), status(2, "failure"));

      assertThat(deployments.latestStatus("staging", CommitId.of(SHA)).get()).isEqualTo(DeploymentState.FAILURE);
    }

    @Test
    void reads_only_the_newest_of_several_deployments() {
      serveDeployments(deployment(9, SHA), deployment(7, SHA));
      serveStatuses(9, status(5, "success"));

      assertThat(deployments.latestStatus("staging", CommitId.of(SHA)).get()).isEqualTo(DeploymentState.SUCCESS);
      wm.verify(0, getRequestedFor(urlPathEqualTo(DEPLOYMENTS + "/7/statuses")));
    }

    @Test
    void is_pending_before_its_first_status() {
      serveDeployments(deployment(7, SHA));
      serveStatuses(7);

      assertThat(deployments.latestStatus("staging", CommitId.of(SHA)).get()).isEqualTo(DeploymentState.PENDING);
    }

    @Test
    void a_status_in_a_state_github_does_not_document_is_malformed_not_guessed() {
      serveDeployments(deployment(7, SHA));
      serveStatuses(7, status(2, "exploded"), status(1, "success"));

      assertThat(deployments.latestStatus("staging", CommitId.of(SHA)).getLeft().kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
    }

    @Test
    void a_deployment_of_another_commit_in_the_answer_is_malformed() {
      serveDeployments(deployment(7, "0000000000000000000000000000000000000000"));

      assertThat(deployments.latestStatus("staging", CommitId.of(SHA)).getLeft().kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
    }
  }

  @Nested
  class with_no_deployment_of_the_commit {

    @Test
    void reports_not_found() {
      serveDeployments();

      assertThat(deployments.latestStatus("staging", CommitId.of(SHA)).get()).isEqualTo(DeploymentState.NOT_FOUND);
    }
  }
}
