package io.platinur.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.platinur.github.StubbedGitHub.REPO_PATH;
import static io.platinur.github.StubbedGitHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.Review;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.DigestDeployments;
import io.platinur.port.PullRequestReviews;
import io.platinur.testkit.contract.DigestDeploymentsContract;
import io.platinur.testkit.contract.PullRequestReviewsContract;
import io.vavr.Tuple2;
import io.vavr.collection.Seq;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reviews and deployment statuses contracts against WireMock serving GitHub's documented
 * bodies: reviews with {@code user.login}, {@code state}, {@code commit_id} and
 * {@code submitted_at}; deployments (newest first, the digest in the payload) and their statuses
 * (newest first) with {@code created_at}.
 */
class GitHubDigestEvidenceContractTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String NOT_FOUND = "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/pulls/pulls#get-a-pull-request\",\"status\":\"404\"}";

  static StubbedGitHub github() {
    StubbedGitHub github = new StubbedGitHub(wm);
    github.serveRepository();
    return github;
  }

  @AfterEach
  void nothingUnexpectedWasAsked() {
    assertThat(wm.findAllUnmatchedRequests()).isEmpty();
  }

  @Nested
  class Reviews extends PullRequestReviewsContract {
    @Override
    protected World newWorld() {
      StubbedGitHub github = github();
      GitHubPlatform platform = github.platform();
      wm.stubFor(get(urlPathEqualTo(REPO_PATH + "/pulls/999")).willReturn(json(404, NOT_FOUND)));
      return new World() {
        private long next = 12;
        private final Map<Long, ArrayNode> reviews = new HashMap<>();
        private final Set<String> users = new LinkedHashSet<>();
        private long reviewIds = 80;

        @Override
        public PullRequestReviews reviews() {
          return platform.reviews();
        }

        @Override
        public PullRequestNumber openedBy(String author) {
          long number = next++;
          ObjectNode pull = github.examples.pullRequest(number, "platinur/promote/api/prod", "main", "ecdd80bb57125d7ba9641ffaa4d7d2c19d3f3091",
              "open", false, null, "clean");
          ((ObjectNode) pull.get("user")).put("login", author);
          wm.stubFor(get(urlPathEqualTo(REPO_PATH + "/pulls/" + number)).willReturn(json(200, pull)));
          reviews.put(number, GitHubExamples.JSON.createArrayNode());
          serveReviews(number);
          return PullRequestNumber.of(number);
        }

        private void serveReviews(long number) {
          wm.stubFor(get(urlPathEqualTo(REPO_PATH + "/pulls/" + number + "/reviews")).willReturn(json(200, reviews.get(number))));
        }

        private ObjectNode review(String login, String state, CommitId commit) {
          ObjectNode review = (ObjectNode) github.examples.rest("pull-request-review-items").get(0).deepCopy();
          ((ObjectNode) review.get("user")).put("login", login);
          review.put("id", reviewIds++).put("state", state).put("commit_id", commit.hex());
          if (users.add(login)) { // the client reads each reviewer's user record
            ObjectNode user = (ObjectNode) github.examples.rest("deployment-items").get(0).get("creator").deepCopy();
            wm.stubFor(get(urlPathEqualTo("/users/" + login)).willReturn(json(200, user.put("login", login))));
          }
          return review;
        }

        @Override
        public void reviewed(PullRequestNumber pr, Review review) {
          reviews.get(pr.value()).add(review(review.reviewer(), review.state().name(), review.commit())
              .put("submitted_at", review.submittedAt().toString()));
          serveReviews(pr.value());
        }

        @Override
        public void startedReview(PullRequestNumber pr, String login, CommitId commit) {
          reviews.get(pr.value()).add(review(login, "PENDING", commit).putNull("submitted_at"));
          serveReviews(pr.value());
        }
      };
    }
  }

  @Nested
  class Deployments extends DigestDeploymentsContract {
    @Override
    protected World newWorld() {
      StubbedGitHub github = github();
      GitHubPlatform platform = github.platform();
      String deployments = REPO_PATH + "/deployments";
      wm.stubFor(get(urlPathEqualTo(deployments)).atPriority(9).willReturn(json(200, GitHubExamples.JSON.createArrayNode())));
      return new World() {
        private long ids = 100;
        private final Map<String, ArrayNode> byEnvironment = new HashMap<>();

        @Override
        public DigestDeployments deployments() {
          return platform.digestDeployments();
        }

        private ObjectNode deployment(EnvironmentName environment, Instant at) {
          long id = ids++;
          ObjectNode d = (ObjectNode) github.examples.rest("deployment-items").get(0).deepCopy();
          d.put("id", id).put("environment", environment.value()).put("created_at", at.toString()).put("updated_at", at.toString())
              .put("url", wm.baseUrl() + deployments + "/" + id)
              .put("statuses_url", wm.baseUrl() + deployments + "/" + id + "/statuses");
          return d;
        }

        private void list(EnvironmentName environment, ObjectNode deployment) {
          ArrayNode listed = byEnvironment.computeIfAbsent(environment.value(), env -> GitHubExamples.JSON.createArrayNode());
          listed.insert(0, deployment); // newest first
          wm.stubFor(get(urlPathEqualTo(deployments)).withQueryParam("environment", equalTo(environment.value()))
              .willReturn(json(200, listed)));
        }

        @Override
        public void deployed(EnvironmentName environment, ServiceName service, ImageDigest digest, Seq<Tuple2<DeploymentState, Instant>> statuses) {
          ObjectNode d = deployment(environment, statuses.head()._2);
          d.putObject("payload").put("service", service.value()).put("digest", digest.value());
          list(environment, d);
          ArrayNode listed = GitHubExamples.JSON.createArrayNode();
          long statusId = d.get("id").asLong() * 100;
          for (Tuple2<DeploymentState, Instant> status : statuses) {
            ObjectNode s = (ObjectNode) github.examples.rest("deployment-status-items").get(0).deepCopy();
            listed.insert(0, s.put("id", statusId++).put("state", status._1.name().toLowerCase(Locale.ROOT))
                .put("environment", environment.value()).put("created_at", status._2.toString()).put("updated_at", status._2.toString()));
          }
          wm.stubFor(get(urlPathEqualTo(deployments + "/" + d.get("id").asLong() + "/statuses")).willReturn(json(200, listed)));
        }

        @Override
        public void someoneElsesDeployment(EnvironmentName environment, Instant at) {
          ObjectNode d = deployment(environment, at);
          d.putObject("payload").put("deploy", "migrate");
          list(environment, d);
        }
      };
    }
  }
}
