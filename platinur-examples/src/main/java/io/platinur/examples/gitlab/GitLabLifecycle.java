package io.platinur.examples.gitlab;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.digest.PromotionSync;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.application.lane.SyncResult;
import io.platinur.domain.Actor;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.CompleteRejection;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.digest.StepPolicy;
import io.platinur.domain.forge.ForgeWords;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.git.GitStaging;
import io.platinur.gitlab.GitLabPlatform;
import io.platinur.port.CanaryAnalysis;
import io.platinur.port.TimeSource;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The whole lifecycle on GitLab, step by step, each step printed in GitLab's words.
 *
 * <p>Act one is the seed scenario on a staging lane: two disjoint proposals stage, an overlapping
 * one is refused, the promotion merge request locks the lane, it merges in GitLab at the staged
 * head, and Sync Promotions unlocks. Act two is promote by digest on a GitOps project: a digest
 * climbs dev → staging → prod (staging → prod needs an approval in GitLab, an hour of soak and a
 * canary), and a failed canary is rolled back by a revert merge request.
 *
 * <p>Between steps GitLab's pipelines run, people approve and the CD pipeline deploys: each act is
 * a sequence of steps a driver calls in order, doing in between what GitLab would (the tests do it
 * on the testkit's fake GitLab).
 */
public final class GitLabLifecycle {
  /** The seed scenario's proposals: two disjoint ones, and one that changes a file the first one does. */
  public static final Proposal ORDERS = Proposal.builder(ProposalId.of("p-1"), "Add orders model")
      .write("models/orders.sql", "select id from raw.orders\n").build();
  public static final Proposal CUSTOMERS = Proposal.builder(ProposalId.of("p-2"), "Add customers model")
      .write("models/customers.sql", "select id from raw.customers\n").build();
  public static final Proposal REWORK = Proposal.builder(ProposalId.of("p-3"), "Rework orders")
      .write("models/orders.sql", "select id, amount from raw.orders\n").build();

  /** Who the lifecycle's lane changes are recorded as. */
  public static final Actor PLATINUR = Actor.of("platinur");
  public static final ServiceName API = ServiceName.of("api");
  public static final EnvironmentName DEV = EnvironmentName.of("dev");
  public static final EnvironmentName STAGING = EnvironmentName.of("staging");
  public static final EnvironmentName PROD = EnvironmentName.of("prod");

  private final GitLabPlatform gitlab;
  private final PrintStream out;
  private final TimeSource time;

  public GitLabLifecycle(GitLabPlatform gitlab, PrintStream out, TimeSource time) {
    this.gitlab = gitlab;
    this.out = out;
    this.time = time;
  }

  /** ADR-0034's path on GitLab: dev → staging on a green pipeline; prod with one approval, an hour of soak and a 30-minute canary. */
  public static PromotionPath path() {
    return PromotionPath.start(DEV)
        .then(STAGING, StepPolicy.automatic())
        .then(PROD, StepPolicy.builder().requiredApprovals(1).minimumSoak(Duration.ofHours(1))
            .canaryTimeout(Option.some(Duration.ofMinutes(30))).build())
        .buildOrThrow();
  }

  // ---- act one: the seed scenario --------------------------------------------------------------

  /** Stages two disjoint proposals and shows the overlap refusal; returns the staged head. */
  public CommitId stage(StagingLaneService lane, Supplier<CommitAuthor> author) {
    out.println("Act one: the seed scenario on GitLab.");
    lane.apply(ORDERS, author.get()).get();
    StagedProposal customers = lane.apply(CUSTOMERS, author.get()).get();
    out.println("  ✓ staged ‘Add orders model’ and ‘Add customers model’");
    out.println("  ✗ rejected: " + said(lane.apply(REWORK, author.get())));
    return customers.commit();
  }

  /** Opens the promotion merge request; the lane locks and says so in GitLab's words. */
  public PromotionPullRequest openPromotion(StagingLaneService lane, Supplier<CommitAuthor> author) {
    PromotionPullRequest mr = lane.openPromotionPr(PLATINUR).get();
    out.println("  ✓ promotion merge request !" + mr.number().value() + " opened at " + mr.headCommit().abbreviated()
        + mr.webUrl().map(url -> " (" + url + ")").getOrElse(""));
    out.println("  ✗ rejected: " + said(lane.apply(REWORK, author.get())));
    return mr;
  }

  /** Merges the promotion merge request in GitLab at exactly the staged head. */
  public CommitId merge(PromotionPullRequest mr) {
    CommitId merge = gitlab.pullRequests().merge(mr.number(), mr.headCommit()).get();
    out.println("  ✓ merged in GitLab as " + merge.abbreviated());
    return merge;
  }

  /** Sync Promotions: while main lacks the merge the lane stays locked; once it has it, the lane unlocks. */
  public SyncResult sync(StagingLaneService lane) {
    SyncResult synced = lane.syncPromotions(PLATINUR).get();
    out.println(synced.lane().lock().isLocked()
        ? "  … still locked: " + synced.notes().map(Object::toString).mkString("; ")
        : "  ✓ synced: the batch is deployed, staging is reset to main and unlocked");
    return synced;
  }

  private static String said(Either<? extends UseCaseFailure<?>, ?> outcome) {
    return outcome.fold(failure -> ForgeWords.GITLAB.say(failure.message()), ok -> "(accepted)");
  }

  // ---- act two: promote by digest ----------------------------------------------------------------

  /** Promote by digest on the GitOps repository {@code git} (the project's), with GitLab's merge requests, approvals, pipelines and deployments. */
  public DigestPromotionService digestPromotions(GitStaging git, BranchName main, CanaryAnalysis canary) {
    io.platinur.git.GitOpsRepository gitops = git.gitOps(main, PinLayout.standard());
    return DigestPromotionService.builder(gitops, gitlab, canary).path(path()).clock(time).backoff(io.platinur.port.RetryBackoff.none()).build();
  }

  /** Opens the merge request promoting api into {@code target}. */
  public DigestPromotion.PrOpen promote(DigestPromotionService digests, EnvironmentName target) {
    DigestPromotion.PrOpen open = ok(digests.promote(PromoteRequest.of(API, target), PLATINUR));
    out.println("  ✓ merge request !" + open.pr().value() + " promotes " + open.promotion().digest().abbreviated() + " of api into " + target);
    return open;
  }

  /** Sync: steps that merge by themselves (dev → staging, rollbacks) merge once their pipeline is green. */
  public PromotionSync syncDigests(DigestPromotionService digests) {
    PromotionSync synced = ok(digests.sync(PLATINUR));
    out.println("  ✓ synced");
    return synced;
  }

  /** Completes the step into {@code target}: merges when the gate passes, or judges the canary. */
  public Either<UseCaseFailure<CompleteRejection>, DigestPromotion> complete(DigestPromotionService digests, EnvironmentName target) {
    Either<UseCaseFailure<CompleteRejection>, DigestPromotion> done = digests.complete(new PromotionTarget(API, target), PLATINUR);
    String line = done.fold(failure -> "  ✗ " + failure.message(), promotion -> "  ✓ " + promotion.describe());
    out.println(line);
    return done;
  }

  private static <T> T ok(Either<? extends UseCaseFailure<?>, T> outcome) {
    return outcome.getOrElseThrow(failure -> new IllegalStateException(failure.message()));
  }

  /** The canary's verdict as a host reports it. */
  public static CanaryAnalysis canary(Supplier<CanaryVerdict> verdict) {
    return (target, digest) -> Either.right(verdict.get());
  }
}
