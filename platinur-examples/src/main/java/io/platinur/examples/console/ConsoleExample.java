package io.platinur.examples.console;

import io.platinur.application.lane.StagingLaneService;
import io.platinur.console.OfflineHost;
import io.platinur.console.PromotionsConsole;
import io.platinur.console.ProposalCatalog;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitStaging;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * How a host application puts the Promotions page in front of its people: the lane it already
 * runs, the proposals it offers (here: two, in memory), and the console on the loopback interface.
 * The promotion PRs live on Platinur's offline host in the same repository, so the page offers to
 * merge and close them too; on GitHub, leave {@code offlineHost} out and people merge in GitHub.
 */
public final class ConsoleExample {
  private ConsoleExample() {}

  /** The console for the lane in {@code repository} (created when missing), on any free port; close it to stop serving. */
  public static Serving start(Path repository, Clock clock) throws IOException {
    LaneConfiguration config = LaneConfiguration.builder()
        .stagingBranch(BranchName.of("staging"))
        .productionBranch(BranchName.of("main"))
        .addStagingSchemas("analytics_staging")
        .addProductionSchemas("analytics")
        .build();
    GitLaneConfig gitConfig = GitLaneConfig.of(config);
    CommitAuthor host = new CommitAuthor("Analytics platform", "platform@example.com", clock.instant());
    GitStaging git = (Files.exists(repository) ? GitStaging.open(repository, gitConfig) : GitStaging.init(repository, gitConfig, host))
        .getOrElseThrow(failure -> new IOException(failure.message()));
    try {
      StagingLaneService lane = StagingLaneService.builder(config, git, git.offlineHost()).clock(clock::instant).build();
      ProposalCatalog proposals = ProposalCatalog.inMemory(List.of(
          Proposal.builder(ProposalId.of("orders"), "Add orders model")
              .write("models/orders.sql", "select id, amount from raw.orders\n").build(),
          Proposal.builder(ProposalId.of("customers"), "Add customers model")
              .write("models/customers.sql", "select id, name from raw.customers\n").build()));
      PromotionsConsole console = PromotionsConsole.builder(lane, proposals)
          .author("Ana", "ana@example.com")
          .clock(clock)
          .offlineHost(OfflineHost.sameRepository(git.offlineHost().pullRequests()))
          .start();
      return new Serving(git, console);
    } catch (IOException | RuntimeException e) {
      git.close();
      throw e;
    }
  }

  /** The console and the repository it serves; closing stops the console, then closes the repository. */
  public record Serving(GitStaging git, PromotionsConsole console) implements AutoCloseable {
    @Override
    public void close() {
      console.close();
      git.close();
    }
  }

  /** {@code [repository]}: serves until the process is stopped. */
  public static void main(String[] args) throws IOException, InterruptedException {
    try (Serving serving = start(Path.of(args.length > 0 ? args[0] : "console-lane.git"), Clock.systemUTC())) {
      System.out.println("Promotions: " + serving.console().url() + " (Ctrl+C to stop)");
      new CountDownLatch(1).await();
    }
  }
}
