package io.platinur.console;

import io.platinur.application.gate.PromotionGateService;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.gate.GatePolicy;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitStaging;
import io.platinur.port.PortFailure;
import io.platinur.testkit.GitCli;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A lane to test the console on, as a host runs one against a forge: {@code host.git} stands for
 * the forge (it holds the promotion PRs, through the offline pull-request host) and {@code
 * lane.git} is the lane's own repository, a bare clone of it. A merge on the host reaches the
 * lane's production branch only at the next Sync Promotions, so the page shows "Waiting for main
 * sync" in between. Branches travel with the {@code git} command.
 */
final class ConsoleLane implements AutoCloseable {
  static final BranchName STAGING = BranchName.of("staging");
  static final BranchName MAIN = BranchName.of("main");
  static final Proposal ORDERS = Proposal.builder(ProposalId.of("p-1"), "Add orders model")
      .write("models/orders.sql", "select id, customer_id, amount from raw.orders\n").build();
  static final Proposal CUSTOMERS = Proposal.builder(ProposalId.of("p-2"), "Add customers model")
      .write("models/customers.sql", "select id, name from raw.customers\n").build();
  static final Proposal REWORK = Proposal.builder(ProposalId.of("p-3"), "Rework orders")
      .write("models/orders.sql", "select id, customer_id, amount, currency from raw.orders\n")
      .write("models/schema.yml", "version: 2\nmodels:\n  - name: orders\n").build();

  private final Path host;
  private final Path laneRepository;
  private final GitStaging forge;
  private final GitStaging lane;
  private final StagingLaneService service;

  private ConsoleLane(Path host, Path laneRepository, GitStaging forge, GitStaging lane, Clock clock) {
    this.host = host;
    this.laneRepository = laneRepository;
    this.forge = forge;
    this.lane = lane;
    this.service = new StagingLaneService(configuration(), lane.staging(), lane.laneStateStore(), forge.offlineHost().pullRequests(), clock::instant);
  }

  static LaneConfiguration configuration() {
    return LaneConfiguration.builder().stagingBranch(STAGING).productionBranch(MAIN)
        .addStagingSchemas("analytics_staging").addProductionSchemas("analytics").build();
  }

  /** The seed's three proposals: two change the same file. */
  static List<Proposal> seedProposals() {
    return List.of(ORDERS, CUSTOMERS, REWORK);
  }

  /** Creates {@code host.git} and {@code lane.git} in {@code directory}. */
  static ConsoleLane create(Path directory, Clock clock) {
    Path host = directory.resolve("host.git");
    Path laneRepository = directory.resolve("lane.git");
    GitLaneConfig gitConfig = GitLaneConfig.of(MAIN, STAGING);
    GitStaging forge = GitStaging.init(host, gitConfig, new CommitAuthor("Platinur", "platinur@example.com", clock.instant())).get();
    new GitCli(laneRepository).run("clone", "--quiet", "--bare", host.toString(), laneRepository.toString());
    return new ConsoleLane(host, laneRepository, forge, GitStaging.open(laneRepository, gitConfig).get(), clock);
  }

  StagingLaneService service() {
    return service;
  }

  Path laneRepository() {
    return laneRepository;
  }

  /** The console's view of the host: merge there, publish staging before a PR, fetch production before a sync. */
  OfflineHost offlineHost() {
    GitCli git = new GitCli(laneRepository);
    return new OfflineHost() {
      @Override
      public Either<PortFailure, CommitId> merge(PullRequestNumber pr, CommitId expectedHead) {
        return forge.offlineHost().pullRequests().merge(pr, expectedHead).peek(merged ->
            git.run("fetch", "--quiet", host.toString(), "refs/heads/main:refs/remotes/host/main"));
      }

      @Override
      public Either<PortFailure, Boolean> publishStaging() {
        git.run("push", "--quiet", host.toString(), "+refs/heads/staging:refs/heads/staging");
        return Either.right(true);
      }

      @Override
      public Either<PortFailure, Boolean> fetchProduction() {
        git.run("fetch", "--quiet", host.toString(), "refs/heads/main:refs/heads/main");
        return Either.right(true);
      }
    };
  }

  /** A console on this lane as {@code platinur console} serves a fresh one: the offline host and a gate fed from the page. */
  PromotionsConsole.Builder console(Iterable<Proposal> proposals, Clock clock) {
    ReportedGateEvidence evidence = new ReportedGateEvidence();
    PromotionGateService gate = PromotionGateService.builder(service, evidence.forge(), evidence.exitCodes(), evidence.smokeTests())
        .policy(GatePolicy.builder().build()).clock(clock::instant).build();
    return PromotionsConsole.builder(service, ProposalCatalog.inMemory(proposals))
        .author("Console user", "console@example.com")
        .clock(clock)
        .offlineHost(offlineHost())
        .gate(gate)
        .reportedEvidence(evidence);
  }

  /** This lane with the seed's proposals, served on a free port, polling every {@code pollMillis}. */
  static Running start(Path directory, int pollMillis, Clock clock) {
    ConsoleLane lane = create(directory, clock);
    try {
      return new Running(lane, lane.console(seedProposals(), clock).pollMillis(pollMillis).start());
    } catch (IOException e) {
      lane.close();
      throw new UncheckedIOException(e);
    }
  }

  /** A console and its lane; closing stops both. */
  record Running(ConsoleLane lane, PromotionsConsole console) implements AutoCloseable {
    @Override
    public void close() {
      console.close();
      lane.close();
    }
  }

  @Override
  public void close() {
    lane.close();
    forge.close();
  }
}
