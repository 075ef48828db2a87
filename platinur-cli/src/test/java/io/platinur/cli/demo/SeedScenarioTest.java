package io.platinur.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.application.lane.SyncResult;
import io.platinur.domain.Actor;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.card.CardStatus;
import io.platinur.domain.card.ProposalCard;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.lane.ApplyRejection;
import io.platinur.domain.lane.CommandRejection;
import io.platinur.domain.lane.RejectionReason;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.domain.sync.SyncNote;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitStaging;
import io.platinur.testkit.GitCli;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed scenario end to end through the use cases, on real bare repositories with the offline
 * pull-request host, every exact message checked and the repositories checked with {@code git}.
 */
class SeedScenarioTest {
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

  static LaneConfiguration laneConfiguration() {
    LaneConfiguration.Builder builder = LaneConfiguration.builder();
    builder.stagingBranch(STAGING).productionBranch(MAIN).addStagingSchemas("analytics_staging").addProductionSchemas("analytics");
    return builder.build();
  }

  CommitAuthor ana() {
    return new CommitAuthor("Ana", "ana@example.com", Instant.parse("2026-11-24T09:00:00Z").plusSeconds(seconds.incrementAndGet()));
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

  /** A lane whose promotion PRs live on a host repository it was cloned from, as with GitHub. */
  @Nested
  class Lane_with_a_host_repository {
    @TempDir
    Path dir;
    GitStaging host;
    GitStaging lane;
    StagingLaneService service;
    GitCli hostGit;
    GitCli laneGit;

    @BeforeEach
    void create() throws Exception {
      host = GitStaging.init(dir.resolve("host.git"), GIT_CONFIG, ana()).get();
      GitTransport.cloneBare(dir.resolve("host.git"), dir.resolve("lane.git"));
      lane = GitStaging.open(dir.resolve("lane.git"), GIT_CONFIG).get();
      service = new StagingLaneService(laneConfiguration(), lane.staging(), lane.laneStateStore(), host.offlineHost().pullRequests(),
          () -> Instant.parse("2026-11-24T10:00:00Z").plusSeconds(seconds.incrementAndGet()));
      hostGit = new GitCli(dir.resolve("host.git"));
      laneGit = new GitCli(dir.resolve("lane.git"));
    }

    @AfterEach
    void close() {
      lane.close();
      host.close();
    }

    @Test
    void walks_the_seed_scenario_with_every_exact_message() throws Exception {
      String start = laneGit.revParse("main");

      // Two disjoint proposals stage into one batch, one commit each on staging.
      StagedProposal orders = service.apply(ORDERS, ana()).get();
      StagedProposal customers = service.apply(CUSTOMERS, ana()).get();
      assertThat(laneGit.revParse("staging")).isEqualTo(customers.commit().hex());
      assertThat(laneGit.subjects("main..staging")).containsExactly("Add orders model", "Add customers model");
      assertThat(laneGit.run("log", "-1", "--format=%B", orders.commit().hex())).contains("Platinur-Proposal: p-1");
      assertThat(laneGit.changedFiles("main", "staging")).containsExactly("models/customers.sql", "models/orders.sql");

      // An overlapping proposal is rejected with the exact message; nothing moves.
      Either<UseCaseFailure<ApplyRejection>, StagedProposal> overlapping = service.apply(REWORK, ana());
      assertThat(rejection(overlapping)).isEqualTo(OVERLAP);
      assertThat(reason(overlapping)).isEqualTo(RejectionReason.FILE_OVERLAP);
      assertThat(laneGit.revParse("staging")).isEqualTo(customers.commit().hex());
      assertThat(status(service, REWORK)).isEqualTo(CardStatus.OVERLAPS_STAGED_PROPOSAL);

      // The promotion PR opens on the host and locks the lane.
      GitTransport.push(dir.resolve("lane.git"), dir.resolve("host.git"), STAGING);
      PromotionPullRequest pr = service.openPromotionPr(Actor.of("ana")).get();
      assertThat(pr.number().value()).isEqualTo(1);
      assertThat(hostGit.run("for-each-ref", "--format=%(refname)", "refs/platinur/pulls/")).isEqualTo("refs/platinur/pulls/1\n");
      assertThat(rejection(service.apply(REWORK, ana()))).isEqualTo(PR_OPEN);
      assertThat(rejection(service.unapply(ProposalId.of("p-1"), ana()))).isEqualTo(
          "A promotion PR exists for the staged batch. Unapply is available only until a promotion PR exists.");
      assertThat(rejection(service.discardBatch(Actor.of("ana")))).isEqualTo(
          "A promotion PR exists for the staged batch. Discard is available only until a promotion PR exists.");
      assertThat(status(service, REWORK)).isEqualTo(CardStatus.WAITING_FOR_OPEN_PR);
      assertThat(service.cards(List.of(REWORK)).get().head().applyDisabledReason()).contains(PR_OPEN);

      // Merged on the host; the lane's main has not caught up, so sync records the merge and waits.
      CommitId merge = host.offlineHost().pullRequests().merge(pr.number(), customers.commit()).get();
      assertThat(hostGit.revParse("main")).isEqualTo(merge.hex());
      assertThat(hostGit.run("rev-list", "--parents", "-n", "1", "main").strip())
          .isEqualTo(merge.hex() + " " + start + " " + customers.commit().hex());
      GitTransport.fetch(dir.resolve("lane.git"), dir.resolve("host.git"), MAIN, "refs/remotes/host/main");
      SyncResult waiting = service.syncPromotions(Actor.of("ana")).get();
      assertThat(waiting.lane().lock()).isEqualTo(new ReleaseLock.AwaitingMainSync(pr.number(), merge));
      assertThat(waiting.notes().map(SyncNote::message)).containsExactly(
          "Production branch main does not contain merge commit " + merge.abbreviated() + " yet; sync again once it does.");
      assertThat(rejection(service.apply(REWORK, ana()))).isEqualTo(AWAITING);
      assertThat(rejection(service.openPromotionPr(Actor.of("ana")))).isEqualTo(AWAITING);
      assertThat(status(service, REWORK)).isEqualTo(CardStatus.WAITING_FOR_MAIN_SYNC);
      assertThat(service.cards(List.of(REWORK)).get().head().applyDisabledReason()).contains(AWAITING);
      assertThat(laneGit.revParse("main")).isEqualTo(start);

      // Main catches up: sync deploys the batch, resets staging to main and unlocks.
      GitTransport.fetch(dir.resolve("lane.git"), dir.resolve("host.git"), MAIN, "refs/heads/main");
      SyncResult synced = service.syncPromotions(Actor.of("ana")).get();
      assertThat(synced.lane().lock().isLocked()).isFalse();
      assertThat(synced.lane().batch().isEmpty()).isTrue();
      assertThat(synced.lane().deployed()).containsExactlyInAnyOrder(ProposalId.of("p-1"), ProposalId.of("p-2"));
      assertThat(laneGit.revParse("staging")).isEqualTo(merge.hex()).isEqualTo(laneGit.revParse("main"));

      // A second batch starts from production.
      StagedProposal rework = service.apply(REWORK, ana()).get();
      assertThat(laneGit.subjects("main..staging")).containsExactly("Rework orders");
      assertThat(laneGit.changedFiles("main", "staging")).containsExactly("models/orders.sql", "models/schema.yml");
      assertThat(laneGit.run("show", "staging:models/orders.sql")).isEqualTo("select id, amount from raw.orders\n");
      assertThat(service.cards(List.of(ORDERS, CUSTOMERS, REWORK)).get().map(ProposalCard::status))
          .containsExactly(CardStatus.DEPLOYED, CardStatus.DEPLOYED, CardStatus.STAGED);
      assertThat(rejection(service.apply(ORDERS, ana()))).isEqualTo("Proposal ‘Add orders model’ is already deployed.");
      assertThat(rejection(service.apply(REWORK, ana()))).isEqualTo("Proposal ‘Rework orders’ is already staged.");
      assertThat(rework.commit().hex()).isEqualTo(laneGit.revParse("staging"));

      // The lane's history in its state ref, one commit per change, and clean repositories.
      assertThat(laneGit.subjects("refs/platinur/lanes/staging")).containsExactly(
          "Lane staging: Applied ‘Add orders model’ to Staging",
          "Lane staging: Applied ‘Add customers model’ to Staging",
          "Lane staging: Opened promotion PR #1",
          "Lane staging: Sync Promotions: PromotionPrMerged",
          "Lane staging: Sync Promotions: PromotionFinalized",
          "Lane staging: Applied ‘Rework orders’ to Staging");
      laneGit.assertFsckClean();
      hostGit.assertFsckClean();
    }
  }

  /** Everything in one repository: the offline host merges into the lane's own main. */
  @Nested
  class Lane_in_one_repository {
    @TempDir
    Path dir;
    GitStaging git;
    StagingLaneService service;
    GitCli cli;

    @BeforeEach
    void create() {
      git = GitStaging.init(dir.resolve("lane.git"), GIT_CONFIG, ana()).get();
      service = new StagingLaneService(laneConfiguration(), git.staging(), git.laneStateStore(), git.offlineHost().pullRequests(),
          () -> Instant.parse("2026-11-24T10:00:00Z").plusSeconds(seconds.incrementAndGet()));
      cli = new GitCli(dir.resolve("lane.git"));
    }

    @AfterEach
    void close() {
      git.close();
    }

    @Test
    void merging_the_promotion_pr_deploys_the_batch_and_unlocks_in_one_call() {
      service.apply(ORDERS, ana()).get();
      service.apply(CUSTOMERS, ana()).get();
      String stagedHead = cli.revParse("staging");
      service.openPromotionPr(Actor.of("ana")).get();
      assertThat(rejection(service.apply(REWORK, ana()))).isEqualTo(PR_OPEN);

      SyncResult merged = service.mergePromotionPr(Actor.of("ana")).get();
      assertThat(merged.lane().lock().isLocked()).isFalse();
      assertThat(cli.revParse("main")).isEqualTo(cli.revParse("staging"));
      assertThat(cli.run("merge-base", "--is-ancestor", stagedHead, "main")).isEmpty();
      assertThat(service.apply(REWORK, ana()).isRight()).isTrue();
      cli.assertFsckClean();
    }

    @Test
    void closing_the_promotion_pr_unlocks_and_keeps_the_batch() {
      StagedProposal orders = service.apply(ORDERS, ana()).get();
      String main = cli.revParse("main");
      service.openPromotionPr(Actor.of("ana")).get();

      SyncResult closed = service.closePromotionPr(Actor.of("ana")).get();
      assertThat(closed.lane().lock().isLocked()).isFalse();
      assertThat(closed.lane().batch().proposals().map(StagedProposal::id)).containsExactly(ProposalId.of("p-1"));
      assertThat(cli.revParse("main")).isEqualTo(main);
      assertThat(cli.revParse("staging")).isEqualTo(orders.commit().hex());
      assertThat(rejection(service.apply(REWORK, ana()))).isEqualTo(OVERLAP);
      assertThat(service.unapply(ProposalId.of("p-1"), ana()).isRight()).isTrue();
      assertThat(cli.revParse("staging")).isEqualTo(main);
      cli.assertFsckClean();
    }

    @Test
    void rejects_merging_when_no_promotion_pr_is_open() {
      service.apply(ORDERS, ana()).get();
      assertThat(rejection(service.mergePromotionPr(Actor.of("ana")))).isEqualTo("No promotion PR is open for the staged batch.");
      assertThat(rejection(service.closePromotionPr(Actor.of("ana")))).isEqualTo("No promotion PR is open for the staged batch.");
    }

    @Test
    void rejects_opening_a_promotion_pr_with_nothing_staged() {
      assertThat(rejection(service.openPromotionPr(Actor.of("ana"))))
          .isEqualTo("Nothing is staged. Apply a proposal to Staging before opening a promotion PR.");
      assertThat(cli.run("for-each-ref", "refs/platinur/pulls/")).isEmpty();
    }
  }
}
