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
import io.platinur.domain.gate.CiState;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure.Kind;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GitHubContinuousIntegrationTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String SHA = "ce587453ced02b1526dfb4cb910479d431683101";
  static final String STATUSES = REPO_PATH + "/statuses/" + SHA;
  static final String CHECK_RUNS = REPO_PATH + "/commits/" + SHA + "/check-runs";

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

  /** GitHub's status example, as context {@code context} in {@code state}, with id {@code id}. */
  ObjectNode status(long id, String context, String state) {
    ObjectNode s = (ObjectNode) github.examples.rest("status").deepCopy();
    s.put("id", id).put("context", context).put("state", state);
    return s;
  }

  /** GitHub's check-run example at SHA, named {@code name}, in {@code status} with {@code conclusion}. */
  ObjectNode checkRun(long id, String name, String status, String conclusion) {
    ObjectNode run = (ObjectNode) github.examples.rest("check-run-paginated").get("check_runs").get(0).deepCopy();
    run.put("id", id).put("name", name).put("status", status).put("head_sha", SHA);
    if (conclusion == null) {
      run.putNull("conclusion");
    } else {
      run.put("conclusion", conclusion);
    }
    return run;
  }

  void serve(List<ObjectNode> statuses, List<ObjectNode> runs) {
    ArrayNode statusList = GitHubExamples.JSON.createArrayNode().addAll(statuses);
    wm.stubFor(get(urlPathEqualTo(STATUSES)).willReturn(json(200, statusList)));
    ObjectNode page = GitHubExamples.JSON.createObjectNode();
    page.put("total_count", runs.size());
    page.putArray("check_runs").addAll(runs);
    wm.stubFor(get(urlPathEqualTo(CHECK_RUNS)).willReturn(json(200, page)));
  }

  CiState ci() {
    return ci(github.platform());
  }

  static CiState ci(GitHubPlatform platform) {
    return platform.ci().stateAt(CommitId.of(SHA)).get();
  }

  @Nested
  class with_everything_completed {

    @Test
    void leaves_out_the_promotion_gates_own_status_and_check_run() {
      serve(List.of(status(1, "continuous-integration/jenkins", "success"), status(2, GitHubGatePublisher.CONTEXT, "failure")),
          List.of(checkRun(1, "build", "completed", "success"), checkRun(2, GitHubGatePublisher.CONTEXT, "in_progress", null)));

      assertThat(ci()).isEqualTo(CiState.GREEN);
    }

    @Test
    void is_green_when_statuses_succeeded_and_runs_succeeded_were_neutral_or_skipped() {
      serve(List.of(status(1, "continuous-integration/jenkins", "success")),
          List.of(checkRun(1, "build", "completed", "success"), checkRun(2, "lint", "completed", "neutral"),
              checkRun(3, "deploy-preview", "completed", "skipped")));

      assertThat(ci()).isEqualTo(CiState.GREEN);
      wm.verify(getRequestedFor(urlPathEqualTo(CHECK_RUNS))
          .withQueryParam("filter", equalTo("latest"))
          .withHeader("Authorization", equalTo("Bearer " + TOKEN))
          .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
      wm.verify(getRequestedFor(urlPathEqualTo(STATUSES)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @ParameterizedTest
    @CsvSource({"failure", "cancelled", "timed_out", "action_required", "stale", "startup_failure"})
    void is_red_when_a_check_run_ended_without_success(String conclusion) {
      serve(List.of(), List.of(checkRun(1, "build", "completed", "success"), checkRun(2, "test", "completed", conclusion)));

      assertThat(ci()).isEqualTo(CiState.RED);
    }

    @ParameterizedTest
    @CsvSource({"failure", "error"})
    void is_red_when_a_commit_status_failed(String state) {
      serve(List.of(status(1, "ci/jenkins", state)), List.of(checkRun(1, "build", "completed", "success")));

      assertThat(ci()).isEqualTo(CiState.RED);
    }

    @Test
    void reads_only_the_latest_status_of_each_context() {
      // newest first, as GitHub lists them: a retried job that now passes
      serve(List.of(status(9, "ci/jenkins", "success"), status(4, "ci/jenkins", "failure"), status(5, "ci/lint", "success")),
          List.of());

      assertThat(ci()).isEqualTo(CiState.GREEN);
    }

    @Test
    void a_newer_failure_of_a_context_overrides_its_older_success() {
      serve(List.of(status(9, "ci/jenkins", "failure"), status(4, "ci/jenkins", "success")), List.of());

      assertThat(ci()).isEqualTo(CiState.RED);
    }

    @Test
    void a_completed_run_without_a_conclusion_is_a_malformed_answer() {
      serve(List.of(), List.of(checkRun(1, "build", "completed", null)));

      assertThat(github.platform().ci().stateAt(CommitId.of(SHA)).getLeft().kind())
          .isEqualTo(Kind.MALFORMED_RESPONSE);
    }
  }

  @Nested
  class with_an_answer_that_is_not_what_github_sends {

    @Test
    void statuses_that_are_not_a_list_are_malformed() {
      wm.stubFor(get(urlPathEqualTo(STATUSES)).willReturn(json(200, "{\"state\":\"success\"}")));
      wm.stubFor(get(urlPathEqualTo(CHECK_RUNS)).willReturn(json(200, "{\"total_count\":0,\"check_runs\":[]}")));

      assertThat(github.platform().ci().stateAt(CommitId.of(SHA)).getLeft().kind())
          .isEqualTo(Kind.MALFORMED_RESPONSE);
    }

    @Test
    void a_check_run_of_another_commit_is_malformed() {
      ObjectNode other = checkRun(1, "build", "completed", "success").put("head_sha", "0000000000000000000000000000000000000000");
      serve(List.of(), List.of(other));

      assertThat(github.platform().ci().stateAt(CommitId.of(SHA)).getLeft().kind())
          .isEqualTo(Kind.MALFORMED_RESPONSE);
    }

    @Test
    void a_truncated_check_run_page_is_malformed() {
      wm.stubFor(get(urlPathEqualTo(STATUSES)).willReturn(json(200, "[]")));
      wm.stubFor(get(urlPathEqualTo(CHECK_RUNS)).willReturn(json(200, "{\"total_count\":1,\"check_runs\":[{\"id\":4,\"status\":")));

      assertThat(github.platform().ci().stateAt(CommitId.of(SHA)).getLeft().kind())
          .isEqualTo(Kind.MALFORMED_RESPONSE);
    }

    @Test
    void a_check_run_page_without_its_list_is_malformed_not_no_checks() {
      wm.stubFor(get(urlPathEqualTo(STATUSES)).willReturn(json(200, "[]")));
      wm.stubFor(get(urlPathEqualTo(CHECK_RUNS)).willReturn(json(200, "{\"message\":\"unexpected\"}")));

      assertThat(github.platform().ci().stateAt(CommitId.of(SHA)).getLeft().kind())
          .isEqualTo(Kind.MALFORMED_RESPONSE);
    }
  }

  @Nested
  class with_something_still_running {

    @ParameterizedTest
    @CsvSource({"queued", "in_progress", "waiting", "requested", "pending"})
    void is_pending_while_a_check_run_has_not_completed(String status) {
      serve(List.of(status(1, "ci/jenkins", "success")),
          List.of(checkRun(1, "build", "completed", "success"), checkRun(2, "test", status, null)));

      assertThat(ci()).isEqualTo(CiState.PENDING);
    }

    @Test
    void is_pending_while_a_commit_status_is_pending() {
      serve(List.of(status(1, "ci/jenkins", "pending")), List.of(checkRun(1, "build", "completed", "success")));

      assertThat(ci()).isEqualTo(CiState.PENDING);
    }

    @Test
    void is_red_as_soon_as_one_fails_even_while_others_run() {
      serve(List.of(status(1, "ci/jenkins", "pending")), List.of(checkRun(1, "build", "completed", "failure")));

      assertThat(ci()).isEqualTo(CiState.RED);
    }

    @Test
    void is_pending_while_a_required_check_has_not_reported() {
      serve(List.of(), List.of(checkRun(1, "build", "completed", "success")));

      GitHubPlatform platform = github.platform(github.settings().requiredChecks(List.of("build", "e2e")).build());

      assertThat(ci(platform)).isEqualTo(CiState.PENDING);
    }
  }

  @Nested
  class with_nothing_reported {

    @ParameterizedTest
    @CsvSource({"REPORT_NO_CHECKS, NO_CHECKS", "TREAT_AS_PENDING, PENDING", "TREAT_AS_GREEN, GREEN"})
    void answers_what_the_no_checks_policy_says(NoChecksPolicy policy, CiState expected) {
      serve(List.of(), List.of());

      assertThat(ci(github.platform(github.settings().noChecksPolicy(policy).build()))).isEqualTo(expected);
    }

    @Test
    void is_not_green_by_default() {
      serve(List.of(), List.of());

      assertThat(ci()).isEqualTo(CiState.NO_CHECKS);
    }
  }

  @Nested
  class with_required_checks_from_the_production_branchs_own_rules {
    static final String RULES = REPO_PATH + "/rules/branches/main";
    static final String BRANCH = REPO_PATH + "/branches/main";

    /** GitHub's branch-rules example, plus a ruleset requiring {@code build} and {@code e2e}. */
    void serveRules() {
      ArrayNode rules = (ArrayNode) github.examples.rest("branch-rules");
      ObjectNode required = rules.addObject().put("type", "required_status_checks")
          .put("ruleset_source_type", "Repository").put("ruleset_source", "acme/platform").put("ruleset_id", 42);
      ObjectNode parameters = required.putObject("parameters").put("strict_required_status_checks_policy", false);
      parameters.putArray("required_status_checks")
          .add(GitHubExamples.JSON.createObjectNode().put("context", "build").put("integration_id", 15368))
          .add(GitHubExamples.JSON.createObjectNode().put("context", "e2e"));
      wm.stubFor(get(urlPathEqualTo(RULES)).willReturn(json(200, rules)));
      // branch protection (GitHub's example) requires ci-test and linter
      wm.stubFor(get(urlPathEqualTo(BRANCH)).willReturn(json(200, github.examples.rest("branch-with-protection"))));
    }

    GitHubPlatform onMain(String... configured) {
      return github.platform(github.settings().productionBranch(io.platinur.domain.repository.BranchName.of("main"))
          .requiredChecks(List.of(configured)).build());
    }

    io.platinur.domain.gate.CiResult result(GitHubPlatform platform) {
      return platform.ci().resultAt(CommitId.of(SHA)).get();
    }

    @Test
    void a_required_check_never_reported_keeps_ci_pending_and_is_named() {
      serveRules();
      serve(List.of(status(1, "ci-test", "success"), status(2, "linter", "success")),
          List.of(checkRun(1, "build", "completed", "success")));

      io.platinur.domain.gate.CiResult result = result(onMain());

      assertThat(result.state()).isEqualTo(CiState.PENDING);
      assertThat(result.pending()).containsExactly("e2e");
      assertThat(result.failing()).isEmpty();
    }

    @Test
    void is_green_once_every_required_check_from_rules_protection_and_settings_succeeded() {
      serveRules();
      serve(List.of(status(1, "ci-test", "success"), status(2, "linter", "success"), status(3, "deploy-check", "success")),
          List.of(checkRun(1, "build", "completed", "success"), checkRun(2, "e2e", "completed", "success")));

      assertThat(result(onMain("deploy-check")).state()).isEqualTo(CiState.GREEN);
    }

    @Test
    void a_configured_check_counts_together_with_the_branchs_own() {
      serveRules();
      serve(List.of(status(1, "ci-test", "success"), status(2, "linter", "success")),
          List.of(checkRun(1, "build", "completed", "success"), checkRun(2, "e2e", "completed", "success")));

      io.platinur.domain.gate.CiResult result = result(onMain("deploy-check"));

      assertThat(result.state()).isEqualTo(CiState.PENDING);
      assertThat(result.pending()).containsExactly("deploy-check");
    }

    @Test
    void names_the_failing_and_the_pending_checks() {
      serveRules();
      serve(List.of(status(1, "ci-test", "failure"), status(2, "linter", "pending")),
          List.of(checkRun(1, "build", "completed", "timed_out")));

      io.platinur.domain.gate.CiResult result = result(onMain());

      assertThat(result.state()).isEqualTo(CiState.RED);
      assertThat(result.failing()).containsExactly("build", "ci-test");
      assertThat(result.pending()).containsExactly("e2e", "linter");
    }

    @Test
    void a_server_without_rulesets_answering_404_leaves_branch_protection() {
      wm.stubFor(get(urlPathEqualTo(RULES)).willReturn(json(404, "{\"message\":\"Not Found\",\"status\":\"404\"}")));
      wm.stubFor(get(urlPathEqualTo(BRANCH)).willReturn(json(200, github.examples.rest("branch-with-protection"))));
      serve(List.of(status(1, "ci-test", "success")), List.of());

      io.platinur.domain.gate.CiResult result = result(onMain());

      assertThat(result.state()).isEqualTo(CiState.PENDING);
      assertThat(result.pending()).containsExactly("linter");
    }

    @Test
    void rules_that_cannot_be_read_fail_the_reading_instead_of_guessing_green() {
      wm.stubFor(get(urlPathEqualTo(RULES)).willReturn(json(403, "{\"message\":\"Resource not accessible by integration\"}")));
      serve(List.of(status(1, "ci-test", "success")), List.of());

      assertThat(onMain().ci().resultAt(CommitId.of(SHA)).getLeft().kind())
          .isEqualTo(io.platinur.port.PortFailure.Kind.UNAUTHORIZED);
    }

    @Test
    void without_a_production_branch_reads_no_rules() {
      serve(List.of(status(1, "ci-test", "success")), List.of());

      assertThat(ci()).isEqualTo(CiState.GREEN);
      wm.verify(0, getRequestedFor(urlPathEqualTo(RULES)));
      wm.verify(0, getRequestedFor(urlPathEqualTo(BRANCH)));
    }
  }
}
