package io.platinur.domain.digest;

import io.platinur.domain.digest.DigestPromotion.Canary;
import io.platinur.domain.digest.DigestPromotion.Merged;
import io.platinur.domain.digest.DigestPromotion.PrOpen;
import io.platinur.domain.digest.DigestPromotion.Promoted;
import io.platinur.domain.digest.DigestPromotion.Proposed;
import io.platinur.domain.digest.DigestPromotion.RollingBack;
import io.platinur.domain.digest.PromoteRejection.AlreadyPinned;
import io.platinur.domain.digest.PromoteRejection.IntoFirstEnvironment;
import io.platinur.domain.digest.PromoteRejection.NotBuiltOnce;
import io.platinur.domain.digest.PromoteRejection.NotDeployedHealthy;
import io.platinur.domain.digest.PromoteRejection.NothingPinned;
import io.platinur.domain.digest.PromoteRejection.PromotionInProgress;
import io.platinur.domain.digest.PromoteRejection.SkipsAnEnvironment;
import io.platinur.domain.digest.PromotionEvent.CanaryStarted;
import io.platinur.domain.digest.PromotionEvent.PromotionCompleted;
import io.platinur.domain.digest.PromotionEvent.PromotionMerged;
import io.platinur.domain.digest.PromotionEvent.PromotionPrClosed;
import io.platinur.domain.digest.PromotionEvent.PromotionPrOpened;
import io.platinur.domain.digest.PromotionEvent.PromotionProposed;
import io.platinur.domain.digest.PromotionEvent.PromotionRolledBack;
import io.platinur.domain.digest.PromotionEvent.RollbackClosed;
import io.platinur.domain.digest.PromotionEvent.RollbackOpened;
import io.platinur.domain.digest.TargetRejection.UnknownEnvironment;
import io.platinur.domain.digest.TargetRejection.UnknownService;
import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.BranchName;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * The latest promotion of every target (service × environment) of one GitOps repository.
 *
 * <p>Commands decide: each returns its command's rejection or what it produced, and never changes
 * this value (it is immutable); {@link #after(Iterable)} folds events into the next value through
 * each state's own transitions. Observations (pins, deployment statuses, PR states, gate
 * decisions, canary verdicts, the time) come in as arguments.
 */
public final class DigestPromotions {
  private final SortedMap<PromotionTarget, DigestPromotion> latest;

  private DigestPromotions(SortedMap<PromotionTarget, DigestPromotion> latest) {
    this.latest = Objects.requireNonNull(latest, "latest");
  }

  public static DigestPromotions none() {
    return new DigestPromotions(TreeMap.empty());
  }

  /** Rebuilt from stored or re-derived states. */
  public static DigestPromotions restore(Iterable<DigestPromotion> promotions) {
    return new DigestPromotions(TreeMap.ofEntries(List.ofAll(promotions).map(p -> new io.vavr.Tuple2<>(p.target(), p))));
  }

  /** The latest promotion of every target that had one, sorted by service, then environment. */
  public SortedMap<PromotionTarget, DigestPromotion> latest() {
    return latest;
  }

  public Option<DigestPromotion> latest(PromotionTarget target) {
    return latest.get(target);
  }

  // ---- promote ------------------------------------------------------------------------------

  /**
   * Decide a promotion. In order: the target environment is on the path and not its first; a
   * named source is the one right before it (no skipping); the service is pinned somewhere; no
   * promotion of the target is unfinished; the source pins a digest; a named digest is that pin
   * (build once); the target does not pin it already; it is deployed healthy in the source.
   */
  public Either<PromoteRejection, Seq<PromotionEvent>> promote(
      PromotionPath path, Pins pins, Seq<DigestDeployment> deployments, PromoteRequest request) {
    PromotionTarget target = request.promotionTarget();
    return sourceOf(path, request)
        .flatMap(source -> knownService(pins, request.service()).map(known -> source))
        .flatMap(source -> notInProgress(target).map(free -> source))
        .flatMap(source -> pins.pin(source, request.service())
            .<Either<PromoteRejection, ImageDigest>>map(Either::right)
            .getOrElse(() -> Either.left(new NothingPinned(target, source)))
            .flatMap(sourcePin -> builtOnce(path, pins, target, source, sourcePin, request.digest()))
            .flatMap(digest -> pins.pin(target).contains(digest)
                ? Either.left(new AlreadyPinned(target, digest))
                : Either.right(digest))
            .flatMap(digest -> DeploymentHealth.healthySince(deployments, source, request.service(), digest).isDefined()
                ? Either.right(digest)
                : Either.left(new NotDeployedHealthy(target, source, digest, DeploymentHealth.latest(deployments, source, request.service()))))
            .map(digest -> List.of(new PromotionProposed(new Promotion(target, source, digest, pins.pin(target))))));
  }

  private static Either<PromoteRejection, EnvironmentName> sourceOf(PromotionPath path, PromoteRequest request) {
    EnvironmentName target = request.target();
    if (!path.contains(target)) {
      return Either.left(new UnknownEnvironment(target, path.toString()));
    }
    Option<EnvironmentName> source = path.source(target);
    if (source.isEmpty()) {
      return Either.left(new IntoFirstEnvironment(target));
    }
    Option<EnvironmentName> named = request.from();
    if (named.isDefined() && !path.contains(named.get())) {
      return Either.left(new UnknownEnvironment(named.get(), path.toString()));
    }
    return named.isDefined() && !named.get().equals(source.get())
        ? Either.left(new SkipsAnEnvironment(request.promotionTarget(), source.get(), named.get()))
        : Either.right(source.get());
  }

  private Either<PromoteRejection, ServiceName> knownService(Pins pins, ServiceName service) {
    return pins.services().contains(service) || latest.keySet().exists(t -> t.service().equals(service))
        ? Either.right(service)
        : Either.left(new UnknownService(service));
  }

  private Either<PromoteRejection, PromotionTarget> notInProgress(PromotionTarget target) {
    return latest.get(target).filter(promotion -> !promotion.isFinished())
        .<Either<PromoteRejection, PromotionTarget>>map(current -> Either.left(new PromotionInProgress(current)))
        .getOrElse(Either.right(target));
  }

  private static Either<PromoteRejection, ImageDigest> builtOnce(
      PromotionPath path, Pins pins, PromotionTarget target, EnvironmentName source, ImageDigest sourcePin, Option<ImageDigest> named) {
    if (named.isEmpty() || named.get().equals(sourcePin)) {
      return Either.right(sourcePin);
    }
    ImageDigest digest = named.get();
    Seq<EnvironmentName> before = path.environments().takeWhile(env -> !env.equals(source));
    Option<EnvironmentName> earlier = before.reverse().find(env -> pins.pin(env, target.service()).contains(digest));
    return Either.left(new NotBuiltOnce(target, source, digest, sourcePin, earlier));
  }

  // ---- observe (sync) -----------------------------------------------------------------------

  /**
   * What the forge's report of pull request {@code pr} means for {@code target}'s promotion: its
   * promotion PR opened, merged (then a canary starts, or the step completes) or closed; its revert
   * PR merged or closed. A report about another pull request, or one that changes nothing, gives
   * no events, so a sync can be repeated.
   */
  public Seq<PromotionEvent> observe(PromotionPath path, PromotionTarget target, PullRequestNumber pr, PullRequestState state, Instant now) {
    Option<DigestPromotion> current = latest.get(target);
    if (current.isEmpty()) {
      return List.empty();
    }
    return current.get().fold(
        proposed -> state.<Seq<PromotionEvent>>fold(
            open -> List.of(new PromotionPrOpened(target, pr)),
            closed -> List.of(new PromotionPrOpened(target, pr), new PromotionPrClosed(target, pr)),
            merged -> List.<PromotionEvent>of(new PromotionPrOpened(target, pr), new PromotionMerged(target, pr, merged.mergeCommit()))
                .appendAll(afterMerge(path, target, now))),
        open -> !open.pr().equals(pr) ? List.empty() : state.<Seq<PromotionEvent>>fold(
            stillOpen -> List.empty(),
            closed -> List.of(new PromotionPrClosed(target, pr)),
            merged -> List.<PromotionEvent>of(new PromotionMerged(target, pr, merged.mergeCommit())).appendAll(afterMerge(path, target, now))),
        merged -> List.empty(),
        canary -> List.empty(),
        promoted -> List.empty(),
        withdrawn -> List.empty(),
        rolling -> !rolling.revertPr().equals(pr) ? List.empty() : state.<Seq<PromotionEvent>>fold(
            stillOpen -> List.empty(),
            closed -> List.of(new RollbackClosed(target, pr)),
            merged -> List.of(new PromotionRolledBack(target, pr, merged.mergeCommit()))),
        rolled -> List.empty());
  }

  private static Seq<PromotionEvent> afterMerge(PromotionPath path, PromotionTarget target, Instant now) {
    boolean canary = path.policyFor(target.environment()).exists(policy -> policy.canaryTimeout().isDefined());
    return List.of(canary ? new CanaryStarted(target, now) : new PromotionCompleted(target));
  }

  // ---- repair (sync) ------------------------------------------------------------------------

  /**
   * The pull requests in {@code open} that come from a {@link PromotionBranch} into {@code gitops}
   * but that no promotion records as its open PR (or open revert PR): left behind by a host that
   * opened them and crashed before saving.
   */
  public Seq<UnrecordedPr> unrecorded(BranchName gitops, Seq<OpenPullRequest> open) {
    return open.filter(pr -> pr.base().equals(gitops))
        .flatMap(pr -> PromotionBranch.parse(pr.head()).map(branch -> new UnrecordedPr(branch, pr.number(), pr.headCommit())))
        .filter(pr -> !latest.get(pr.target()).exists(current -> recordsOpen(current, pr.pr())))
        .sortBy(pr -> pr.pr().value());
  }

  private static boolean recordsOpen(DigestPromotion current, PullRequestNumber pr) {
    return current.fold(
        proposed -> false,
        open -> open.pr().equals(pr),
        merged -> false,
        canary -> false,
        promoted -> false,
        withdrawn -> false,
        rolling -> rolling.revertPr().equals(pr),
        rolled -> false);
  }

  /**
   * Adopt an unrecorded PR as what it is, or say why it must be closed. A PR from a promotion
   * branch is the promotion {@link #promote} decides now for its target, adopted only when it
   * changes exactly the target's pin, to that decision's digest; a PR from a rollback branch is the
   * (requested) rollback {@link #rollback} plans now, adopted only when it changes exactly the pin,
   * back to the promotion's previous digest. Anything else is never merged: the answer is the note
   * to close it with.
   *
   * @param sourceStatuses the deployment statuses of the target's source environment
   * @param diff what the PR's head changes against the GitOps branch
   */
  public Either<UnrecordedPrNote, Seq<PromotionEvent>> adopt(
      PromotionPath path, PinLayout layout, Pins pins, Seq<DigestDeployment> sourceStatuses, UnrecordedPr pr, PromotionDiff diff) {
    PromotionTarget target = pr.target();
    RepoPath pinFile = layout.pinPath(target.environment(), target.service());
    return switch (pr.branch().kind()) {
      case PROMOTION -> promote(path, pins, sourceStatuses, PromoteRequest.of(target.service(), target.environment()))
          .<UnrecordedPrNote>mapLeft(rejection -> new UnrecordedPrNote.Refused(pr, rejection))
          .flatMap(events -> {
            ImageDigest digest = ((PromotionProposed) events.head()).promotion().digest();
            return diff.changesOnly(pinFile, Option.some(digest))
                ? Either.right(events.append(new PromotionPrOpened(target, pr.pr())))
                : Either.left(new UnrecordedPrNote.NotTheDecision(pr, pinFile, Option.some(digest)));
          });
      case ROLLBACK -> rollback(path, pins, target, RollbackReason.REQUESTED)
          .<UnrecordedPrNote>mapLeft(rejection -> new UnrecordedPrNote.Refused(pr, rejection))
          .flatMap(plan -> diff.changesOnly(pinFile, plan.promotion().previous())
              ? Either.right(List.<PromotionEvent>of(new RollbackOpened(target, pr.pr(), plan.reason())))
              : Either.left(new UnrecordedPrNote.NotTheDecision(pr, pinFile, plan.promotion().previous())));
    };
  }

  // ---- complete -----------------------------------------------------------------------------

  /**
   * Take the promotion one step towards done: merge its PR when the gate passed; start the canary
   * (or complete) once merged; complete when the canary passed, roll back when it failed or gave no
   * verdict within the step's timeout.
   *
   * @throws IllegalArgumentException when the evidence lacks what the state needs (the gate while
   *     the PR is open, the verdict while a canary runs): a caller's mistake, not a rule
   */
  public Either<CompleteRejection, CompletionStep> complete(
      PromotionPath path, PromotionTarget target, CompletionEvidence evidence, Instant now) {
    if (!path.contains(target.environment())) {
      return Either.left(new UnknownEnvironment(target.environment(), path.toString()));
    }
    Option<DigestPromotion> current = latest.get(target);
    if (current.isEmpty()) {
      return Either.left(new CompleteRejection.NoPromotion(target));
    }
    return current.get().fold(
        proposed -> Either.left(new CompleteRejection.NotYetOpened(target)),
        open -> evidence.gate()
            .getOrElseThrow(() -> new IllegalArgumentException("Completing an open promotion PR needs its gate decision."))
            .<Either<CompleteRejection, CompletionStep>>fold(
                passed -> Either.right(new CompletionStep.Merge(open)),
                blocked -> Either.left(new CompleteRejection.GateBlocked(target, open.pr(), blocked.failures()))),
        merged -> Either.right(new CompletionStep.Record(afterMerge(path, target, now))),
        canary -> judge(path, canary, evidence.canary()
            .getOrElseThrow(() -> new IllegalArgumentException("Completing a canary needs its verdict.")), now),
        promoted -> Either.left(new CompleteRejection.AlreadyComplete(target)),
        withdrawn -> Either.left(new CompleteRejection.NoPromotion(target)),
        rolling -> Either.left(new CompleteRejection.RollbackInProgress(target, rolling.revertPr())),
        rolled -> Either.left(new CompleteRejection.NoPromotion(target)));
  }

  private static Either<CompleteRejection, CompletionStep> judge(PromotionPath path, Canary canary, CanaryVerdict verdict, Instant now) {
    PromotionTarget target = canary.target();
    java.time.Duration timeout = path.policyFor(target.environment()).flatMap(StepPolicy::canaryTimeout)
        .getOrElse(java.time.Duration.ZERO);
    return CanaryJudgement.judge(canary.startedAt(), timeout, verdict, now).fold(
        pass -> Either.right(new CompletionStep.Record(List.of(new PromotionCompleted(target)))),
        wait -> Either.left(new CompleteRejection.CanaryRunning(target, wait.deadline())),
        rollBack -> Either.right(new CompletionStep.RollBack(
            new RollbackPlan(canary.promotion(), canary.pr(), canary.mergeCommit(), rollBack.reason()))));
  }

  // ---- rollback -----------------------------------------------------------------------------

  /** Plan the revert of {@code target}'s latest merged promotion. */
  public Either<RollbackRejection, RollbackPlan> rollback(PromotionPath path, Pins pins, PromotionTarget target, RollbackReason reason) {
    if (!path.contains(target.environment())) {
      return Either.left(new UnknownEnvironment(target.environment(), path.toString()));
    }
    Option<DigestPromotion> current = latest.get(target);
    if (current.isEmpty()) {
      return pins.services().contains(target.service()) || latest.keySet().exists(t -> t.service().equals(target.service()))
          ? Either.left(new RollbackRejection.NothingToRollBack(target, Option.none()))
          : Either.left(new UnknownService(target.service()));
    }
    return current.get().fold(
        proposed -> Either.left(new RollbackRejection.PromotionNotMerged(target, Option.none())),
        open -> Either.left(new RollbackRejection.PromotionNotMerged(target, Option.some(open.pr()))),
        merged -> Either.right(new RollbackPlan(merged.promotion(), merged.pr(), merged.mergeCommit(), reason)),
        canary -> Either.right(new RollbackPlan(canary.promotion(), canary.pr(), canary.mergeCommit(), reason)),
        promoted -> Either.right(new RollbackPlan(promoted.promotion(), promoted.pr(), promoted.mergeCommit(), reason)),
        withdrawn -> Either.left(new RollbackRejection.NothingToRollBack(target, current)),
        rolling -> Either.left(new RollbackRejection.RollbackAlreadyOpen(target, rolling.revertPr())),
        rolled -> Either.left(new RollbackRejection.NothingToRollBack(target, current)));
  }

  // ---- fold ---------------------------------------------------------------------------------

  /**
   * The promotions after {@code events}, each applied through the current state's own transition.
   *
   * @throws IllegalStateException when an event is illegal in the state it meets
   */
  public DigestPromotions after(Iterable<? extends PromotionEvent> events) {
    SortedMap<PromotionTarget, DigestPromotion> next = latest;
    for (PromotionEvent event : events) {
      Option<DigestPromotion> current = next.get(event.target());
      next = next.put(event.target(), event.accept(new Transition(current)));
    }
    return new DigestPromotions(next);
  }

  /** Applies one event to the state it meets, or refuses it as illegal there. */
  private static final class Transition implements PromotionEvent.Visitor<DigestPromotion> {
    private final Option<DigestPromotion> current;

    Transition(Option<DigestPromotion> current) {
      this.current = current;
    }

    @Override
    public DigestPromotion proposed(PromotionProposed event) {
      if (current.exists(promotion -> !promotion.isFinished())) {
        throw illegal(event);
      }
      return new Proposed(event.promotion());
    }

    @Override
    public DigestPromotion prOpened(PromotionPrOpened event) {
      return expect(Proposed.class, event).opened(event.pr());
    }

    @Override
    public DigestPromotion prClosed(PromotionPrClosed event) {
      return openPr(event, event.pr()).closedUnmerged();
    }

    @Override
    public DigestPromotion merged(PromotionMerged event) {
      return openPr(event, event.pr()).merged(event.mergeCommit());
    }

    @Override
    public DigestPromotion canaryStarted(CanaryStarted event) {
      return expect(Merged.class, event).canaryStarted(event.at());
    }

    @Override
    public DigestPromotion completed(PromotionCompleted event) {
      DigestPromotion state = current.getOrElseThrow(() -> illegal(event));
      if (state instanceof Merged merged) {
        return merged.promoted();
      }
      if (state instanceof Canary canary) {
        return canary.passed();
      }
      throw illegal(event);
    }

    @Override
    public DigestPromotion rollbackOpened(RollbackOpened event) {
      DigestPromotion state = current.getOrElseThrow(() -> illegal(event));
      if (state instanceof Merged merged) {
        return merged.rollbackOpened(event.revertPr(), event.reason());
      }
      if (state instanceof Canary canary) {
        return canary.rollbackOpened(event.revertPr(), event.reason());
      }
      if (state instanceof Promoted promoted) {
        return promoted.rollbackOpened(event.revertPr(), event.reason());
      }
      throw illegal(event);
    }

    @Override
    public DigestPromotion rollbackClosed(RollbackClosed event) {
      return revertPr(event, event.revertPr()).revertClosedUnmerged();
    }

    @Override
    public DigestPromotion rolledBack(PromotionRolledBack event) {
      return revertPr(event, event.revertPr()).reverted(event.revertCommit());
    }

    private PrOpen openPr(PromotionEvent event, PullRequestNumber pr) {
      PrOpen open = expect(PrOpen.class, event);
      if (!open.pr().equals(pr)) {
        throw illegal(event);
      }
      return open;
    }

    private RollingBack revertPr(PromotionEvent event, PullRequestNumber pr) {
      RollingBack rolling = expect(RollingBack.class, event);
      if (!rolling.revertPr().equals(pr)) {
        throw illegal(event);
      }
      return rolling;
    }

    private <S extends DigestPromotion> S expect(Class<S> state, PromotionEvent event) {
      return current.filter(state::isInstance).map(state::cast).getOrElseThrow(() -> illegal(event));
    }

    private IllegalStateException illegal(PromotionEvent event) {
      return new IllegalStateException(event + " is illegal in state " + current.map(DigestPromotion::describe).getOrElse("none"));
    }
  }
}
