package io.platinur.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
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
import static io.platinur.github.StubbedGitHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
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
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A write whose answer leaves its outcome open (a 5xx, no answer in time, a connection lost after
 * sending) is sent exactly once, whatever its method; the port then reads GitHub to learn what
 * happened, and answers {@code UNKNOWN_OUTCOME} only when that read fails too.
 */
class ExactlyOnceWritesTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String HEAD = "1111111111111111111111111111111111111111";
  static final String MERGE = "3333333333333333333333333333333333333333";
  static final String PR_42 = REPO_PATH + "/pulls/42";
  static final String AFTER = "after the write";

  /** How the first answer to the write goes wrong. */
  enum Fault502 {
    ANSWERED_502_ONCE,
    ANSWERED_502_EVERY_TIME,
    ANSWERED_LATE,
    CONNECTION_LOST
  }

  StubbedGitHub github;
  PullRequestHost host;

  @BeforeEach
  void setUp() {
    github = new StubbedGitHub(wm);
    github.serveRepository();
    // a short request timeout, so that an answer 1 s late counts as no answer
    host = github.platform(github.settings().requestTimeout(Duration.ofMillis(300)).build()).pullRequests();
  }

  ResponseDefinitionBuilder pr(String state, boolean merged, String mergeCommit) {
    return json(200, github.examples.pullRequest(42, "staging", "main", HEAD, state, merged, mergeCommit, "clean"));
  }

  /** The write's first answer is {@code fault}; a second one, were it ever sent, would be {@code success}. */
  void stubWrite(com.github.tomakehurst.wiremock.client.MappingBuilder write, Fault502 fault, ResponseDefinitionBuilder success) {
    ResponseDefinitionBuilder first = switch (fault) {
      case ANSWERED_502_ONCE, ANSWERED_502_EVERY_TIME -> aResponse().withStatus(502).withBody("<html>502 Bad Gateway</html>");
      case ANSWERED_LATE -> success.withFixedDelay(1_000);
      case CONNECTION_LOST -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
    };
    wm.stubFor(write.inScenario("write").whenScenarioStateIs(Scenario.STARTED).willSetStateTo(AFTER).willReturn(first));
  }

  void stubSecondWrite(com.github.tomakehurst.wiremock.client.MappingBuilder write, Fault502 fault, ResponseDefinitionBuilder success) {
    wm.stubFor(write.inScenario("write").whenScenarioStateIs(AFTER).willReturn(
        fault == Fault502.ANSWERED_502_EVERY_TIME ? aResponse().withStatus(502) : success));
  }

  /** GET PR #42: open before the write, {@code after} once the write was received. */
  void prBeforeAndAfter(ResponseDefinitionBuilder after) {
    wm.stubFor(get(urlPathEqualTo(PR_42)).inScenario("write").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(pr("open", false, null)));
    wm.stubFor(get(urlPathEqualTo(PR_42)).inScenario("write").whenScenarioStateIs(AFTER).willReturn(after));
  }

  @Nested
  class merging_the_promotion_pr {

    void stubMerge(Fault502 fault) {
      String merged = "{\"sha\":\"" + MERGE + "\",\"merged\":true,\"message\":\"Pull Request successfully merged\"}";
      stubWrite(put(urlPathEqualTo(PR_42 + "/merge")), fault, json(200, merged));
      stubSecondWrite(put(urlPathEqualTo(PR_42 + "/merge")), fault, json(200, merged));
    }

    Either<PortFailure, CommitId> merge() {
      return host.merge(PullRequestNumber.of(42), CommitId.of(HEAD));
    }

    int puts() {
      return wm.findAll(putRequestedFor(urlEqualTo(PR_42 + "/merge"))).size();
    }

    @ParameterizedTest
    @EnumSource(Fault502.class)
    void that_did_merge_returns_the_merge_commit_after_one_put(Fault502 fault) {
      stubMerge(fault);
      prBeforeAndAfter(pr("closed", true, MERGE));

      assertThat(merge()).isEqualTo(Either.right(CommitId.of(MERGE)));
      assertThat(puts()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Fault502.class)
    void that_did_not_merge_is_unavailable_after_one_put_since_reading_shows_it_open(Fault502 fault) {
      stubMerge(fault);
      prBeforeAndAfter(pr("open", false, null));

      PortFailure failure = merge().getLeft();

      assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
      assertThat(failure.message()).contains("still open at 1111111, so nothing was merged");
      assertThat(puts()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Fault502.class)
    void whose_pr_cannot_be_read_back_either_has_an_unknown_outcome_after_one_put(Fault502 fault) {
      stubMerge(fault);
      prBeforeAndAfter(aResponse().withStatus(503));

      PortFailure failure = merge().getLeft();

      assertThat(failure.kind()).isEqualTo(Kind.UNKNOWN_OUTCOME);
      assertThat(failure.message()).contains("Reading it back failed too");
      assertThat(puts()).isEqualTo(1);
    }

    @Test
    void that_found_the_pr_closed_meanwhile_is_rejected_after_one_put() {
      stubMerge(Fault502.ANSWERED_502_ONCE);
      prBeforeAndAfter(pr("closed", false, null));

      assertThat(merge().getLeft().kind()).isEqualTo(Kind.REJECTED);
      assertThat(puts()).isEqualTo(1);
    }
  }

  @Nested
  class opening_the_promotion_pr {

    Either<PortFailure, ?> open() {
      return host.openPromotionPr(BranchName.of("staging"), BranchName.of("main"), "Promote", "");
    }

    void listOpen(ResponseDefinitionBuilder answer) {
      wm.stubFor(get(urlPathEqualTo(REPO_PATH + "/pulls")).willReturn(answer));
    }

    int posts() {
      return wm.findAll(postRequestedFor(urlEqualTo(REPO_PATH + "/pulls"))).size();
    }

    @ParameterizedTest
    @EnumSource(Fault502.class)
    void that_did_open_it_returns_the_pr_after_one_post(Fault502 fault) {
      stubWrite(post(urlPathEqualTo(REPO_PATH + "/pulls")), fault, pr("open", false, null).withStatus(201));
      listOpen(json(200, GitHubExamples.JSON.createArrayNode()
          .add(github.examples.pullRequest(42, "staging", "main", HEAD, "open", false, null, "clean"))));

      assertThat(open().isRight()).isTrue();
      assertThat(posts()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Fault502.class)
    void that_did_not_is_unavailable_after_one_post(Fault502 fault) {
      stubWrite(post(urlPathEqualTo(REPO_PATH + "/pulls")), fault, pr("open", false, null).withStatus(201));
      listOpen(json(200, "[]"));

      PortFailure failure = open().getLeft();

      assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
      assertThat(failure.message()).contains("no PR from staging into main is open, so none was opened");
      assertThat(posts()).isEqualTo(1);
    }

    @Test
    void that_cannot_be_read_back_has_an_unknown_outcome_after_one_post() {
      stubWrite(post(urlPathEqualTo(REPO_PATH + "/pulls")), Fault502.ANSWERED_502_EVERY_TIME, aResponse().withStatus(502));
      listOpen(aResponse().withStatus(502));

      assertThat(open().getLeft().kind()).isEqualTo(Kind.UNKNOWN_OUTCOME);
      assertThat(posts()).isEqualTo(1);
    }
  }

  @Nested
  class closing_the_promotion_pr {

    @ParameterizedTest
    @EnumSource(Fault502.class)
    void that_did_close_it_reports_it_closed_after_one_patch(Fault502 fault) {
      stubWrite(patch(urlPathEqualTo(PR_42)), fault, pr("closed", false, null));
      prBeforeAndAfter(pr("closed", false, null));

      assertThat(host.close(PullRequestNumber.of(42))).isEqualTo(Either.right(new PullRequestState.ClosedUnmerged()));
      assertThat(wm.findAll(patchRequestedFor(urlEqualTo(PR_42)))).hasSize(1);
    }

    @Test
    void that_did_not_is_unavailable_after_one_patch() {
      stubWrite(patch(urlPathEqualTo(PR_42)), Fault502.ANSWERED_502_ONCE, pr("closed", false, null));
      prBeforeAndAfter(pr("open", false, null));

      PortFailure failure = host.close(PullRequestNumber.of(42)).getLeft();

      assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
      assertThat(failure.message()).contains("still open, so it was not closed");
      assertThat(wm.findAll(patchRequestedFor(urlEqualTo(PR_42)))).hasSize(1);
    }
  }

  @Nested
  class rate_limits {

    @Test
    void a_merge_refused_for_a_rate_limit_is_sent_again_since_github_did_not_act_on_it() {
      wm.stubFor(put(urlPathEqualTo(PR_42 + "/merge")).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
          .willSetStateTo("ok").willReturn(json(429, "{\"message\":\"API rate limit exceeded\"}").withHeader("retry-after", "1")));
      wm.stubFor(put(urlPathEqualTo(PR_42 + "/merge")).inScenario("limit").whenScenarioStateIs("ok")
          .willSetStateTo(AFTER).willReturn(json(200, "{\"sha\":\"" + MERGE + "\",\"merged\":true}")));

      wm.stubFor(get(urlPathEqualTo(PR_42)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
          .willReturn(pr("open", false, null)));
      wm.stubFor(get(urlPathEqualTo(PR_42)).inScenario("limit").whenScenarioStateIs(AFTER)
          .willReturn(pr("closed", true, MERGE)));

      assertThat(host.merge(PullRequestNumber.of(42), CommitId.of(HEAD))).isEqualTo(Either.right(CommitId.of(MERGE)));
      assertThat(wm.findAll(putRequestedFor(urlEqualTo(PR_42 + "/merge")))).hasSize(2);
      // the wait GitHub asked for, once; a keep-alive connection the server dropped may add a short backoff before a read
      assertThat(github.sleeps).containsOnlyOnce(Duration.ofSeconds(1))
          .allMatch(pause -> pause.compareTo(Duration.ofSeconds(1)) <= 0);
    }
  }
}
