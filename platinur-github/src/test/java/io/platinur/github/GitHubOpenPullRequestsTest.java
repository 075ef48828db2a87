package io.platinur.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.platinur.github.StubbedGitHub.REPO_PATH;
import static io.platinur.github.StubbedGitHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.OpenPullRequests;
import io.platinur.port.PortFailure.Kind;
import io.vavr.collection.Seq;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Open pull requests for previews, from GitHub's documented list body ({@code pull-request-simple-items}). */
class GitHubOpenPullRequestsTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String PULLS = REPO_PATH + "/pulls";
  static final String SHA_4 = "4444444444444444444444444444444444444444";
  static final String SHA_7 = "7777777777777777777777777777777777777777";

  StubbedGitHub github;
  OpenPullRequests pulls;

  @BeforeEach
  void setUp() {
    github = new StubbedGitHub(wm);
    github.serveRepository();
    pulls = github.platform().openPullRequests();
  }

  @AfterEach
  void nothingUnexpectedWasAsked() {
    assertThat(wm.findAllUnmatchedRequests()).as("requests no stub expected").isEmpty();
  }

  ObjectNode item(long number, String head, String sha, String base, String updatedAt, String... labels) {
    ObjectNode pr = (ObjectNode) github.examples.rest("pull-request-simple-items").get(0).deepCopy();
    pr.put("number", number);
    pr.put("updated_at", updatedAt);
    ((ObjectNode) pr.get("head")).put("ref", head).put("sha", sha);
    ((ObjectNode) pr.get("base")).put("ref", base);
    ArrayNode labelNodes = GitHubExamples.JSON.createArrayNode();
    ObjectNode template = (ObjectNode) pr.get("labels").get(0);
    for (String label : labels) {
      labelNodes.add(template.deepCopy().put("name", label));
    }
    pr.set("labels", labelNodes);
    return pr;
  }

  @Test
  void lists_every_open_pull_request_across_pages_with_head_base_labels_and_update_time() {
    ArrayNode first = GitHubExamples.JSON.createArrayNode().add(item(4, "feature-login", SHA_4, "main", "2026-11-30T08:15:00Z", "preview", "bug"));
    ArrayNode second = GitHubExamples.JSON.createArrayNode().add(item(7, "docs-typo", SHA_7, "release", "2026-11-29T10:00:00Z"));
    wm.stubFor(get(urlPathEqualTo(PULLS)).withQueryParam("state", equalTo("open")).withQueryParam("page", equalTo("2"))
        .willReturn(json(200, second)));
    wm.stubFor(get(urlPathEqualTo(PULLS)).withQueryParam("state", equalTo("open")).withQueryParam("per_page", equalTo("100"))
        .withQueryParam("page", com.github.tomakehurst.wiremock.client.WireMock.absent())
        .willReturn(json(200, first).withHeader("Link",
            "<" + wm.baseUrl() + PULLS + "?state=open&per_page=100&page=2>; rel=\"next\", <" + wm.baseUrl() + PULLS
                + "?state=open&per_page=100&page=2>; rel=\"last\"")));

    Seq<OpenPullRequest> open = pulls.listOpen().get();

    assertThat(open).containsExactly(
        new OpenPullRequest(PullRequestNumber.of(4), BranchName.of("feature-login"), BranchName.of("main"), CommitId.of(SHA_4),
            io.vavr.collection.TreeSet.of("bug", "preview"), Instant.parse("2026-11-30T08:15:00Z")),
        new OpenPullRequest(PullRequestNumber.of(7), BranchName.of("docs-typo"), BranchName.of("release"), CommitId.of(SHA_7),
            io.vavr.collection.TreeSet.empty(), Instant.parse("2026-11-29T10:00:00Z")));
    wm.verify(2, getRequestedFor(urlPathEqualTo(PULLS)));
  }

  @Test
  void an_item_without_a_head_commit_makes_the_whole_answer_malformed_rather_than_a_partial_list() {
    ObjectNode broken = item(4, "feature-login", SHA_4, "main", "2026-11-30T08:15:00Z");
    ((ObjectNode) broken.get("head")).remove("sha");
    wm.stubFor(get(urlPathEqualTo(PULLS)).withQueryParam("state", equalTo("open"))
        .willReturn(json(200, GitHubExamples.JSON.createArrayNode()
            .add(item(7, "docs-typo", SHA_7, "main", "2026-11-29T10:00:00Z")).add(broken))));

    assertThat(pulls.listOpen().getLeft().kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
  }

  @Test
  void a_server_error_that_outlasts_the_retries_is_unavailable() {
    wm.stubFor(get(urlPathEqualTo(PULLS)).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(502)));

    assertThat(pulls.listOpen().getLeft().kind()).isEqualTo(Kind.UNAVAILABLE);
  }
}
