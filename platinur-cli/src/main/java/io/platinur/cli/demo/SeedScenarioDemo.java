package io.platinur.cli.demo;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.application.lane.SyncResult;
import io.platinur.domain.Actor;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.card.ProposalCard;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitStaging;
import io.platinur.port.PortFailure;
import io.platinur.port.TimeSource;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The seed scenario on real Git, step by step, as {@code platinur demo} prints it: two disjoint
 * proposals staged, an overlapping one rejected, the promotion PR opened, apply rejected while it is
 * open, the PR merged on the host, apply rejected while the merge awaits sync, Sync Promotions, and
 * a second batch.
 *
 * <p>Two bare repositories play the parts: {@code host.git} stands for the forge (it holds the
 * promotion PRs, through Platinur's offline pull-request host) and {@code lane.git} is the lane's
 * own repository, cloned from it. A merge on the host reaches the lane's production branch only
 * when the lane fetches it, just as with GitHub; in between, Sync Promotions records the merge and
 * the lane waits for main. Every message printed after "rejected:" comes from the library.
 */
public final class SeedScenarioDemo {
  /** The staging branch the demo uses. */
  public static final BranchName STAGING = BranchName.of("staging");
  /** The production branch the demo uses. */
  public static final BranchName MAIN = BranchName.of("main");

  static final Proposal ORDERS = Proposal.builder(ProposalId.of("p-1"), "Add orders model")
      .write("models/orders.sql", "select id, customer_id, amount from raw.orders\n").build();
  static final Proposal CUSTOMERS = Proposal.builder(ProposalId.of("p-2"), "Add customers model")
      .write("models/customers.sql", "select id, name from raw.customers\n").build();
  static final Proposal REWORK = Proposal.builder(ProposalId.of("p-3"), "Rework orders")
      .write("models/orders.sql", "select id, customer_id, amount, currency from raw.orders\n")
      .write("models/schema.yml", "version: 2\nmodels:\n  - name: orders\n").build();

  private final Path workDir;
  private final PrintStream out;
  private final Clock clock;
  private int step;

  /**
   * @param workDir an empty or missing directory; the demo creates {@code host.git} and {@code lane.git} in it
   * @param out where the steps are printed
   */
  public SeedScenarioDemo(Path workDir, PrintStream out, Clock clock) {
    this.workDir = workDir;
    this.out = out;
    this.clock = clock;
  }

  /** The proposals the demo stages, in the order it uses them. */
  public static List<Proposal> proposals() {
    return List.of(ORDERS, CUSTOMERS, REWORK);
  }

  /** The lane configuration of the demo: {@code staging} → {@code main}. */
  public static LaneConfiguration laneConfiguration() {
    LaneConfiguration.Builder builder = LaneConfiguration.builder();
    builder.stagingBranch(STAGING).productionBranch(MAIN)
        .addStagingSchemas("analytics_staging").addProductionSchemas("analytics");
    return builder.build();
  }

  /**
   * Walks the scenario. Returns normally when every step behaved as the seed says; throws
   * {@link DemoFailure} (with what was expected) as soon as one did not.
   */
  public void run() throws IOException {
    Path host = workDir.resolve("host.git");
    Path laneRepo = workDir.resolve("lane.git");
    GitLaneConfig gitConfig = GitLaneConfig.of(MAIN, STAGING);
    CommitAuthor ana = new CommitAuthor("Ana", "ana@example.com", clock.instant());
    TimeSource time = clock::instant;

    try (GitStaging forge = demand(GitStaging.init(host, gitConfig, ana))) {
      GitTransport.cloneBare(host, laneRepo);
      try (GitStaging lane = demand(GitStaging.open(laneRepo, gitConfig))) {
        StagingLaneService service = new StagingLaneService(
            laneConfiguration(), lane.staging(), lane.laneStateStore(), forge.offlineHost().pullRequests(), time);
        out.println("Platinur demo: a staging lane on real Git, from proposal to production.");
        out.println("  host (holds the promotion PRs, as GitHub would): " + host);
        out.println("  lane repository (staging branch ‘" + STAGING + "’, production branch ‘" + MAIN + "’): " + laneRepo);
        out.println();

        heading("Apply ‘Add orders model’ to Staging");
        staged(service.apply(ORDERS, author(ana)));
        heading("Apply ‘Add customers model’ (different files: same batch)");
        staged(service.apply(CUSTOMERS, author(ana)));
        heading("Apply ‘Rework orders’ (it also changes models/orders.sql)");
        rejected(service.apply(REWORK, author(ana)));
        card(service, REWORK);

        heading("Open the promotion PR from " + STAGING + " to " + MAIN);
        CommitId stagingHead = demandLane(service.lane()).stagingHead();
        GitTransport.push(laneRepo, host, STAGING);
        out.println("    pushed " + STAGING + " (" + stagingHead.abbreviated() + ") to the host");
        PromotionPullRequest pr = demandLane(service.openPromotionPr(Actor.of("ana")));
        out.println("  ✓ promotion PR " + pr.number() + " opened; Staging is locked");

        heading("Apply ‘Rework orders’ while PR " + pr.number() + " is open");
        rejected(service.apply(REWORK, author(ana)));
        card(service, REWORK);

        heading("A reviewer merges PR " + pr.number() + " on the host");
        CommitId merge = demand(forge.offlineHost().pullRequests().merge(pr.number(), stagingHead));
        out.println("  ✓ merged as " + merge.abbreviated() + "; the host's " + MAIN + " now contains the batch");

        heading("Sync Promotions before the merge has reached the lane's own " + MAIN);
        out.println("    (the lane works in its own repository, a copy of the host's: the host's " + MAIN
            + " has the merge, the lane's " + MAIN + " gets it only when it next fetches " + MAIN + ")");
        GitTransport.fetch(laneRepo, host, MAIN, "refs/remotes/host/" + MAIN);
        SyncResult waiting = demandLane(service.syncPromotions(Actor.of("ana")));
        expect(waiting.lane().lock() instanceof ReleaseLock.AwaitingMainSync, "the lane to await main sync", waiting.lane().lock());
        out.println("  ✓ the lane recorded the merge of PR " + pr.number() + " (" + merge.abbreviated() + "); Staging stays locked");
        waiting.notes().forEach(note -> out.println("    note: " + note));

        heading("Apply ‘Rework orders’ while the merged promotion awaits sync");
        rejected(service.apply(REWORK, author(ana)));
        card(service, REWORK);

        heading("The lane fetches the host's " + MAIN + ", merge included; Sync Promotions");
        GitTransport.fetch(laneRepo, host, MAIN, MAIN.refName());
        SyncResult synced = demandLane(service.syncPromotions(Actor.of("ana")));
        expect(!synced.lane().lock().isLocked(), "the lane to be unlocked", synced.lane().lock());
        synced.events().filter(e -> e instanceof LaneEvent.PromotionFinalized).forEach(e -> {
          LaneEvent.PromotionFinalized finalized = (LaneEvent.PromotionFinalized) e;
          out.println("  ✓ deployed: " + finalized.deployed().map(id -> "‘" + titleOf(id) + "’").mkString(", "));
          out.println("  ✓ staging branch reset to " + MAIN + " (" + finalized.productionHead().abbreviated() + "); batch empty; Staging unlocked");
        });

        heading("Second batch: apply ‘Rework orders’ to Staging");
        staged(service.apply(REWORK, author(ana)));

        out.println();
        out.println("Proposal cards now:");
        demandLane(service.cards(proposals())).forEach(c -> out.println("  " + c.id() + "  " + c.title() + " — " + c.status().label()));
        out.println();
        out.println("Look at it with git: git --git-dir=" + laneRepo + " log --oneline --graph --all");
      }
    }
  }

  private CommitAuthor author(CommitAuthor who) {
    return new CommitAuthor(who.name(), who.email(), clock.instant());
  }

  private void heading(String text) {
    step++;
    out.println((step < 10 ? " " : "") + step + ". " + text);
  }

  private void staged(Either<? extends UseCaseFailure<?>, StagedProposal> outcome) {
    StagedProposal staged = demandLane(outcome);
    out.println("  ✓ staged as commit " + staged.commit().abbreviated() + " on " + STAGING + " ("
        + staged.files().mkString(", ") + ")");
  }

  private void rejected(Either<? extends UseCaseFailure<?>, ?> outcome) {
    if (outcome.isRight() || !(outcome.getLeft() instanceof UseCaseFailure.Rejected)) {
      throw new DemoFailure("Expected a rejection by a rule, got " + outcome);
    }
    out.println("  ✗ rejected: " + outcome.getLeft().message());
  }

  private void card(StagingLaneService service, Proposal proposal) {
    ProposalCard card = demandLane(service.cards(List.of(proposal))).head();
    out.println("    card ‘" + card.title() + "’: " + card.status().label());
  }

  private static String titleOf(ProposalId id) {
    return proposals().find(p -> p.id().equals(id)).map(Proposal::title).getOrElse(id.value());
  }

  private static void expect(boolean holds, String what, Object actual) {
    if (!holds) {
      throw new DemoFailure("Expected " + what + ", got " + actual);
    }
  }

  private static <T> T demand(Either<PortFailure, T> outcome) {
    return outcome.getOrElseThrow(failure -> new DemoFailure(failure.message()));
  }

  private static <T> T demandLane(Either<? extends UseCaseFailure<?>, T> outcome) {
    return outcome.getOrElseThrow(failure -> new DemoFailure(failure.message()));
  }

  /** A step of the demo did not behave as the seed scenario says. */
  public static final class DemoFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DemoFailure(String message) {
      super(message);
    }
  }
}
