package io.platinur.github;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.platinur.github.StubbedGitHub.REPO_PATH;
import static io.platinur.github.StubbedGitHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure.Kind;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import io.vavr.control.Either;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A production branch that requires a merge queue refuses REST merges: the promotion PR is queued
 * at its exact head instead (GraphQL {@code enqueuePullRequest} with {@code expectedHeadOid}), and
 * reading the PR later tells whether the queue merged it or dequeued it.
 */
class MergeQueueTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String HEAD = "1111111111111111111111111111111111111111";
  static final String MERGE = "3333333333333333333333333333333333333333";
  static final String PR_42 = REPO_PATH + "/pulls/42";
  static final String RULES = REPO_PATH + "/rules/branches/main";
  static final String NODE_ID = "MDExOlB1bGxSZXF1ZXN0MQ==";
  static final String ENQUEUED = "{\"data\":{\"enqueuePullRequest\":{\"mergeQueueEntry\":"
      + "{\"id\":\"MQE_kwDOAbc123\",\"state\":\"QUEUED\",\"position\":1}}}}";

  StubbedGitHub github;

  @BeforeEach
  void setUp() {
    github = new StubbedGitHub(wm);
    github.serveRepository();
  }

  PullRequestHost host(boolean productionBranchKnown) {
    GitHubSettings.Builder settings = github.settings();
    if (productionBranchKnown) {
      settings.productionBranch(BranchName.of("main"));
    }
    return github.platform(settings.build()).pullRequests();
  }

  ResponseDefinitionBuilder pr(String state, boolean merged, String mergeCommit) {
    ObjectNode pr = github.examples.pullRequest(42, "staging", "main", HEAD, state, merged, mergeCommit, "clean");
    pr.put("node_id", NODE_ID);
    return json(200, pr);
  }

  /** GitHub's branch-rules example plus a merge_queue rule. */
  void serveQueueRule() {
    ArrayNode rules = (ArrayNode) github.examples.rest("branch-rules");
    ObjectNode queue = rules.addObject().put("type", "merge_queue")
        .put("ruleset_source_type", "Repository").put("ruleset_source", "acme/platform").put("ruleset_id", 43);
    queue.putObject("parameters").put("check_response_timeout_minutes", 60).put("grouping_strategy", "ALLGREEN")
        .put("max_entries_to_build", 5).put("max_entries_to_merge", 5).put("merge_method", "MERGE")
        .put("min_entries_to_merge", 1).put("min_entries_to_merge_wait_minutes", 5);
    wm.stubFor(get(urlPathEqualTo(RULES)).willReturn(json(200, rules)));
    wm.stubFor(get(urlPathEqualTo(REPO_PATH + "/branches/main")).willReturn(json(200, github.examples.rest("branch-with-protection"))));
  }

  /** PR #42 open until the queue is asked, then {@code after}. */
  void prThen(ResponseDefinitionBuilder after) {
    wm.stubFor(get(urlPathEqualTo(PR_42)).inScenario("queue").whenScenarioStateIs(Scenario.STARTED).willReturn(pr("open", false, null)));
    wm.stubFor(post(urlPathEqualTo("/graphql")).inScenario("queue").willSetStateTo("queued").willReturn(json(200, ENQUEUED)));
    wm.stubFor(get(urlPathEqualTo(PR_42)).inScenario("queue").whenScenarioStateIs("queued").willReturn(after));
  }

  Either<PortFailure, CommitId> merge(PullRequestHost host) {
    return host.merge(PullRequestNumber.of(42), CommitId.of(HEAD));
  }

  @Nested
  class required_by_a_ruleset {

    @Test
    void queues_the_pr_at_its_exact_head_instead_of_merging_it_and_sync_reads_it_merged() {
      serveQueueRule();
      prThen(pr("closed", true, MERGE));
      PullRequestHost host = host(true);

      PortFailure queued = merge(host).getLeft();

      assertThat(queued.kind()).isEqualTo(Kind.ENQUEUED);
      assertThat(queued.message()).contains("merge queue");
      wm.verify(0, putRequestedFor(anyUrl()));
      wm.verify(1, postRequestedFor(urlPathEqualTo("/graphql"))
          .withRequestBody(matchingJsonPath("$.query", com.github.tomakehurst.wiremock.client.WireMock.containing("enqueuePullRequest")))
          .withRequestBody(matchingJsonPath("$.variables.id", equalTo(NODE_ID)))
          .withRequestBody(matchingJsonPath("$.variables.head", equalTo(HEAD))));
      assertThat(host.state(PullRequestNumber.of(42))).isEqualTo(Either.right(new PullRequestState.Merged(CommitId.of(MERGE))));
    }

    @Test
    void a_dequeued_pr_reads_back_open_at_its_head() {
      serveQueueRule();
      prThen(pr("open", false, null));
      PullRequestHost host = host(true);

      assertThat(merge(host).getLeft().kind()).isEqualTo(Kind.ENQUEUED);

      assertThat(host.state(PullRequestNumber.of(42))).isEqualTo(Either.right(new PullRequestState.Open(CommitId.of(HEAD))));
    }

    @Test
    void a_pr_already_in_the_queue_is_reported_queued_again() {
      serveQueueRule();
      wm.stubFor(get(urlPathEqualTo(PR_42)).willReturn(pr("open", false, null)));
      wm.stubFor(post(urlPathEqualTo("/graphql")).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("enqueuePullRequest"))
          .willReturn(json(200, "{\"data\":{\"enqueuePullRequest\":null},\"errors\":[{\"type\":\"UNPROCESSABLE\","
              + "\"path\":[\"enqueuePullRequest\"],\"message\":\"Pull request is already in the merge queue\"}]}")));
      wm.stubFor(post(urlPathEqualTo("/graphql")).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("isInMergeQueue"))
          .willReturn(json(200, "{\"data\":{\"node\":{\"isInMergeQueue\":true}}}")));

      assertThat(merge(host(true)).getLeft().kind()).isEqualTo(Kind.ENQUEUED);
    }
  }

  @Nested
  class found_out_from_githubs_refusal {

    @Test
    void a_rest_merge_refused_for_the_merge_queue_queues_the_pr() {
      prThen(pr("closed", true, MERGE));
      wm.stubFor(put(urlPathEqualTo(PR_42 + "/merge")).willReturn(json(405,
          "{\"message\":\"Repository rule violations found\\n\\nChanges must be made through the merge queue\\n\\n\","
              + "\"documentation_url\":\"https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/about-rulesets\","
              + "\"status\":\"405\"}")));

      assertThat(merge(host(false)).getLeft().kind()).isEqualTo(Kind.ENQUEUED);
      wm.verify(1, putRequestedFor(urlPathEqualTo(PR_42 + "/merge")));
      wm.verify(1, postRequestedFor(urlPathEqualTo("/graphql")));
    }
  }

  @Nested
  class without_a_queue {

    @Test
    void merges_over_rest_as_before() {
      wm.stubFor(get(urlPathEqualTo(RULES)).willReturn(json(200, github.examples.rest("branch-rules"))));
      wm.stubFor(get(urlPathEqualTo(REPO_PATH + "/branches/main")).willReturn(json(200, github.examples.rest("branch-with-protection"))));
      wm.stubFor(get(urlPathEqualTo(PR_42)).inScenario("rest").whenScenarioStateIs(Scenario.STARTED).willReturn(pr("open", false, null)));
      wm.stubFor(put(urlPathEqualTo(PR_42 + "/merge")).inScenario("rest").willSetStateTo("merged")
          .willReturn(json(200, "{\"sha\":\"" + MERGE + "\",\"merged\":true,\"message\":\"Pull Request successfully merged\"}")));
      wm.stubFor(get(urlPathEqualTo(PR_42)).inScenario("rest").whenScenarioStateIs("merged").willReturn(pr("closed", true, MERGE)));

      assertThat(merge(host(true))).isEqualTo(Either.right(CommitId.of(MERGE)));
      wm.verify(0, postRequestedFor(urlPathEqualTo("/graphql")));
    }
  }
}
