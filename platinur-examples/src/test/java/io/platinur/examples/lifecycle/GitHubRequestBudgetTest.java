package io.platinur.examples.lifecycle;

import io.platinur.testkit.forge.FakeGitHub;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.platinur.application.gate.PromotionGateService;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.Actor;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.gate.GateDecision;
import io.platinur.domain.gate.GatePolicy;
import io.platinur.domain.gate.SmokeCheck;
import io.platinur.domain.gate.SmokeOutcome;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitRemote;
import io.platinur.git.GitStaging;
import io.platinur.github.GitHubCredentials;
import io.platinur.github.GitHubPlatform;
import io.platinur.github.GitHubSettings;
import io.platinur.github.RetryBudget;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request budget of the seed scenario on GitHub: three applies, open the promotion PR, the
 * gate (published as a commit status), merge, and Sync Promotions — each use case's requests and
 * writes counted at the fake GitHub's door, and held to the numbers in BENCHMARKS.md so they cannot
 * creep up unnoticed. A sync of an unchanged lane costs only conditional requests answered 304.
 */
class GitHubRequestBudgetTest {
  static final String TOKEN = "ghp_budgetExampleToken0123456789abcd";
  static final BranchName STAGING = BranchName.of("staging");
  static final BranchName MAIN = BranchName.of("main");
  static final GitLaneConfig GIT_CONFIG = GitLaneConfig.of(MAIN, STAGING);

  final AtomicLong seconds = new AtomicLong();

  @TempDir
  Path dir;
  FakeGitHub fake;
  WireMockServer server;
  GitHubPlatform github;
  GitStaging lane;
  StagingLaneService service;

  /** What one use case cost: every request, the writes among them, and the GETs answered 304. */
  record Spent(int requests, int writes, int notModified) {}

  @BeforeEach
  void start() throws Exception {
    GitStaging.init(dir.resolve("github.git"), GIT_CONFIG, ana()).get().close();
    fake = new FakeGitHub(dir.resolve("github.git"), "acme", "analytics");
    server = new WireMockServer(wireMockConfig().dynamicPort().extensions(fake));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse()));
    fake.serveAt(server.baseUrl());
    github = GitHubPlatform.connect(GitHubSettings.builder()
        .apiEndpoint(URI.create(server.baseUrl()))
        .repository("acme", "analytics")
        .credentials(GitHubCredentials.token(TOKEN))
        .requestTimeout(Duration.ofSeconds(10))
        .retryBudget(RetryBudget.FAIL_FAST)
        .build());
    lane = GitStaging.openWithRemote(dir.resolve("cache.git"),
        GitRemote.of(dir.resolve("github.git").toUri().toString()), GIT_CONFIG).get();
    LaneConfiguration.Builder config = LaneConfiguration.builder();
    config.stagingBranch(STAGING).productionBranch(MAIN).addStagingSchemas("analytics_staging").addProductionSchemas("analytics");
    service = new StagingLaneService(config.build(), lane.staging(), lane.laneStateStore(), github.pullRequests(),
        () -> Instant.parse("2026-11-24T10:00:00Z").plusSeconds(seconds.incrementAndGet()));
  }

  @AfterEach
  void stop() {
    try {
      assertThat(fake.unhandled()).as("requests the fake GitHub does not model").isEmpty();
    } finally {
      server.stop();
      lane.close();
      fake.close();
    }
  }

  CommitAuthor ana() {
    return new CommitAuthor("Ana", "ana@example.com", Instant.parse("2026-11-24T09:00:00Z").plusSeconds(seconds.incrementAndGet()));
  }

  static Proposal proposal(String id, String title, String path) {
    return Proposal.builder(ProposalId.of(id), title).write(path, "select 1 as " + id.replace('-', '_') + "\n").build();
  }

  /** Runs {@code useCase} and counts what it sent to GitHub. */
  Spent spent(Runnable useCase) {
    server.resetRequests();
    useCase.run();
    List<ServeEvent> served = server.getAllServeEvents();
    int writes = (int) served.stream().filter(e -> !e.getRequest().getMethod().getName().equals("GET")).count();
    int notModified = (int) served.stream().filter(e -> e.getResponse().getStatus() == 304).count();
    return new Spent(served.size(), writes, notModified);
  }

  PromotionGateService gate() {
    return PromotionGateService.builder(service, github,
            (environment, commit) -> Either.right(Option.some(0)),
            commit -> Either.right(new SmokeCheck(commit, SmokeOutcome.PASSED, "health answered 200")))
        .clock(() -> Instant.parse("2026-11-24T11:00:00Z"))
        .build();
  }

  @Test
  void the_seed_scenario_stays_within_its_request_budget() {
    Spent applies = spent(() -> {
      service.apply(proposal("p-1", "Add orders model", "models/orders.sql"), ana()).get();
      service.apply(proposal("p-2", "Add customers model", "models/customers.sql"), ana()).get();
      service.apply(proposal("p-3", "Add payments model", "models/payments.sql"), ana()).get();
    });
    PromotionPullRequest[] pr = new PromotionPullRequest[1];
    Spent open = spent(() -> pr[0] = service.openPromotionPr(Actor.of("ana")).get());
    String head = pr[0].headCommit().hex();
    fake.checkRunCompleted(head, "build", "success");
    fake.deployed(head, "staging", "success");
    GateDecision[] decision = new GateDecision[1];
    Spent gate = spent(() -> decision[0] = gate().evaluate(Option.none(), Option.none()).get());
    Spent gateAgain = spent(() -> gate().evaluate(Option.none(), Option.none()).get());
    Spent merge = spent(() -> service.mergePromotionPr(Actor.of("ana")).get());
    Spent firstSync = spent(() -> service.syncPromotions(Actor.of("ana")).get());
    Spent sync = spent(() -> service.syncPromotions(Actor.of("ana")).get());

    assertThat(decision[0].isAuthorized()).isTrue();
    assertThat(fake.statusesAt(head)).hasSize(1);
    assertThat(fake.statusesAt(head).get(0).path("state").asText()).isEqualTo("success");
    assertThat(fake.pullRequest(1).orElseThrow().merged()).isTrue();

    // the budget: change these only together with the table in BENCHMARKS.md
    assertThat(applies).as("three applies").isEqualTo(new Spent(0, 0, 0));
    assertThat(open).as("open the promotion PR").isEqualTo(new Spent(2, 1, 0));
    assertThat(gate).as("the gate, published").isEqualTo(new Spent(6, 1, 1));
    assertThat(gateAgain).as("the same gate again").isEqualTo(new Spent(5, 0, 4));
    assertThat(merge).as("merge, then sync").isEqualTo(new Spent(4, 1, 1));
    assertThat(firstSync).as("the first sync after the release").isEqualTo(new Spent(1, 0, 0));
    assertThat(sync).as("sync of an unchanged lane").isEqualTo(new Spent(1, 0, 1));
    int writes = applies.writes() + open.writes() + gate.writes() + gateAgain.writes() + merge.writes()
        + firstSync.writes() + sync.writes();
    assertThat(writes).as("writes of the whole scenario").isLessThanOrEqualTo(6);
    assertThat(sync.requests()).as("an unchanged lane's sync asks only conditionally").isEqualTo(sync.notModified());
  }
}
