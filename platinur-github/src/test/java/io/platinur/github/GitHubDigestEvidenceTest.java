package io.platinur.github;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.platinur.github.StubbedGitHub.REPO_PATH;
import static io.platinur.github.StubbedGitHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.platinur.domain.digest.DeploymentHealth;
import io.platinur.domain.digest.DigestDeployment;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.Review;
import io.platinur.domain.forge.ReviewState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure.Kind;
import io.vavr.collection.Seq;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reviews and digest deployment statuses read from GitHub's documented response bodies. */
class GitHubDigestEvidenceTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String PULL = REPO_PATH + "/pulls/12";
  static final String DEPLOYMENTS = REPO_PATH + "/deployments";
  static final ServiceName API = ServiceName.of("api");
  static final EnvironmentName STAGING = EnvironmentName.of("staging");
  static final String DIGEST = "sha256:" + "a1".repeat(32);

  StubbedGitHub github;

  @BeforeEach
  void setUp() {
    github = new StubbedGitHub(wm);
    github.serveRepository();
  }

  @AfterEach
  void nothingUnexpectedWasAsked() {
    assertThat(wm.findAllUnmatchedRequests()).isEmpty();
  }

  ObjectNode review(long id, String login, String state, String commit, String at) {
    ObjectNode review = (ObjectNode) github.examples.rest("pull-request-review-items").get(0).deepCopy();
    ((ObjectNode) review.get("user")).put("login", login);
    return review.put("id", id).put("state", state).put("commit_id", commit).put("submitted_at", at);
  }

  void servePull() {
    ObjectNode pull = (ObjectNode) github.examples.rest("pull-request").deepCopy();
    pull.put("number", 12).put("url", wm.baseUrl() + PULL);
    ((ObjectNode) pull.get("user")).put("login", "release-bot");
    wm.stubFor(get(urlPathEqualTo(PULL)).willReturn(json(200, pull)));
  }

  @Test
  void reads_each_review_with_its_head_commit_and_time_and_the_author() {
    servePull();
    String head = "ecdd80bb57125d7ba9641ffaa4d7d2c19d3f3091";
    String older = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    ArrayNode reviews = GitHubExamples.JSON.createArrayNode()
        .add(review(80, "octocat", "APPROVED", head, "2019-11-17T17:43:43Z"))
        .add(review(81, "hubot", "APPROVED", older, "2019-11-17T16:00:00Z"))
        .add(review(82, "mona", "CHANGES_REQUESTED", head, "2019-11-17T18:00:00Z"))
        .add(review(83, "lisa", "COMMENTED", head, "2019-11-17T18:30:00Z"))
        .add(review(84, "pending-person", "PENDING", head, "2019-11-17T18:40:00Z"));
    wm.stubFor(get(urlPathEqualTo(PULL + "/reviews")).willReturn(json(200, reviews)));
    for (String login : java.util.List.of("octocat", "hubot", "mona", "lisa")) {
      // the client reads each reviewer's user record for the review's user
      ObjectNode user = (ObjectNode) github.examples.rest("deployment-items").get(0).get("creator").deepCopy();
      wm.stubFor(get(urlPathEqualTo("/users/" + login)).willReturn(json(200, user.put("login", login))));
    }

    Seq<Review> read = github.platform().reviews().reviews(PullRequestNumber.of(12)).get();
    assertThat(read).containsExactly(
        new Review("octocat", ReviewState.APPROVED, CommitId.of(head), Instant.parse("2019-11-17T17:43:43Z")),
        new Review("hubot", ReviewState.APPROVED, CommitId.of(older), Instant.parse("2019-11-17T16:00:00Z")),
        new Review("mona", ReviewState.CHANGES_REQUESTED, CommitId.of(head), Instant.parse("2019-11-17T18:00:00Z")),
        new Review("lisa", ReviewState.COMMENTED, CommitId.of(head), Instant.parse("2019-11-17T18:30:00Z")));
    assertThat(github.platform().reviews().author(PullRequestNumber.of(12)).get()).isEqualTo("release-bot");
  }

  ObjectNode deployment(long id, String service, String digest) {
    ObjectNode d = (ObjectNode) github.examples.rest("deployment-items").get(0).deepCopy();
    d.put("id", id).put("environment", "staging")
        .put("url", wm.baseUrl() + DEPLOYMENTS + "/" + id)
        .put("statuses_url", wm.baseUrl() + DEPLOYMENTS + "/" + id + "/statuses");
    d.putObject("payload").put("service", service).put("digest", digest);
    return d;
  }

  ObjectNode status(long id, String state, String at) {
    ObjectNode s = (ObjectNode) github.examples.rest("deployment-status-items").get(0).deepCopy();
    return s.put("id", id).put("state", state).put("environment", "staging").put("created_at", at).put("updated_at", at);
  }

  @Test
  void reads_deployment_statuses_of_the_service_with_their_own_times_for_soak() {
    wm.stubFor(get(urlPathEqualTo(DEPLOYMENTS)).willReturn(json(200, GitHubExamples.JSON.createArrayNode()
        .add(deployment(8, "api", DIGEST)).add(deployment(9, "web", DIGEST)))));
    wm.stubFor(get(urlPathEqualTo(DEPLOYMENTS + "/8/statuses")).willReturn(json(200, GitHubExamples.JSON.createArrayNode()
        .add(status(2, "success", "2026-11-24T01:00:00Z")).add(status(1, "in_progress", "2026-11-24T00:50:00Z")))));

    Seq<DigestDeployment> statuses = github.platform().digestDeployments().statuses(STAGING, API).get();
    assertThat(statuses).containsExactly(
        new DigestDeployment(STAGING, API, ImageDigest.of(DIGEST), DeploymentState.IN_PROGRESS, Instant.parse("2026-11-24T00:50:00Z")),
        new DigestDeployment(STAGING, API, ImageDigest.of(DIGEST), DeploymentState.SUCCESS, Instant.parse("2026-11-24T01:00:00Z")));
    assertThat(DeploymentHealth.healthySince(statuses, STAGING, API, ImageDigest.of(DIGEST))).contains(Instant.parse("2026-11-24T01:00:00Z"));
  }

  @Test
  void a_deployment_payload_naming_a_tag_is_a_malformed_answer() {
    wm.stubFor(get(urlPathEqualTo(DEPLOYMENTS)).willReturn(json(200, GitHubExamples.JSON.createArrayNode().add(deployment(8, "api", "latest")))));
    assertThat(github.platform().digestDeployments().statuses(STAGING, API).getLeft().kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
  }
}
