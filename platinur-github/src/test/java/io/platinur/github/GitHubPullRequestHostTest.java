package io.platinur.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.platinur.github.StubbedGitHub.REPO_PATH;
import static io.platinur.github.StubbedGitHub.TOKEN;
import static io.platinur.github.StubbedGitHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure.Kind;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GitHubPullRequestHostTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final BranchName STAGING = BranchName.of("staging");
  static final BranchName MAIN = BranchName.of("main");
  static final String HEAD = "1111111111111111111111111111111111111111";
  static final String MOVED = "2222222222222222222222222222222222222222";
  static final String MERGE = "3333333333333333333333333333333333333333";
  static final String TEST_MERGE = "4444444444444444444444444444444444444444";
  static final String PR_42 = REPO_PATH + "/pulls/42";

  StubbedGitHub github;
  PullRequestHost host;

  @BeforeEach
  void setUp() {
    github = new StubbedGitHub(wm);
    github.serveRepository();
    host = github.platform().pullRequests();
  }

  @AfterEach
  void nothingUnexpectedWasAsked() {
    assertThat(wm.findAllUnmatchedRequests()).as("requests no stub expected").isEmpty();
    wm.verify(0, getRequestedFor(urlEqualTo("/user")));
  }

  void servePr(String state, boolean merged, String headSha, String mergeCommit, String mergeableState) {
    wm.stubFor(get(urlPathEqualTo(PR_42)).willReturn(json(200,
        github.examples.pullRequest(42, "staging", "main", headSha, state, merged, mergeCommit, mergeableState))));
  }

  @Nested
  class with_no_promotion_pr_open {

    @Test
    void opens_the_pr_from_staging_into_production_sending_token_and_api_version() {
      wm.stubFor(post(urlPathEqualTo(REPO_PATH + "/pulls")).willReturn(json(201,
          github.examples.pullRequest(42, "staging", "main", HEAD, "open", false, TEST_MERGE, "clean"))));

      Either<PortFailure, PromotionPullRequest> opened = host.openPromotionPr(STAGING, MAIN, "Promote staging", "Batch of 2");

      assertThat(opened.get()).isEqualTo(new PromotionPullRequest(PullRequestNumber.of(42), STAGING, MAIN,
          CommitId.of(HEAD), Option.some(URI.create("https://github.com/acme/platform/pull/42"))));
      wm.verify(1, postRequestedFor(urlEqualTo(REPO_PATH + "/pulls"))
          .withHeader("Authorization", equalTo("Bearer " + TOKEN))
          .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
          .withHeader("Accept", equalTo("application/vnd.github+json"))
          .withRequestBody(equalToJson(
              "{\"title\":\"Promote staging\",\"head\":\"staging\",\"base\":\"main\",\"body\":\"Batch of 2\"}", false, true)));
    }

    @Test
    void finds_none_open() {
      wm.stubFor(get(urlPathEqualTo(REPO_PATH + "/pulls")).willReturn(json(200, "[]")));

      assertThat(host.findOpenPromotionPr(STAGING, MAIN).get()).isEmpty();
      wm.verify(getRequestedFor(urlPathEqualTo(REPO_PATH + "/pulls"))
          .withQueryParam("state", equalTo("open"))
          .withQueryParam("head", equalTo("acme:staging"))
          .withQueryParam("base", equalTo("main")));
    }

    @Test
    void does_not_take_an_open_fork_pr_from_a_branch_named_like_staging_for_the_promotion_pr() {
      com.fasterxml.jackson.databind.node.ObjectNode fork =
          github.examples.pullRequest(7, "staging", "main", HEAD, "open", false, null, "clean");
      ((com.fasterxml.jackson.databind.node.ObjectNode) fork.get("head").get("repo"))
          .put("id", 999999001).put("full_name", "acme/platform-fork");
      wm.stubFor(get(urlPathEqualTo(REPO_PATH + "/pulls")).willReturn(json(200, GitHubExamples.JSON.createArrayNode().add(fork))));

      assertThat(host.findOpenPromotionPr(STAGING, MAIN)).isEqualTo(Either.right(Option.none()));
    }

    @Test
    void reports_nothing_to_change_when_github_finds_no_commits_between_the_branches() {
      wm.stubFor(post(urlPathEqualTo(REPO_PATH + "/pulls")).willReturn(json(422,
          "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"PullRequest\",\"code\":\"custom\","
              + "\"message\":\"No commits between main and staging\"}],"
              + "\"documentation_url\":\"https://docs.github.com/rest/pulls/pulls#create-a-pull-request\",\"status\":\"422\"}")));
      wm.stubFor(get(urlPathEqualTo(REPO_PATH + "/pulls")).willReturn(json(200, "[]")));

      PortFailure failure = host.openPromotionPr(STAGING, MAIN, "Promote", "").getLeft();

      assertThat(failure.kind()).isEqualTo(Kind.NOTHING_TO_CHANGE);
      assertThat(failure.message()).contains("No commits between main and staging");
    }
  }

  @Nested
  class with_a_promotion_pr_already_open {

    @Test
    void returns_the_open_pr_when_github_refuses_a_duplicate_with_422() {
      wm.stubFor(post(urlPathEqualTo(REPO_PATH + "/pulls")).willReturn(json(422,
          "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"PullRequest\",\"code\":\"custom\","
              + "\"message\":\"A pull request already exists for acme:staging.\"}],\"status\":\"422\"}")));
      wm.stubFor(get(urlPathEqualTo(REPO_PATH + "/pulls")).willReturn(json(200,
          github.examples.listOf("pull-request-simple-items", pr -> {
            pr.put("number", 42);
            pr.put("html_url", "https://github.com/acme/platform/pull/42");
            ((com.fasterxml.jackson.databind.node.ObjectNode) pr.get("head")).put("ref", "staging").put("sha", HEAD);
            ((com.fasterxml.jackson.databind.node.ObjectNode) pr.get("base")).put("ref", "main");
          }))));

      PromotionPullRequest open = host.openPromotionPr(STAGING, MAIN, "Promote", "").get();

      assertThat(open.number()).isEqualTo(PullRequestNumber.of(42));
      assertThat(open.headCommit()).isEqualTo(CommitId.of(HEAD));
      wm.verify(1, postRequestedFor(urlEqualTo(REPO_PATH + "/pulls")));
      wm.verify(getRequestedFor(urlPathEqualTo(REPO_PATH + "/pulls")).withQueryParam("head", equalTo("acme:staging")));
    }

    @Test
    void reads_it_as_open_at_its_head_ignoring_the_test_merge_commit() {
      servePr("open", false, HEAD, TEST_MERGE, "clean");

      assertThat(host.state(PullRequestNumber.of(42)).get()).isEqualTo(new PullRequestState.Open(CommitId.of(HEAD)));
      wm.verify(1, getRequestedFor(urlEqualTo(PR_42)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void merges_exactly_the_expected_head_and_returns_the_merge_commit() {
      wm.stubFor(get(urlPathEqualTo(PR_42)).inScenario("merge").whenScenarioStateIs(Scenario.STARTED)
          .willReturn(json(200, github.examples.pullRequest(42, "staging", "main", HEAD, "open", false, TEST_MERGE, "clean"))));
      wm.stubFor(put(urlPathEqualTo(PR_42 + "/merge")).inScenario("merge").willSetStateTo("merged")
          .willReturn(json(200, "{\"sha\":\"" + MERGE + "\",\"merged\":true,\"message\":\"Pull Request successfully merged\"}")));
      wm.stubFor(get(urlPathEqualTo(PR_42)).inScenario("merge").whenScenarioStateIs("merged")
          .willReturn(json(200, github.examples.pullRequest(42, "staging", "main", HEAD, "closed", true, MERGE, "unknown"))));

      assertThat(host.merge(PullRequestNumber.of(42), CommitId.of(HEAD)).get()).isEqualTo(CommitId.of(MERGE));
      wm.verify(1, putRequestedFor(urlEqualTo(PR_42 + "/merge"))
          .withHeader("Authorization", equalTo("Bearer " + TOKEN))
          .withRequestBody(equalToJson("{\"sha\":\"" + HEAD + "\",\"merge_method\":\"merge\"}", false, true)));
    }

    @Test
    void refuses_to_merge_when_the_head_moved_before_sending_anything() {
      servePr("open", false, MOVED, TEST_MERGE, "clean");

      PortFailure failure = host.merge(PullRequestNumber.of(42), CommitId.of(HEAD)).getLeft();

      assertThat(failure.kind()).isEqualTo(Kind.CONFLICT);
      assertThat(failure.message()).contains("2222222");
      wm.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void turns_409_head_moved_into_a_conflict() {
      servePr("open", false, HEAD, TEST_MERGE, "clean");
      wm.stubFor(put(urlPathEqualTo(PR_42 + "/merge")).willReturn(json(409,
          "{\"message\":\"Head branch was modified. Review and try the merge again.\","
              + "\"documentation_url\":\"https://docs.github.com/rest/pulls/pulls#merge-a-pull-request\",\"status\":\"409\"}")));

      PortFailure failure = host.merge(PullRequestNumber.of(42), CommitId.of(HEAD)).getLeft();

      assertThat(failure.kind()).isEqualTo(Kind.CONFLICT);
      assertThat(failure.message()).contains("Head branch was modified");
    }

    @Test
    void turns_405_not_mergeable_into_a_rejection() {
      servePr("open", false, HEAD, TEST_MERGE, "blocked");
      wm.stubFor(put(urlPathEqualTo(PR_42 + "/merge")).willReturn(json(405,
          "{\"message\":\"Pull Request is not mergeable\",\"status\":\"405\"}")));

      PortFailure failure = host.merge(PullRequestNumber.of(42), CommitId.of(HEAD)).getLeft();

      assertThat(failure.kind()).isEqualTo(Kind.REJECTED);
      assertThat(failure.message()).contains("Pull Request is not mergeable");
    }

    @Test
    void returns_the_merge_commit_when_another_host_merged_it_first() {
      wm.stubFor(get(urlPathEqualTo(PR_42)).inScenario("race").whenScenarioStateIs(Scenario.STARTED)
          .willReturn(json(200, github.examples.pullRequest(42, "staging", "main", HEAD, "open", false, TEST_MERGE, "clean"))));
      wm.stubFor(put(urlPathEqualTo(PR_42 + "/merge")).inScenario("race").willSetStateTo("merged elsewhere")
          .willReturn(json(405, "{\"message\":\"Pull Request is not mergeable\",\"status\":\"405\"}")));
      wm.stubFor(get(urlPathEqualTo(PR_42)).inScenario("race").whenScenarioStateIs("merged elsewhere")
          .willReturn(json(200, github.examples.pullRequest(42, "staging", "main", HEAD, "closed", true, MERGE, "unknown"))));

      assertThat(host.merge(PullRequestNumber.of(42), CommitId.of(HEAD)).get()).isEqualTo(CommitId.of(MERGE));
    }

    @Test
    void refuses_a_pr_with_conflicts_without_trying_to_merge() {
      servePr("open", false, HEAD, TEST_MERGE, "dirty");

      assertThat(host.merge(PullRequestNumber.of(42), CommitId.of(HEAD)).getLeft().kind()).isEqualTo(Kind.REJECTED);
      wm.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void waits_within_the_budget_while_github_computes_mergeability_then_merges() {
      wm.stubFor(get(urlPathEqualTo(PR_42)).inScenario("mergeable").whenScenarioStateIs(Scenario.STARTED)
          .willSetStateTo("computed")
          .willReturn(json(200, github.examples.pullRequest(42, "staging", "main", HEAD, "open", false, null, "unknown"))));
      wm.stubFor(get(urlPathEqualTo(PR_42)).inScenario("mergeable").whenScenarioStateIs("computed")
          .willReturn(json(200, github.examples.pullRequest(42, "staging", "main", HEAD, "open", false, TEST_MERGE, "clean"))));
      wm.stubFor(put(urlPathEqualTo(PR_42 + "/merge")).inScenario("mergeable").willSetStateTo("merged")
          .willReturn(json(200, "{\"sha\":\"" + MERGE + "\",\"merged\":true,\"message\":\"Pull Request successfully merged\"}")));
      wm.stubFor(get(urlPathEqualTo(PR_42)).inScenario("mergeable").whenScenarioStateIs("merged")
          .willReturn(json(200, github.examples.pullRequest(42, "staging", "main", HEAD, "closed", true, MERGE, "unknown"))));

      assertThat(host.merge(PullRequestNumber.of(42), CommitId.of(HEAD)).get()).isEqualTo(CommitId.of(MERGE));
      assertThat(github.sleeps).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void still_unknown_mergeability_after_the_budget_lets_github_decide() {
      servePr("open", false, HEAD, null, "unknown");
      wm.stubFor(put(urlPathEqualTo(PR_42 + "/merge")).willReturn(json(405,
          "{\"message\":\"Base branch was modified. Review and try the merge again.\",\"status\":\"405\"}")));

      PortFailure failure = host.merge(PullRequestNumber.of(42), CommitId.of(HEAD)).getLeft();

      assertThat(failure.kind()).isEqualTo(Kind.REJECTED);
      assertThat(github.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
      // three reads within the budget, and one after the 405 to see whether another host merged it
      wm.verify(4, getRequestedFor(urlEqualTo(PR_42)));
      wm.verify(1, putRequestedFor(urlEqualTo(PR_42 + "/merge")));
    }

    @Test
    void closes_it_without_merging() {
      wm.stubFor(get(urlPathEqualTo(PR_42)).inScenario("close").whenScenarioStateIs(Scenario.STARTED)
          .willReturn(json(200, github.examples.pullRequest(42, "staging", "main", HEAD, "open", false, TEST_MERGE, "clean"))));
      wm.stubFor(patch(urlPathEqualTo(PR_42)).inScenario("close").willSetStateTo("closed")
          .willReturn(json(200, github.examples.pullRequest(42, "staging", "main", HEAD, "closed", false, TEST_MERGE, "clean"))));
      wm.stubFor(get(urlPathEqualTo(PR_42)).inScenario("close").whenScenarioStateIs("closed")
          .willReturn(json(200, github.examples.pullRequest(42, "staging", "main", HEAD, "closed", false, TEST_MERGE, "clean"))));

      assertThat(host.close(PullRequestNumber.of(42)).get()).isEqualTo(new PullRequestState.ClosedUnmerged());
      wm.verify(1, patchRequestedFor(urlEqualTo(PR_42)).withRequestBody(equalToJson("{\"state\":\"closed\"}", false, true)));
    }
  }

  @Nested
  class with_the_promotion_pr_merged {

    @Test
    void reads_it_as_merged_with_its_merge_commit() {
      servePr("closed", true, HEAD, MERGE, "unknown");

      assertThat(host.state(PullRequestNumber.of(42)).get()).isEqualTo(new PullRequestState.Merged(CommitId.of(MERGE)));
    }

    @Test
    void merging_again_returns_the_merge_commit_without_a_second_merge() {
      servePr("closed", true, HEAD, MERGE, "unknown");

      assertThat(host.merge(PullRequestNumber.of(42), CommitId.of(HEAD)).get()).isEqualTo(CommitId.of(MERGE));
      wm.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void closing_it_is_a_no_op_that_reports_it_merged() {
      servePr("closed", true, HEAD, MERGE, "unknown");

      assertThat(host.close(PullRequestNumber.of(42)).get()).isEqualTo(new PullRequestState.Merged(CommitId.of(MERGE)));
      wm.verify(0, patchRequestedFor(anyUrl()));
    }

    @Test
    void a_merged_pr_without_a_merge_commit_is_a_malformed_answer_not_a_state() {
      servePr("closed", true, HEAD, null, "unknown");

      assertThat(host.state(PullRequestNumber.of(42)).getLeft().kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
    }
  }

  @Nested
  class with_the_promotion_pr_closed_unmerged {

    @Test
    void reads_it_as_closed() {
      servePr("closed", false, HEAD, TEST_MERGE, "clean");

      assertThat(host.state(PullRequestNumber.of(42)).get()).isEqualTo(new PullRequestState.ClosedUnmerged());
    }

    @Test
    void refuses_to_merge_it() {
      servePr("closed", false, HEAD, TEST_MERGE, "clean");

      assertThat(host.merge(PullRequestNumber.of(42), CommitId.of(HEAD)).getLeft().kind()).isEqualTo(Kind.REJECTED);
      wm.verify(0, putRequestedFor(anyUrl()));
    }
  }

  @Nested
  class with_no_such_pr {

    @Test
    void reports_not_found() {
      wm.stubFor(get(urlPathEqualTo(PR_42)).willReturn(json(404,
          "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/pulls/pulls#get-a-pull-request\",\"status\":\"404\"}")));

      assertThat(host.state(PullRequestNumber.of(42)).getLeft().kind()).isEqualTo(Kind.NOT_FOUND);
      wm.verify(1, anyRequestedFor(urlEqualTo(PR_42)));
    }
  }

  @Test
  void a_truncated_answer_is_a_malformed_response() {
    String body = GitHubExamples.text(github.examples.pullRequest(42, "staging", "main", HEAD, "open", false, null, "clean"));
    wm.stubFor(get(urlPathEqualTo(PR_42)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(body.substring(0, body.length() / 2))));

    PortFailure failure = host.state(PullRequestNumber.of(42)).getLeft();

    assertThat(failure.kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
    assertThat(failure.message()).doesNotContain(TOKEN).doesNotContain("\"head\"");
  }
}
