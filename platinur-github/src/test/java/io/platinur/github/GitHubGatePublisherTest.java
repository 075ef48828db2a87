package io.platinur.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.platinur.github.StubbedGitHub.NOW;
import static io.platinur.github.StubbedGitHub.REPO_PATH;
import static io.platinur.github.StubbedGitHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.platinur.domain.gate.CiResult;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.gate.GateEvidence;
import io.platinur.domain.gate.GatePolicy;
import io.platinur.domain.gate.GateReport;
import io.platinur.domain.gate.PromotionGate;
import io.platinur.domain.gate.SmokeCheck;
import io.platinur.domain.gate.SmokeOutcome;
import io.platinur.domain.gate.StagingDeploy;
import io.platinur.domain.gate.SyncWindow;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.GatePublisher;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.security.KeyPairGenerator;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GitHubGatePublisherTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
  static final CommitId CANDIDATE = CommitId.of(SHA);
  static final String STATUSES = REPO_PATH + "/statuses/" + SHA;
  static final String CHECK_RUNS = REPO_PATH + "/commits/" + SHA + "/check-runs";
  static final String TOKEN_PATH = "/app/installations/99/access_tokens";
  static String pem;

  StubbedGitHub github;

  @BeforeAll
  static void makeKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    pem = GitHubAppAuthTest.pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());
  }

  @BeforeEach
  void setUp() {
    github = new StubbedGitHub(wm);
    github.serveRepository();
  }

  static GateReport report(SmokeOutcome smoke, CiState ci) {
    return PromotionGate.report(GatePolicy.automated(), GateEvidence.of(CANDIDATE,
        new StagingDeploy(CANDIDATE, Option.some(0), DeploymentState.SUCCESS),
        new SmokeCheck(CANDIDATE, smoke, "health answered 200"), new CiResult(CANDIDATE, ci), NOW));
  }

  /** GitHub's status example as the gate's status in {@code state} with {@code description}. */
  ObjectNode gateStatus(long id, String state, String description) {
    return github.examples.object("status", s -> s.put("id", id).put("state", state)
        .put("description", description).put("context", GitHubGatePublisher.CONTEXT));
  }

  @Nested
  class with_a_token {

    GatePublisher publisher() {
      return github.platform().gatePublisher();
    }

    @Test
    void writes_the_commit_status_once_and_not_again_for_the_same_decision() {
      GateReport blocked = report(SmokeOutcome.FAILED, CiState.PENDING);
      String description = "Unmet: smoke and E2E (failed), CI (awaited).";
      wm.stubFor(get(urlPathEqualTo(STATUSES)).inScenario("gate").whenScenarioStateIs(Scenario.STARTED)
          .willReturn(json(200, "[]")));
      wm.stubFor(post(urlPathEqualTo(STATUSES)).inScenario("gate").willSetStateTo("written")
          .willReturn(json(201, gateStatus(7, "failure", description))));
      wm.stubFor(get(urlPathEqualTo(STATUSES)).inScenario("gate").whenScenarioStateIs("written")
          .willReturn(json(200, GitHubExamples.JSON.createArrayNode().add(gateStatus(7, "failure", description)))));

      assertThat(publisher().publish(blocked)).isEqualTo(Either.right(true));
      assertThat(publisher().publish(blocked)).isEqualTo(Either.right(false));

      wm.verify(1, postRequestedFor(urlPathEqualTo(STATUSES)).withRequestBody(equalToJson(
          "{\"state\":\"failure\",\"description\":\"" + description + "\",\"context\":\"platinur/promotion-gate\"}",
          true, true)));
      wm.verify(0, postRequestedFor(urlPathEqualTo(REPO_PATH + "/check-runs")));
    }

    @Test
    void writes_a_new_status_when_the_decision_changed() {
      wm.stubFor(get(urlPathEqualTo(STATUSES)).willReturn(json(200, GitHubExamples.JSON.createArrayNode()
          .add(gateStatus(7, "pending", "Unmet: CI (awaited).")))));
      wm.stubFor(post(urlPathEqualTo(STATUSES)).willReturn(json(201, gateStatus(8, "success", "x"))));

      assertThat(publisher().publish(report(SmokeOutcome.PASSED, CiState.GREEN))).isEqualTo(Either.right(true));

      wm.verify(1, postRequestedFor(urlPathEqualTo(STATUSES))
          .withRequestBody(matchingJsonPath("$.state", equalTo("success")))
          .withRequestBody(matchingJsonPath("$.description", equalTo("All 4 promotion conditions hold at 6dcb09b."))));
    }

    @Test
    void the_description_names_every_unmet_condition_within_140_characters() {
      GatePolicy everything = GatePolicy.builder().requireManualApproval(true).minimumSoak(Duration.ofHours(1))
          .addSyncWindows(new SyncWindow(EnumSet.of(DayOfWeek.SUNDAY), LocalTime.of(1, 0), LocalTime.of(2, 0)))
          .build();
      GateReport nothingHolds = PromotionGate.report(everything,
          new GateEvidence(CANDIDATE, Option.none(), Option.none(), Option.none(), Option.none(), Option.none(), NOW));

      String description = GitHubGatePublisher.description(nothingHolds);

      assertThat(description.codePointCount(0, description.length())).isLessThanOrEqualTo(140);
      nothingHolds.unmet().forEach(c -> assertThat(description).contains(c.condition().words()));
    }
  }

  @Nested
  class as_a_github_app {

    GatePublisher publisher() {
      ObjectNode token = github.examples.object("installation-token",
          t -> t.put("token", "ghs_16C7e42F292c6912E7710c838347Ae178B4a").put("expires_at", NOW.plus(Duration.ofHours(1)).toString()));
      wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(json(201, token)));
      return github.platform(github.settings().credentials(GitHubCredentials.app(12345, pem, 99)).build()).gatePublisher();
    }

    /** GitHub's check-run example as the gate's run, completed with {@code conclusion}, showing {@code report}. */
    ObjectNode gateRun(long id, GateReport report, String status, String conclusion) {
      ObjectNode run = (ObjectNode) github.examples.rest("check-run-paginated").get("check_runs").get(0).deepCopy();
      run.put("id", id).put("name", GitHubGatePublisher.CONTEXT).put("head_sha", SHA).put("status", status);
      if (conclusion == null) {
        run.putNull("conclusion");
      } else {
        run.put("conclusion", conclusion);
      }
      ((ObjectNode) run.get("output")).put("title", GitHubGatePublisher.title(report))
          .put("summary", GitHubGatePublisher.summary(report));
      return run;
    }

    ObjectNode page(ObjectNode... runs) {
      ObjectNode page = GitHubExamples.JSON.createObjectNode().put("total_count", runs.length);
      ArrayNode list = page.putArray("check_runs");
      for (ObjectNode run : runs) {
        list.add(run);
      }
      return page;
    }

    @Test
    void writes_a_check_run_listing_every_condition_with_its_evidence_once() {
      GateReport authorized = report(SmokeOutcome.PASSED, CiState.GREEN);
      String description = "All 4 promotion conditions hold at 6dcb09b.";
      wm.stubFor(get(urlPathEqualTo(STATUSES)).inScenario("gate").whenScenarioStateIs(Scenario.STARTED).willReturn(json(200, "[]")));
      wm.stubFor(get(urlPathEqualTo(CHECK_RUNS)).inScenario("gate").whenScenarioStateIs(Scenario.STARTED).willReturn(json(200, page())));
      wm.stubFor(post(urlPathEqualTo(STATUSES)).willReturn(json(201, gateStatus(7, "success", description))));
      wm.stubFor(post(urlPathEqualTo(REPO_PATH + "/check-runs")).inScenario("gate").willSetStateTo("written")
          .willReturn(json(201, gateRun(4, authorized, "completed", "success"))));
      wm.stubFor(get(urlPathEqualTo(STATUSES)).inScenario("gate").whenScenarioStateIs("written")
          .willReturn(json(200, GitHubExamples.JSON.createArrayNode().add(gateStatus(7, "success", description)))));
      wm.stubFor(get(urlPathEqualTo(CHECK_RUNS)).inScenario("gate").whenScenarioStateIs("written")
          .willReturn(json(200, page(gateRun(4, authorized, "completed", "success")))));

      GatePublisher publisher = publisher();
      assertThat(publisher.publish(authorized)).isEqualTo(Either.right(true));
      assertThat(publisher.publish(authorized)).isEqualTo(Either.right(false));

      wm.verify(1, postRequestedFor(urlPathEqualTo(STATUSES)));
      wm.verify(1, postRequestedFor(urlPathEqualTo(REPO_PATH + "/check-runs"))
          .withRequestBody(matchingJsonPath("$.name", equalTo("platinur/promotion-gate")))
          .withRequestBody(matchingJsonPath("$.head_sha", equalTo(SHA)))
          .withRequestBody(matchingJsonPath("$.status", equalTo("completed")))
          .withRequestBody(matchingJsonPath("$.conclusion", equalTo("success")))
          .withRequestBody(matchingJsonPath("$.output.title", equalTo("Promotion authorized at 6dcb09b")))
          .withRequestBody(matchingJsonPath("$.output.summary", equalTo(description + "\n\n"
              + "| Condition | Verdict | Evidence |\n|---|---|---|\n"
              + "| staging deploy | met | The staging deploy of 6dcb09b exited with code 0. |\n"
              + "| deployment status | met | The staging deployment status is success. |\n"
              + "| smoke and E2E | met | Smoke and E2E checks passed against the live staging URL: health answered 200. |\n"
              + "| CI | met | CI is green at 6dcb09b. |\n"))));
      wm.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void updates_its_check_run_when_the_decision_changed() {
      GateReport waiting = report(SmokeOutcome.PASSED, CiState.PENDING);
      GateReport authorized = report(SmokeOutcome.PASSED, CiState.GREEN);
      wm.stubFor(get(urlPathEqualTo(STATUSES)).willReturn(json(200, GitHubExamples.JSON.createArrayNode()
          .add(gateStatus(7, "success", GitHubGatePublisher.description(authorized))))));
      wm.stubFor(get(urlPathEqualTo(CHECK_RUNS)).willReturn(json(200, page(gateRun(4, waiting, "in_progress", null)))));
      wm.stubFor(patch(urlPathEqualTo(REPO_PATH + "/check-runs/4")).willReturn(json(200, gateRun(4, authorized, "completed", "success"))));

      assertThat(publisher().publish(authorized)).isEqualTo(Either.right(true));

      wm.verify(0, postRequestedFor(urlPathEqualTo(STATUSES)));
      wm.verify(1, patchRequestedFor(urlPathEqualTo(REPO_PATH + "/check-runs/4"))
          .withRequestBody(matchingJsonPath("$.conclusion", equalTo("success"))));
    }
  }
}
