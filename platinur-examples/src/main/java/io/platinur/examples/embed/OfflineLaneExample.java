package io.platinur.examples.embed;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.application.lane.SyncResult;
import io.platinur.domain.Actor;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitStaging;
import io.vavr.control.Either;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * How a host application embeds a staging lane with no forge: one bare repository holds the
 * staging branch, the lane's state and the promotion PRs (Platinur's offline pull-request host).
 *
 * <p>The README's wiring of a lane, carried through the whole lifecycle. Every use case answers {@code Either<UseCaseFailure<R>, …>}
 * with its own refusal type {@code R}: a {@link UseCaseFailure.Rejected} carries the exact message
 * to show the user, a {@link UseCaseFailure.Unavailable} an infrastructure problem; neither changed
 * anything.
 */
public final class OfflineLaneExample {
  private OfflineLaneExample() {}

  /** Stages a proposal, opens and merges its promotion PR, and returns what Sync Promotions did. */
  public static Either<UseCaseFailure<?>, SyncResult> run(Path repository, Clock clock) {
    // 1. Which branches, and the output schemas each environment writes to (checked when built).
    LaneConfiguration config = LaneConfiguration.builder()
        .stagingBranch(BranchName.of("staging"))
        .productionBranch(BranchName.of("main"))
        .addStagingSchemas("analytics_staging")
        .addProductionSchemas("analytics")
        .build();
    CommitAuthor assistant = new CommitAuthor("Assistant", "assistant@example.com", clock.instant());

    // 2. The Git adapter: open the bare repository (here: create it, for the example).
    GitLaneConfig git = GitLaneConfig.of(config);
    try (GitStaging repo = (Files.exists(repository) ? GitStaging.open(repository, git) : GitStaging.init(repository, git, assistant))
        .getOrElseThrow(failure -> new IllegalStateException(failure.message()))) {

      // 3. The use cases, wired to the adapter's ports and the host's clock.
      StagingLaneService lane = StagingLaneService.builder(config, repo, repo.offlineHost()).clock(clock::instant).build();

      // 4. A proposal is an id, a title and the files it writes or deletes.
      Proposal orders = Proposal.builder(ProposalId.of("orders-model"), "Add orders model")
          .write("models/orders.sql", "select id, amount from raw.orders\n")
          .build();

      // 5. Apply → promotion PR → merge (which syncs): the batch is deployed, staging unlocks.
      //    Each step answers its own refusal type; chained, any refusal or failure says what stopped.
      Either<UseCaseFailure<?>, StagedProposal> staged = Either.narrow(lane.apply(orders, assistant));
      Either<UseCaseFailure<?>, PromotionPullRequest> pr = staged.flatMap(ok -> Either.narrow(lane.openPromotionPr(assistant.actor())));
      return pr.flatMap(opened -> Either.narrow(lane.mergePromotionPr(Actor.of("reviewer"))));
    }
  }

  /** Runs the example on {@code args[0]} (a new directory) and prints the outcome. */
  public static void main(String[] args) {
    Path repository = Path.of(args.length > 0 ? args[0] : "example-lane.git");
    run(repository, Clock.systemUTC()).fold(
        failure -> {
          System.err.println(failure.message());
          return 1;
        },
        synced -> {
          System.out.println("Deployed " + synced.lane().deployed().mkString(", ") + "; staging is at "
              + synced.lane().stagingHead().abbreviated() + " and " + (synced.lane().lock().isLocked() ? "locked" : "unlocked") + ".");
          return 0;
        });
  }
}
