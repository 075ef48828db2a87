package io.platinur.examples.embed;

import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.gate.PromotionGateService;
import io.platinur.application.health.PipelineHealthService;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.application.preview.PreviewEnvironmentService;
import io.platinur.application.preview.PreviewReport;
import io.platinur.domain.Actor;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.PromoteRejection;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.domain.gate.GateDecision;
import io.platinur.domain.health.AlertCause;
import io.platinur.domain.lane.ApplyRejection;
import io.platinur.domain.preview.PreviewLayout;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitOpsRepository;
import io.platinur.git.GitPreviews;
import io.platinur.git.GitStaging;
import io.platinur.port.BuildArtifacts;
import io.platinur.port.CanaryAnalysis;
import io.platinur.port.DeployExitCodes;
import io.platinur.port.ForgePorts;
import io.platinur.port.PipelineAlerts;
import io.platinur.port.SmokeTests;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;

/**
 * Each capability wired as the README shows it, from the adapters' bundles, in at most five lines.
 * The README's Java blocks are these marked regions, byte for byte (a test compares them), and the
 * tests run every method here on real Git repositories.
 *
 * <p>Each method takes what a host brings of its own: the repository's path, the forge (here the
 * offline host; {@code GitHubPlatform.connect(settings)} or {@code GitLabPlatform.connect(settings)}
 * is the same bundle), and the host's ports (its build, its deploy pipeline, its smoke tests).
 */
public final class FiveLineWiring {
  private FiveLineWiring() {}

  /** A staging lane on the bare repository at {@code repository}, promotion PRs kept in it; applies {@code proposal}. */
  public static Either<UseCaseFailure<ApplyRejection>, StagedProposal> stagingLane(Path repository, Proposal proposal, CommitAuthor author) {
    // README:begin staging-lane
    LaneConfiguration config = LaneConfiguration.builder().stagingBranch(BranchName.of("staging")).productionBranch(BranchName.of("main"))
        .addStagingSchemas("analytics_staging").addProductionSchemas("analytics").build();
    try (GitStaging git = GitStaging.open(repository, GitLaneConfig.of(config)).get()) {
      StagingLaneService lane = StagingLaneService.builder(config, git, git.offlineHost()).build();
      return lane.apply(proposal, author);
    }
    // README:end
  }

  /** Promote by digest in the GitOps repository at {@code repository}: {@code api}'s dev digest into staging. */
  public static Either<UseCaseFailure<PromoteRejection>, DigestPromotion.PrOpen> promoteByDigest(Path repository, CanaryAnalysis canary) {
    // README:begin promote-by-digest
    try (GitOpsRepository gitops = GitOpsRepository.open(repository, BranchName.of("main")).get()) {
      DigestPromotionService digests = DigestPromotionService.builder(gitops, gitops.offlineHost(), canary).build();
      return digests.promote(PromoteRequest.of(ServiceName.of("api"), EnvironmentName.of("staging")), Actor.of("ada"));
    }
    // README:end
  }

  /** Preview environments in the GitOps repository at {@code repository}, one per open pull request of {@code forge}. */
  public static Either<UseCaseFailure<NoRefusal>, PreviewReport> previews(Path repository, ForgePorts forge, BuildArtifacts builds) {
    // README:begin preview-environments
    try (GitPreviews gitops = GitPreviews.open(repository, BranchName.of("main"), PreviewLayout.standard()).get()) {
      PreviewEnvironmentService previews = PreviewEnvironmentService.builder(gitops, forge, builds).build();
      return previews.reconcile();
    }
    // README:end
  }

  /** ADR-005's gate over {@code lane}, at its staging head. */
  public static Either<UseCaseFailure<NoRefusal>, GateDecision> promotionGate(
      StagingLaneService lane, ForgePorts forge, DeployExitCodes exitCodes, SmokeTests smokeTests) {
    // README:begin promotion-gate
    PromotionGateService gate = PromotionGateService.builder(lane, forge, exitCodes, smokeTests).build();
    return gate.evaluate(Option.none(), Option.none());
    // README:end
  }

  /** Pipeline health at {@code lane}'s staging head: the causes raised. */
  public static Either<UseCaseFailure<NoRefusal>, Seq<AlertCause>> pipelineHealth(
      StagingLaneService lane, ForgePorts forge, DeployExitCodes exitCodes, PipelineAlerts alerts) {
    // README:begin pipeline-health
    PipelineHealthService health = PipelineHealthService.builder(forge, exitCodes, alerts).build();
    return lane.lane().flatMap(current -> health.check(current.stagingHead()));
    // README:end
  }
}
