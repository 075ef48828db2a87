package io.platinur.examples.lifecycle;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.application.lane.SyncResult;
import io.platinur.domain.Actor;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.card.CardStatus;
import io.platinur.domain.card.ProposalCard;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.lane.ApplyRejection;
import io.platinur.domain.lane.CommandRejection;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.OpenPromotionPrRejection;
import io.platinur.domain.lane.PromotionPrMergedRejection;
import io.platinur.domain.lane.RejectionReason;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.domain.sync.SyncNote;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitRemote;
import io.platinur.git.GitStaging;
import io.platinur.github.GitHubCredentials;
import io.platinur.github.GitHubPlatform;
import io.platinur.github.GitHubSettings;
import io.platinur.github.RetryBudget;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import io.platinur.testkit.GitCli;
import io.platinur.testkit.forge.FakeGitHub;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed scenario end to end through the use cases, on real bare repositories, with promotion PRs
 * on GitHub: the GitHub adapter talks HTTP to a fake GitHub whose branches are the refs of a real
 * bare repository (the one GitHub would host), so the PR's head is the real staging commit and the
 * merge is a real merge commit on the real production branch. Every exact message is checked, what
 * the adapter sent is checked, and the repositories are checked with {@code git}.
 */
class GitHubLifecycleTest {
  static final String OWNER = "acme";
  static final String REPO = "analytics";
  static final String PULLS = "/repos/" + OWNER + "/" + REPO + "/pulls";
  static final String TOKEN = "ghp_lifecycleExampleToken0123456789";

  static final BranchName STAGING = BranchName.of("staging");
  static final BranchName MAIN = BranchName.of("main");
  static final GitLaneConfig GIT_CONFIG = GitLaneConfig.of(MAIN, STAGING);

  static final String OVERLAP =
      "Proposal ‘Add orders model’ is already staged and also changes models/orders.sql. Promote or discard the staged batch before staging this proposal.";
  static final String PR_OPEN = "A promotion PR is open. Merge or close it in GitHub before applying more staging changes.";
  static final String AWAITING =
      "A merged promotion is being finalized from GitHub main. Sync Promotions before applying another staging change.";

  static final Proposal ORDERS = Proposal.builder(ProposalId.of("p-1"), "Add orders model")
      .write("models/orders.sql", "select id from raw.orders\n").build();
  static final Proposal CUSTOMERS = Proposal.builder(ProposalId.of("p-2"), "Add customers model")
      .write("models/customers.sql", "select id from raw.customers\n").build();
  static final Proposal REWORK = Proposal.builder(ProposalId.of("p-3"), "Rework orders")
      .write("models/orders.sql", "select id, amount from raw.orders\n")
      .write("models/schema.yml", "version: 2\n").build();

  final AtomicLong seconds = new AtomicLong();

  @TempDir
  Path dir;
  FakeGitHub fake;
  WireMockServer server;
  PullRequestHost github;
  GitCli hubGit;

  /** "GitHub's" repository, a fake GitHub serving it over HTTP, and the adapter pointed at it. */
  @BeforeEach
  void startGitHub() throws Exception {
    GitStaging.init(dir.resolve("github.git"), GIT_CONFIG, ana()).get().close();
    hubGit = new GitCli(dir.resolve("github.git"));
    fake = new FakeGitHub(dir.resolve("github.git"), OWNER, REPO);
    server = new WireMockServer(wireMockConfig().dynamicPort().extensions(fake));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse()));
    fake.serveAt(server.baseUrl());
    GitHubSettings settings = GitHubSettings.builder()
        .apiEndpoint(URI.create(server.baseUrl()))
        .repository(OWNER, REPO)
        .credentials(GitHubCredentials.token(TOKEN))
        .requestTimeout(Duration.ofSeconds(5))
        .retryBudget(RetryBudget.FAIL_FAST)
        .build();
    github = GitHubPlatform.connect(settings).pullRequests();
  }

  @AfterEach
  void stopGitHub() {
    try {
      assertThat(fake.unhandled()).as("requests the fake GitHub does not model").isEmpty();
      for (LoggedRequest request : server.findAll(RequestPatternBuilder.allRequests())) {
        assertThat(request.getHeader("Authorization")).as(request.getUrl()).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeader("X-GitHub-Api-Version")).as(request.getUrl()).isNotBlank();
      }
    } finally {
      server.stop();
      fake.close();
    }
  }

  static LaneConfiguration laneConfiguration() {
    LaneConfiguration.Builder builder = LaneConfiguration.builder();
    builder.stagingBranch(STAGING).productionBranch(MAIN).addStagingSchemas("analytics_staging").addProductionSchemas("analytics");
    return builder.build();
  }

  CommitAuthor ana() {
    return new CommitAuthor("Ana", "ana@example.com", Instant.parse("2026-11-24T09:00:00Z").plusSeconds(seconds.incrementAndGet()));
  }

  StagingLaneService service(GitStaging lane) {
    return new StagingLaneService(laneConfiguration(), lane.staging(), lane.laneStateStore(), github,
        () -> Instant.parse("2026-11-24T10:00:00Z").plusSeconds(seconds.incrementAndGet()));
  }

  static String rejection(Either<? extends UseCaseFailure<?>, ?> outcome) {
    assertThat(outcome.isLeft()).as("expected a rejection, got %s", outcome).isTrue();
    assertThat(outcome.getLeft()).isInstanceOf(UseCaseFailure.Rejected.class);
    return outcome.getLeft().message();
  }

  static RejectionReason reason(Either<? extends UseCaseFailure<? extends CommandRejection>, ?> outcome) {
    assertThat(outcome.getLeft()).isInstanceOf(UseCaseFailure.Rejected.class);
    return outcome.getLeft().fold(CommandRejection::reason, unavailable -> null);
  }

  static CardStatus status(StagingLaneService service, Proposal proposal) {
    return service.cards(List.of(proposal)).get().head().status();
  }

  JsonNode onlyBody(RequestPatternBuilder pattern) throws IOException {
    java.util.List<LoggedRequest> sent = server.findAll(pattern);
    assertThat(sent).hasSize(1);
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(sent.get(0).getBodyAsString());
  }

  /** A lane in its own bare repository, cloned from GitHub's; branches travel by push and fetch. */
  @Nested
  class Lane_cloned_from_the_github_repository {
    GitStaging lane;
    StagingLaneService service;
    GitCli laneGit;

    @BeforeEach
    void create() throws Exception {
      laneGit = new GitCli(dir.resolve("lane.git"));
      // The lane's own repository, a bare clone of GitHub's; branches travel between them with git push and fetch.
      laneGit.run("clone", "--quiet", "--bare", dir.resolve("github.git").toString(), dir.resolve("lane.git").toString());
      lane = GitStaging.open(dir.resolve("lane.git"), GIT_CONFIG).get();
      service = service(lane);
    }

    @AfterEach
    void close() {
      lane.close();
    }

    @Test
    void walks_the_seed_scenario_with_every_exact_message() throws Exception {
      String start = laneGit.revParse("main");

      // Two disjoint proposals stage into one batch, one commit each on staging.
      StagedProposal orders = service.apply(ORDERS, ana()).get();
      StagedProposal customers = service.apply(CUSTOMERS, ana()).get();
      assertThat(laneGit.revParse("staging")).isEqualTo(customers.commit().hex());
      assertThat(laneGit.subjects("main..staging")).containsExactly("Add orders model", "Add customers model");
      assertThat(laneGit.changedFiles("main", "staging")).containsExactly("models/customers.sql", "models/orders.sql");

      // An overlapping proposal is rejected with the exact message; nothing moves.
      Either<UseCaseFailure<ApplyRejection>, StagedProposal> overlapping = service.apply(REWORK, ana());
      assertThat(rejection(overlapping)).isEqualTo(OVERLAP);
      assertThat(reason(overlapping)).isEqualTo(RejectionReason.FILE_OVERLAP);
      assertThat(laneGit.revParse("staging")).isEqualTo(customers.commit().hex());
      assertThat(status(service, REWORK)).isEqualTo(CardStatus.OVERLAPS_STAGED_PROPOSAL);
      assertThat(server.getAllServeEvents()).as("nothing asks GitHub before a PR is opened").isEmpty();

      // The promotion PR opens on GitHub, at the real staging head, and locks the lane.
      laneGit.run("push", "--quiet", dir.resolve("github.git").toString(), "refs/heads/staging:refs/heads/staging");
      PromotionPullRequest pr = service.openPromotionPr(Actor.of("ana")).get();
      assertThat(pr.number()).isEqualTo(PullRequestNumber.of(1));
      assertThat(pr.head()).isEqualTo(STAGING);
      assertThat(pr.base()).isEqualTo(MAIN);
      assertThat(pr.headCommit()).isEqualTo(customers.commit());
      assertThat(pr.webUrl().map(URI::toString)).contains("https://github.com/acme/analytics/pull/1");
      JsonNode opened = onlyBody(postRequestedFor(urlPathEqualTo(PULLS)));
      assertThat(opened.path("head").asText()).isEqualTo("staging");
      assertThat(opened.path("base").asText()).isEqualTo("main");
      assertThat(opened.path("title").asText()).isEqualTo("Promote staging to main: 2 proposal(s)");
      assertThat(opened.path("body").asText()).isEqualTo("Staged proposals in this promotion batch:\n\n"
          + "- Add orders model (p-1, " + orders.commit().abbreviated() + ")\n"
          + "- Add customers model (p-2, " + customers.commit().abbreviated() + ")\n");
      assertThat(github.state(pr.number()).get()).isEqualTo(new PullRequestState.Open(customers.commit()));

      assertThat(rejection(service.apply(REWORK, ana()))).isEqualTo(PR_OPEN);
      assertThat(rejection(service.unapply(ProposalId.of("p-1"), ana()))).isEqualTo(
          "A promotion PR exists for the staged batch. Unapply is available only until a promotion PR exists.");
      assertThat(rejection(service.discardBatch(Actor.of("ana")))).isEqualTo(
          "A promotion PR exists for the staged batch. Discard is available only until a promotion PR exists.");
      assertThat(status(service, REWORK)).isEqualTo(CardStatus.WAITING_FOR_OPEN_PR);
      assertThat(service.cards(List.of(REWORK)).get().head().applyDisabledReason()).contains(PR_OPEN);
      assertThat(service.openPromotionPr(Actor.of("ana")).get().number()).as("opening again reuses the open PR").isEqualTo(pr.number());
      assertThat(server.findAll(postRequestedFor(urlPathEqualTo(PULLS)))).hasSize(1);

      // Merged on GitHub at exactly the staged head: a real merge commit on GitHub's main.
      CommitId merge = github.merge(pr.number(), customers.commit()).get();
      JsonNode merged = onlyBody(putRequestedFor(urlPathEqualTo(PULLS + "/1/merge")));
      assertThat(merged.path("sha").asText()).isEqualTo(customers.commit().hex());
      assertThat(merged.path("merge_method").asText()).isEqualTo("merge");
      assertThat(hubGit.revParse("main")).isEqualTo(merge.hex());
      assertThat(hubGit.run("rev-list", "--parents", "-n", "1", "main").strip())
          .isEqualTo(merge.hex() + " " + start + " " + customers.commit().hex());
      assertThat(hubGit.run("rev-parse", "main^{tree}")).isEqualTo(hubGit.run("rev-parse", customers.commit().hex() + "^{tree}"));
      assertThat(hubGit.run("log", "--format=%s", "main").lines().toList()).containsExactly(
          "Merge pull request #1 from acme/staging", "Add customers model", "Add orders model", "Start production");
      assertThat(github.merge(pr.number(), customers.commit()).get()).as("merging a merged PR answers its merge").isEqualTo(merge);

      // The lane's main has not caught up (only a remote-tracking ref has): sync says so honestly.
      laneGit.run("fetch", "--quiet", dir.resolve("github.git").toString(), "refs/heads/main:refs/remotes/github/main");
      SyncResult waiting = service.syncPromotions(Actor.of("ana")).get();
      assertThat(waiting.lane().lock()).isEqualTo(new ReleaseLock.AwaitingMainSync(pr.number(), merge));
      assertThat(waiting.notes().map(SyncNote::message)).containsExactly(
          "Production branch main does not contain merge commit " + merge.abbreviated() + " yet; sync again once it does.");
      assertThat(rejection(service.apply(REWORK, ana()))).isEqualTo(AWAITING);
      assertThat(rejection(service.openPromotionPr(Actor.of("ana")))).isEqualTo(AWAITING);
      assertThat(status(service, REWORK)).isEqualTo(CardStatus.WAITING_FOR_MAIN_SYNC);
      assertThat(laneGit.revParse("main")).isEqualTo(start);

      // Main catches up: sync deploys the batch, resets staging to main and unlocks.
      laneGit.run("fetch", "--quiet", dir.resolve("github.git").toString(), "refs/heads/main:refs/heads/main");
      SyncResult synced = service.syncPromotions(Actor.of("ana")).get();
      assertThat(synced.lane().lock().isLocked()).isFalse();
      assertThat(synced.lane().batch().isEmpty()).isTrue();
      assertThat(synced.lane().deployed()).containsExactlyInAnyOrder(ProposalId.of("p-1"), ProposalId.of("p-2"));
      assertThat(laneGit.revParse("staging")).isEqualTo(merge.hex()).isEqualTo(laneGit.revParse("main"));
      assertThat(laneGit.run("log", "--format=%s", "main").lines().findFirst()).contains("Merge pull request #1 from acme/staging");

      // A second batch starts from production and goes to GitHub as the next PR.
      StagedProposal rework = service.apply(REWORK, ana()).get();
      assertThat(laneGit.subjects("main..staging")).containsExactly("Rework orders");
      assertThat(laneGit.changedFiles("main", "staging")).containsExactly("models/orders.sql", "models/schema.yml");
      assertThat(service.cards(List.of(ORDERS, CUSTOMERS, REWORK)).get().map(ProposalCard::status))
          .containsExactly(CardStatus.DEPLOYED, CardStatus.DEPLOYED, CardStatus.STAGED);
      assertThat(rejection(service.apply(ORDERS, ana()))).isEqualTo("Proposal ‘Add orders model’ is already deployed.");
      laneGit.run("push", "--quiet", dir.resolve("github.git").toString(), "refs/heads/staging:refs/heads/staging");
      PromotionPullRequest second = service.openPromotionPr(Actor.of("ana")).get();
      assertThat(second.number()).isEqualTo(PullRequestNumber.of(2));
      assertThat(second.headCommit()).isEqualTo(rework.commit());
      assertThat(hubGit.revParse("staging")).isEqualTo(rework.commit().hex());

      // The lane's history in its state ref, and clean repositories.
      assertThat(laneGit.subjects("refs/platinur/lanes/staging")).containsExactly(
          "Lane staging: Applied ‘Add orders model’ to Staging",
          "Lane staging: Applied ‘Add customers model’ to Staging",
          "Lane staging: Opened promotion PR #1",
          "Lane staging: Sync Promotions: PromotionPrMerged",
          "Lane staging: Sync Promotions: PromotionFinalized",
          "Lane staging: Applied ‘Rework orders’ to Staging",
          "Lane staging: Opened promotion PR #2");
      laneGit.assertFsckClean();
      hubGit.assertFsckClean();
    }
    @Test
    void opening_before_staging_reaches_github_is_refused_and_leaves_the_lane_unlocked() {
      service.apply(ORDERS, ana()).get();

      Either<UseCaseFailure<OpenPromotionPrRejection>, PromotionPullRequest> refused = service.openPromotionPr(Actor.of("ana"));
      assertThat(refused.isLeft()).isTrue();
      PortFailure failure = ((UseCaseFailure.Unavailable) refused.getLeft()).failure();
      assertThat(failure.kind()).isEqualTo(PortFailure.Kind.NOTHING_TO_CHANGE);
      assertThat(failure.message()).isEqualTo("Opening the promotion PR from staging into main: GitHub answered 422"
          + " (“Validation Failed: No commits between main and staging”).");
      assertThat(fake.pullRequest(1)).isEmpty();
      assertThat(service.lane().get().lock().isLocked()).isFalse();
      assertThat(service.apply(CUSTOMERS, ana()).isRight()).isTrue();
    }
  }

  /** A lane kept in GitHub's repository itself: the lane pushes staging there atomically. */
  @Nested
  class Lane_kept_in_the_github_repository {
    GitStaging lane;
    StagingLaneService service;

    @BeforeEach
    void create() {
      lane = GitStaging.openWithRemote(dir.resolve("cache.git"),
          GitRemote.of(dir.resolve("github.git").toUri().toString()), GIT_CONFIG).get();
      service = service(lane);
    }

    @AfterEach
    void close() {
      lane.close();
    }

    @Test
    void merging_the_promotion_pr_deploys_the_batch_and_unlocks_in_one_call() throws Exception {
      String start = hubGit.revParse("main");
      service.apply(ORDERS, ana()).get();
      StagedProposal customers = service.apply(CUSTOMERS, ana()).get();
      assertThat(hubGit.revParse("staging")).isEqualTo(customers.commit().hex());
      PromotionPullRequest pr = service.openPromotionPr(Actor.of("ana")).get();
      assertThat(pr.headCommit()).isEqualTo(customers.commit());
      assertThat(rejection(service.apply(REWORK, ana()))).isEqualTo(PR_OPEN);

      SyncResult merged = service.mergePromotionPr(Actor.of("ana")).get();
      CommitId merge = CommitId.of(hubGit.revParse("main"));
      assertThat(merged.events().map(e -> e.getClass().getSimpleName())).containsExactly("PromotionPrMerged", "PromotionFinalized");
      assertThat(merged.lane().lock().isLocked()).isFalse();
      assertThat(merged.lane().deployed()).containsExactlyInAnyOrder(ProposalId.of("p-1"), ProposalId.of("p-2"));
      assertThat(merged.lane().stagingHead()).isEqualTo(merge);
      assertThat(onlyBody(putRequestedFor(urlPathEqualTo(PULLS + "/1/merge"))).path("sha").asText()).isEqualTo(customers.commit().hex());
      assertThat(hubGit.run("rev-list", "--parents", "-n", "1", "main").strip())
          .isEqualTo(merge.hex() + " " + start + " " + customers.commit().hex());
      assertThat(hubGit.run("log", "--format=%s", "main").lines().findFirst()).contains("Merge pull request #1 from acme/staging");
      assertThat(hubGit.revParse("staging")).isEqualTo(hubGit.revParse("main"));
      assertThat(fake.pullRequest(1).orElseThrow().merged()).isTrue();

      StagedProposal rework = service.apply(REWORK, ana()).get();
      assertThat(hubGit.revParse("staging")).isEqualTo(rework.commit().hex());
      assertThat(hubGit.subjects("main..staging")).containsExactly("Rework orders");
      hubGit.assertFsckClean();
      new GitCli(dir.resolve("cache.git")).assertFsckClean();
    }

    @Test
    void a_pr_closed_in_githubs_web_interface_unlocks_the_lane_on_sync_and_keeps_the_batch() throws Exception {
      StagedProposal orders = service.apply(ORDERS, ana()).get();
      String main = hubGit.revParse("main");
      PromotionPullRequest pr = service.openPromotionPr(Actor.of("ana")).get();

      fake.closeInWebInterface(pr.number().value());
      assertThat(rejection(service.apply(CUSTOMERS, ana()))).as("the lane learns of it at the next sync").isEqualTo(PR_OPEN);
      SyncResult closed = service.syncPromotions(Actor.of("ana")).get();
      assertThat(closed.events()).containsExactly(new LaneEvent.PromotionPrClosed(pr.number()));
      assertThat(closed.lane().lock().isLocked()).isFalse();
      assertThat(closed.lane().batch().proposals().map(StagedProposal::id)).containsExactly(ProposalId.of("p-1"));
      assertThat(hubGit.revParse("main")).isEqualTo(main);
      assertThat(hubGit.revParse("staging")).isEqualTo(orders.commit().hex());
      assertThat(rejection(service.apply(REWORK, ana()))).isEqualTo(OVERLAP);

      StagedProposal customers = service.apply(CUSTOMERS, ana()).get();
      PromotionPullRequest again = service.openPromotionPr(Actor.of("ana")).get();
      assertThat(again.number()).isEqualTo(PullRequestNumber.of(2));
      assertThat(again.headCommit()).isEqualTo(customers.commit());
      hubGit.assertFsckClean();
    }

    @Test
    void closing_the_promotion_pr_sends_state_closed_and_keeps_the_batch() throws Exception {
      StagedProposal orders = service.apply(ORDERS, ana()).get();
      String main = hubGit.revParse("main");
      service.openPromotionPr(Actor.of("ana")).get();

      SyncResult closed = service.closePromotionPr(Actor.of("ana")).get();
      assertThat(onlyBody(patchRequestedFor(urlPathEqualTo(PULLS + "/1"))).path("state").asText()).isEqualTo("closed");
      assertThat(fake.pullRequest(1).orElseThrow().state()).isEqualTo("closed");
      assertThat(fake.pullRequest(1).orElseThrow().merged()).isFalse();
      assertThat(closed.lane().lock().isLocked()).isFalse();
      assertThat(closed.lane().batch().proposals().map(StagedProposal::id)).containsExactly(ProposalId.of("p-1"));
      assertThat(hubGit.revParse("main")).isEqualTo(main);
      assertThat(hubGit.revParse("staging")).isEqualTo(orders.commit().hex());
      assertThat(service.unapply(ProposalId.of("p-1"), ana()).isRight()).isTrue();
      assertThat(hubGit.revParse("staging")).isEqualTo(main);
      hubGit.assertFsckClean();
    }

    @Test
    void a_pr_merged_in_githubs_web_interface_is_finalized_by_sync() throws Exception {
      service.apply(ORDERS, ana()).get();
      StagedProposal customers = service.apply(CUSTOMERS, ana()).get();
      PromotionPullRequest pr = service.openPromotionPr(Actor.of("ana")).get();
      assertThat(fake.mergeInWebInterface(pr.number().value())).isTrue();
      CommitId merge = CommitId.of(hubGit.revParse("main"));
      assertThat(hubGit.revParse("main^2")).isEqualTo(customers.commit().hex());
      assertThat(rejection(service.apply(REWORK, ana()))).as("the lane learns of it at the next sync").isEqualTo(PR_OPEN);

      SyncResult synced = service.syncPromotions(Actor.of("ana")).get();
      assertThat(synced.events().map(e -> e.getClass().getSimpleName())).containsExactly("PromotionPrMerged", "PromotionFinalized");
      assertThat(synced.events().head()).isEqualTo(new LaneEvent.PromotionPrMerged(pr.number(), merge));
      assertThat(synced.lane().lock().isLocked()).isFalse();
      assertThat(synced.lane().deployed()).containsExactlyInAnyOrder(ProposalId.of("p-1"), ProposalId.of("p-2"));
      assertThat(hubGit.revParse("staging")).isEqualTo(merge.hex());
      assertThat(server.findAll(putRequestedFor(urlPathEqualTo(PULLS + "/1/merge")))).as("merged by a person, not the adapter").isEmpty();
      assertThat(rejection(service.mergePromotionPr(Actor.of("ana")))).isEqualTo("No promotion PR is open for the staged batch.");
      assertThat(service.apply(REWORK, ana()).isRight()).isTrue();
      hubGit.assertFsckClean();
    }

    @Test
    void a_lost_answer_to_opening_the_pr_still_locks_the_lane_on_the_pr_github_opened() {
      StagedProposal orders = service.apply(ORDERS, ana()).get();
      fake.loseNextCreateAnswer();

      PromotionPullRequest pr = service.openPromotionPr(Actor.of("ana")).get();
      assertThat(pr.number()).isEqualTo(PullRequestNumber.of(1));
      assertThat(pr.headCommit()).isEqualTo(orders.commit());
      assertThat(server.findAll(postRequestedFor(urlPathEqualTo(PULLS)))).as("a POST is never repeated").hasSize(1);
      assertThat(server.findAll(getRequestedFor(urlPathEqualTo(PULLS)))).as("the open PR was looked up instead").hasSize(1);
      assertThat(fake.pullRequest(2)).isEmpty();
      assertThat(service.lane().get().lock()).isEqualTo(new ReleaseLock.PromotionPrOpen(pr.number()));
      assertThat(rejection(service.apply(CUSTOMERS, ana()))).isEqualTo(PR_OPEN);
    }

    @Test
    void a_pr_opened_in_githubs_web_interface_locks_the_lane_on_sync() {
      StagedProposal orders = service.apply(ORDERS, ana()).get();
      PullRequestNumber number = PullRequestNumber.of(fake.openInWebInterface("staging", "main", "Ship the orders model"));

      SyncResult synced = service.syncPromotions(Actor.of("ana")).get();
      assertThat(synced.events()).containsExactly(new LaneEvent.PromotionPrOpened(number, orders.commit()));
      assertThat(synced.lane().lock()).isEqualTo(new ReleaseLock.PromotionPrOpen(number));
      assertThat(rejection(service.apply(CUSTOMERS, ana()))).isEqualTo(PR_OPEN);
      assertThat(service.openPromotionPr(Actor.of("ana")).get().number()).isEqualTo(number);
      assertThat(server.findAll(postRequestedFor(urlPathEqualTo(PULLS)))).isEmpty();
    }

    @Test
    void opening_again_after_a_close_in_githubs_web_interface_opens_a_new_pr() throws Exception {
      StagedProposal orders = service.apply(ORDERS, ana()).get();
      service.openPromotionPr(Actor.of("ana")).get();
      fake.closeInWebInterface(1);

      PromotionPullRequest again = service.openPromotionPr(Actor.of("ana")).get();
      assertThat(again.number()).isEqualTo(PullRequestNumber.of(2));
      assertThat(again.headCommit()).isEqualTo(orders.commit());
      assertThat(service.lane().get().lock()).isEqualTo(new ReleaseLock.PromotionPrOpen(again.number()));
      assertThat(hubGit.subjects("refs/platinur/lanes/staging")).containsExactly(
          "Lane staging: Applied ‘Add orders model’ to Staging",
          "Lane staging: Opened promotion PR #1",
          "Lane staging: Sync Promotions: PromotionPrClosed",
          "Lane staging: Opened promotion PR #2");
    }

    @Test
    void a_push_to_staging_racing_the_merge_is_refused_and_production_stays() throws Exception {
      StagedProposal orders = service.apply(ORDERS, ana()).get();
      String main = hubGit.revParse("main");
      PromotionPullRequest pr = service.openPromotionPr(Actor.of("ana")).get();
      fake.beforeNextMerge(() -> pushedByHand(dir.resolve("github.git"), "staging"));

      Either<UseCaseFailure<PromotionPrMergedRejection>, SyncResult> refused = service.mergePromotionPr(Actor.of("ana"));
      assertThat(refused.isLeft()).isTrue();
      assertThat(refused.getLeft()).isInstanceOf(UseCaseFailure.Unavailable.class);
      PortFailure failure = ((UseCaseFailure.Unavailable) refused.getLeft()).failure();
      assertThat(failure.kind()).isEqualTo(PortFailure.Kind.CONFLICT);
      assertThat(failure.message()).startsWith("Merging promotion PR #1 at " + orders.commit().abbreviated());
      assertThat(onlyBody(putRequestedFor(urlPathEqualTo(PULLS + "/1/merge"))).path("sha").asText()).isEqualTo(orders.commit().hex());
      assertThat(hubGit.revParse("main")).isEqualTo(main);
      assertThat(hubGit.revParse("staging")).isNotEqualTo(orders.commit().hex());
      assertThat(fake.pullRequest(1).orElseThrow().state()).isEqualTo("open");
      assertThat(service.lane().get().lock()).isEqualTo(new ReleaseLock.PromotionPrOpen(pr.number()));
      hubGit.assertFsckClean();
    }
  }

  /** Someone pushes a commit (same tree, new message) onto {@code branch} outside Platinur. */
  static void pushedByHand(Path bareRepository, String branch) {
    try (Repository repository = new FileRepositoryBuilder().setGitDir(bareRepository.toFile()).setMustExist(true).build();
        RevWalk walk = new RevWalk(repository);
        ObjectInserter inserter = repository.newObjectInserter()) {
      ObjectId head = repository.exactRef("refs/heads/" + branch).getObjectId();
      PersonIdent someone = new PersonIdent("Bo", "bo@example.com", Instant.parse("2026-11-24T11:00:00Z"), ZoneOffset.UTC);
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(walk.parseCommit(head).getTree());
      commit.setParentId(head);
      commit.setAuthor(someone);
      commit.setCommitter(someone);
      commit.setEncoding(StandardCharsets.UTF_8);
      commit.setMessage("Tweak by hand\n");
      ObjectId pushed = inserter.insert(commit);
      inserter.flush();
      RefUpdate update = repository.updateRef("refs/heads/" + branch);
      update.setExpectedOldObjectId(head);
      update.setNewObjectId(pushed);
      assertThat(update.update()).isEqualTo(RefUpdate.Result.FAST_FORWARD);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
