package io.platinur.examples.preview;

import io.platinur.application.lane.StagingLaneService;
import io.platinur.application.preview.PreviewEnvironmentService;
import io.platinur.application.preview.PreviewReport;
import io.platinur.domain.Actor;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.preview.PreviewAction;
import io.platinur.domain.preview.PreviewEnvironment;
import io.platinur.domain.preview.PreviewLayout;
import io.platinur.domain.preview.PreviewPolicy;
import io.platinur.domain.preview.PreviewSelection;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitPreviews;
import io.platinur.git.GitStaging;
import io.platinur.port.BuildArtifacts;
import io.platinur.port.PreviewCleanup;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * How a host runs preview environments with no forge: pull requests are Platinur's offline ones in
 * the application repository, previews are directories in a separate GitOps repository, the build
 * publishes one digest per commit, and a cleanup drops each reaped preview's database schema.
 *
 * <p>The program opens a promotion PR, reconciles (the PR gets a preview once its head is built),
 * merges the PR, and reconciles again (the preview is reaped and cleaned up). Every reconcile is
 * safe to repeat, on a schedule or on every webhook.
 */
public final class PreviewEnvironmentsExample {
  private PreviewEnvironmentsExample() {}

  /** What the example saw: every reconcile's action messages, and the schemas dropped. */
  public record Outcome(List<String> messages, List<String> droppedSchemas, List<PreviewEnvironment> liveAtEnd) {}

  public static Outcome run(Path directory, Clock clock, Consumer<String> print) {
    CommitAuthor assistant = new CommitAuthor("Assistant", "assistant@example.com", clock.instant());
    LaneConfiguration config = LaneConfiguration.builder()
        .stagingBranch(BranchName.of("staging")).productionBranch(BranchName.of("main"))
        .addStagingSchemas("analytics_staging").addProductionSchemas("analytics").build();
    try (GitStaging app = GitStaging.init(directory.resolve("app.git"), GitLaneConfig.of(config), assistant)
            .getOrElseThrow(failure -> new IllegalStateException(failure.message()));
        GitPreviews gitops = GitPreviews.init(directory.resolve("gitops.git"), BranchName.of("main"), PreviewLayout.standard())
            .getOrElseThrow(failure -> new IllegalStateException(failure.message()))) {

      // The host's build publishes the digest it built from each commit (here: a map).
      Map<CommitId, ImageDigest> built = new ConcurrentHashMap<>();
      BuildArtifacts builds = commit -> Either.right(Option.of(built.get(commit)));
      // What a preview owns outside Git: a database schema per pull request. Dropping is idempotent.
      java.util.List<String> dropped = new java.util.concurrent.CopyOnWriteArrayList<>();
      PreviewCleanup dropSchema = reaped -> {
        String schema = "preview_pr_" + reaped.pr().value();
        if (!dropped.contains(schema)) {
          dropped.add(schema);
        }
        return Either.right(reaped);
      };

      // Every open pull request into main gets a preview for three days after its last update, at most ten at once.
      // README:begin preview-policy
      PreviewPolicy policy = PreviewPolicy.of(PreviewSelection.intoBase(BranchName.of("main")),
          Option.of(Duration.ofDays(3)), Option.of(10)).get();
      PreviewEnvironmentService previews = PreviewEnvironmentService.builder(gitops, app.offlineHost(), builds)
          .policy(policy).cleanup(dropSchema).clock(clock::instant).build();
      // README:end
      StagingLaneService lane = StagingLaneService.builder(config, app, app.offlineHost()).clock(clock::instant).build();

      java.util.List<String> messages = new java.util.ArrayList<>();
      Consumer<PreviewReport> report = done -> {
        done.plan().actions().map(PreviewAction::message).forEach(m -> {
          messages.add(m);
          print.accept(m);
        });
        done.plan().holds().forEach(hold -> print.accept(hold.message()));
      };

      // A change is staged and its promotion PR opened: PR #1 from staging into main.
      lane.apply(Proposal.builder(ProposalId.of("orders"), "Add orders model")
          .write("models/orders.sql", "select id, amount from raw.orders\n").build(), assistant).get();
      PromotionPullRequest pr = lane.openPromotionPr(Actor.of("assistant")).get();

      previews.reconcile().peek(report);                     // waits: the head is not built yet
      built.put(pr.headCommit(), ImageDigest.of("sha256:" + "5e".repeat(32)));
      previews.reconcile().peek(report);                     // creates previews/pr-1/values.yaml
      previews.reconcile().peek(report);                     // nothing to do: reconciling is idempotent

      lane.mergePromotionPr(Actor.of("reviewer")).get();
      previews.reconcile().peek(report);                     // reaps the preview, drops its schema
      dropped.forEach(schema -> print.accept("Dropped schema " + schema + "."));

      return new Outcome(List.ofAll(messages), List.ofAll(dropped),
          List.ofAll(gitops.previewStore().load().get().inventory().previews().values()));
    }
  }

  /** Runs the example in {@code args[0]} (a new directory). */
  public static void main(String[] args) {
    run(Path.of(args.length > 0 ? args[0] : "example-previews"), Clock.systemUTC(), System.out::println);
  }
}
