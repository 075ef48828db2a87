package io.platinur.domain.digest;

import io.platinur.domain.digest.DigestPromotion.Proposed;
import io.platinur.domain.digest.DigestPromotionEvent.CanaryStarted;
import io.platinur.domain.digest.DigestPromotionEvent.DigestPrClosed;
import io.platinur.domain.digest.DigestPromotionEvent.DigestPrMerged;
import io.platinur.domain.digest.DigestPromotionEvent.DigestPrOpened;
import io.platinur.domain.digest.DigestPromotionEvent.PromotionCompleted;
import io.platinur.domain.digest.DigestPromotionEvent.PromotionProposed;
import io.platinur.domain.digest.DigestPromotionEvent.PromotionRolledBack;
import io.platinur.domain.digest.DigestPromotionEvent.RollbackClosed;
import io.platinur.domain.digest.DigestPromotionEvent.RollbackOpened;
import io.platinur.domain.digest.PromoteRejection.AlreadyPinned;
import io.platinur.domain.digest.PromoteRejection.BadPinFile;
import io.platinur.domain.digest.PromoteRejection.IntoFirstEnvironment;
import io.platinur.domain.digest.PromoteRejection.IntoItself;
import io.platinur.domain.digest.PromoteRejection.NotBuiltOnce;
import io.platinur.domain.digest.PromoteRejection.NotDeployedHealthy;
import io.platinur.domain.digest.PromoteRejection.NothingPinned;
import io.platinur.domain.digest.PromoteRejection.PromotionInProgress;
import io.platinur.domain.digest.PromoteRejection.SkipsAnEnvironment;
import io.platinur.domain.digest.TargetRejection.UnknownEnvironment;
import io.platinur.domain.digest.TargetRejection.UnknownService;
import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.BranchName;
import io.vavr.Tuple;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The latest promotion of every target (service × environment) of one GitOps repository, on its
 * {@link PromotionPath}.
 *
 * <p>Commands decide once: each returns its own command's rejection or a typed result that carries
 * what the caller does next ({@link PromoteAccepted}, {@link CompletionNeed}, {@link
 * RollbackAccepted}, {@link GateQuestion}), and never changes this value (it is immutable). {@link
 * #after(Iterable)} folds events into the next value through each state's own transitions, and
 * answers an event illegal where it lands as an {@link IllegalPromotionEvent}. Observations (pins,
 * deployment statuses, PR states, gate decisions, canary verdicts, the time) come in as arguments.
 */
public final class DigestPromotions {
  private final PromotionPath path;
  private final SortedMap<PromotionTarget, DigestPromotion> latest;

  private DigestPromotions(PromotionPath path, SortedMap<PromotionTarget, DigestPromotion> latest) {
    this.path = Objects.requireNonNull(path, "path");
    this.latest = Objects.requireNonNull(latest, "latest");
  }

  /** No promotion yet, on {@code path}. */
  public static DigestPromotions none(PromotionPath path) {
    return new DigestPromotions(path, TreeMap.empty());
  }

  /** Rebuilt from stored or re-derived states, on {@code path}. */
  public static DigestPromotions restore(PromotionPath path, Iterable<DigestPromotion> promotions) {
    return new DigestPromotions(path, TreeMap.ofEntries(List.ofAll(promotions).map(p -> Tuple.of(p.target(), p))));
  }

  public PromotionPath path() {
    return path;
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
   * named source is the one right before it (never the target itself: no skipping); the service has
   * a values file somewhere; no promotion of the target is unfinished; the source's values file
   * reads and pins a digest; a named digest is that pin (build once); the target does not pin it
   * already; it is deployed healthy in the source ({@code sourceStatuses}); the target's values
   * file reads.
   */
  public Either<PromoteRejection, PromoteAccepted> promote(PinReading pins, Seq<DigestDeployment> sourceStatuses, PromoteRequest request) {
    PromotionTarget target = request.promotionTarget();
    ServiceName service = request.service();
    return sourceOf(request)
        .flatMap(source -> pins.knows(service, path.environments()) || latest.keySet().exists(t -> t.service().equals(service))
            ? Either.<PromoteRejection, EnvironmentName>right(source)
            : Either.left(new UnknownService(service)))
        .flatMap(source -> latest.get(target).filter(current -> !current.isFinished())
            .<Either<PromoteRejection, EnvironmentName>>map(current -> Either.left(new PromotionInProgress(current)))
            .getOrElse(Either.right(source)))
        .flatMap(source -> sourcePin(pins, target, source)
            .flatMap(sourcePin -> builtOnce(pins.pins(), target, source, sourcePin, request.digest()))
            .flatMap(digest -> pins.pins().pin(target).contains(digest)
                ? Either.left(new AlreadyPinned(target, digest))
                : Either.right(digest))
            .flatMap(digest -> DeploymentHealth.healthySince(sourceStatuses, source, service, digest).isDefined()
                ? Either.right(digest)
                : Either.left(new NotDeployedHealthy(target, source, digest, DeploymentHealth.latest(sourceStatuses, source, service))))
            .flatMap(digest -> pins.problem(target.environment(), service)
                .<Either<PromoteRejection, PromoteAccepted>>map(problem -> Either.left(new BadPinFile(problem)))
                .getOrElse(() -> Either.right(new PromoteAccepted(new Promotion(target, source, digest, pins.pins().pin(target)),
                    pins.pinFile(target.environment(), service), pins.layout().key())))));
  }

  private Either<PromoteRejection, EnvironmentName> sourceOf(PromoteRequest request) {
    EnvironmentName target = request.target();
    if (!path.contains(target)) {
      return Either.left(new UnknownEnvironment(target, path.toString()));
    }
    return path.source(target).<Either<PromoteRejection, EnvironmentName>>map(Either::right)
        .getOrElse(() -> Either.left(new IntoFirstEnvironment(target)))
        .flatMap(source -> request.from().<Either<PromoteRejection, EnvironmentName>>map(named -> !path.contains(named)
                ? Either.left(new UnknownEnvironment(named, path.toString()))
                : named.equals(target) ? Either.left(new IntoItself(target, source))
                : !named.equals(source) ? Either.left(new SkipsAnEnvironment(request.promotionTarget(), source, named))
                : Either.right(source))
            .getOrElse(Either.right(source)));
  }

  /** The source's pin; a values file that does not read is named with what is wrong, never taken for no pin. */
  private static Either<PromoteRejection, ImageDigest> sourcePin(PinReading pins, PromotionTarget target, EnvironmentName source) {
    return pins.pins().pin(source, target.service()).<Either<PromoteRejection, ImageDigest>>map(Either::right)
        .getOrElse(() -> Either.left(pins.problem(source, target.service())
            .<PromoteRejection>map(BadPinFile::new)
            .getOrElse(() -> new NothingPinned(target, source))));
  }

  private Either<PromoteRejection, ImageDigest> builtOnce(
      Pins pins, PromotionTarget target, EnvironmentName source, ImageDigest sourcePin, Option<ImageDigest> named) {
    return named.filter(digest -> !digest.equals(sourcePin))
        .<Either<PromoteRejection, ImageDigest>>map(digest -> Either.left(new NotBuiltOnce(target, source, digest, sourcePin,
            path.environments().takeWhile(env -> !env.equals(source)).reverse()
                .find(env -> pins.pin(env, target.service()).contains(digest)))))
        .getOrElse(Either.right(sourcePin));
  }

  // ---- the board ----------------------------------------------------------------------------

  /**
   * What each next step (every service × every environment after the first) waits for: its
   * unfinished promotion's state, the exact message {@link #promote} would refuse it with, or
   * {@code ready: <digest> from <source>}. {@code statuses} are the deployment statuses of every
   * environment a step comes from.
   */
  public SortedMap<PromotionTarget, String> nextSteps(PinReading pins, Seq<DigestDeployment> statuses) {
    return TreeMap.ofEntries(pins.pins().services().toList()
        .flatMap(service -> path.environments().tail().map(env -> new PromotionTarget(service, env)))
        .map(step -> Tuple.of(step, latest.get(step).filter(promotion -> !promotion.isFinished())
            .map(DigestPromotion::describe)
            .getOrElse(() -> promote(pins, statuses, PromoteRequest.of(step.service(), step.environment())).fold(
                DigestPromotionRejection::message,
                accepted -> "ready: " + accepted.promotion().digest().abbreviated() + " from " + accepted.promotion().from())))));
  }

  // ---- observe (sync) -----------------------------------------------------------------------

  /**
   * What the forge's report of pull request {@code pr} means for {@code target}'s promotion: its
   * promotion PR opened, merged (then a canary starts, or the step completes) or closed; its revert
   * PR merged or closed. A report about another pull request, or one that changes nothing, gives
   * no events, so a sync can be repeated.
   */
  public Seq<DigestPromotionEvent> observe(PromotionTarget target, PullRequestNumber pr, PullRequestState state, Instant now) {
    return latest.get(target).map(current -> observed(path, current, pr, state, now)).getOrElse(List.empty());
  }

  static Seq<DigestPromotionEvent> observed(PromotionPath path, DigestPromotion current, PullRequestNumber pr, PullRequestState state, Instant now) {
    PromotionTarget target = current.target();
    return current.fold(
        proposed -> state.<Seq<DigestPromotionEvent>>fold(
            open -> List.of(new DigestPrOpened(target, pr)),
            closed -> List.of(new DigestPrOpened(target, pr), new DigestPrClosed(target, pr)),
            merged -> List.<DigestPromotionEvent>of(new DigestPrOpened(target, pr), new DigestPrMerged(target, pr, merged.mergeCommit()))
                .appendAll(afterMerge(path, target, now))),
        open -> !open.pr().equals(pr) ? List.empty() : state.<Seq<DigestPromotionEvent>>fold(
            stillOpen -> List.empty(),
            closed -> List.of(new DigestPrClosed(target, pr)),
            merged -> List.<DigestPromotionEvent>of(new DigestPrMerged(target, pr, merged.mergeCommit())).appendAll(afterMerge(path, target, now))),
        merged -> List.empty(),
        canary -> List.empty(),
        promoted -> List.empty(),
        withdrawn -> List.empty(),
        rolling -> !rolling.revertPr().equals(pr) ? List.empty() : state.<Seq<DigestPromotionEvent>>fold(
            stillOpen -> List.empty(),
            closed -> List.of(new RollbackClosed(target, pr)),
            merged -> List.of(new PromotionRolledBack(target, pr, merged.mergeCommit()))),
        rolled -> List.empty());
  }

  /** Once a promotion PR merged: its canary starts now, or, on a step without one, it is complete. */
  static Seq<DigestPromotionEvent> afterMerge(PromotionPath path, PromotionTarget target, Instant now) {
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
        .filter(pr -> !latest.get(pr.target()).exists(current -> current.openPr().contains(pr.pr())))
        .sortBy(pr -> pr.pr().value());
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
  public Either<UnrecordedPrNote, Seq<DigestPromotionEvent>> adopt(
      PinReading pins, Seq<DigestDeployment> sourceStatuses, UnrecordedPr pr, PromotionDiff diff) {
    PromotionTarget target = pr.target();
    RepoPath pinFile = pins.pinFile(target.environment(), target.service());
    return switch (pr.branch().kind()) {
      case PROMOTION -> promote(pins, sourceStatuses, PromoteRequest.of(target.service(), target.environment()))
          .<UnrecordedPrNote>mapLeft(rejection -> new UnrecordedPrNote.Refused(pr, rejection))
          .flatMap(accepted -> diff.changesOnly(pinFile, Option.some(accepted.promotion().digest()))
              ? Either.right(accepted.events(pr.pr()))
              : Either.left(new UnrecordedPrNote.NotTheDecision(pr, pinFile, Option.some(accepted.promotion().digest()))));
      case ROLLBACK -> rollback(pins.pins(), target, RollbackReason.REQUESTED)
          .<UnrecordedPrNote>mapLeft(rejection -> new UnrecordedPrNote.Refused(pr, rejection))
          .flatMap(accepted -> diff.changesOnly(pinFile, accepted.plan().promotion().previous())
              ? Either.right(accepted.events(pr.pr()))
              : Either.left(new UnrecordedPrNote.NotTheDecision(pr, pinFile, accepted.plan().promotion().previous())));
    };
  }

  // ---- complete -----------------------------------------------------------------------------

  /**
   * Take {@code target}'s promotion one step towards done, as a person asks: an open promotion PR
   * needs its {@linkplain CompletionNeed.Gate gate} (merge when it passes); a merged one starts its
   * canary (or completes) now; a canary needs its {@linkplain CompletionNeed.Verdict verdict}
   * (complete when it passed, roll back when it failed or gave none within the step's timeout).
   */
  public Either<CompleteRejection, CompletionNeed> complete(PromotionTarget target, Instant now) {
    if (!path.contains(target.environment())) {
      return Either.left(new UnknownEnvironment(target.environment(), path.toString()));
    }
    return latest.get(target).<Either<CompleteRejection, CompletionNeed>>map(current -> current.fold(
            proposed -> Either.left(new CompleteRejection.NotYetOpened(target)),
            open -> Either.right(new CompletionNeed.Gate(path, open, promotionGate(open))),
            merged -> Either.right(new CompletionNeed.Nothing(target, new CompletionStep.Record(afterMerge(path, target, now)))),
            canary -> Either.right(new CompletionNeed.Verdict(path, canary)),
            promoted -> Either.left(new CompleteRejection.AlreadyComplete(target)),
            withdrawn -> Either.left(new CompleteRejection.NoPromotion(target)),
            rolling -> Either.left(new CompleteRejection.RollbackInProgress(target, rolling.revertPr())),
            rolled -> Either.left(new CompleteRejection.NoPromotion(target))))
        .getOrElse(() -> Either.left(new CompleteRejection.NoPromotion(target)));
  }

  /**
   * Complete again, after this command's earlier attempt decided on {@code earlier} and then lost
   * the race to save: when {@code target}'s promotion has moved on from {@code earlier} since (that
   * attempt's merge saved after all, or another host's merge, judgement or rollback), the step is
   * {@linkplain CompletionStep.AlreadyDone already done}; otherwise it is decided anew.
   */
  public Either<CompleteRejection, CompletionNeed> completeAgain(PromotionTarget target, DigestPromotion earlier, Instant now) {
    return movedOn(target, earlier)
        .<Either<CompleteRejection, CompletionNeed>>map(current -> Either.right(new CompletionNeed.Nothing(target, new CompletionStep.AlreadyDone(current))))
        .getOrElse(() -> complete(target, now));
  }

  /**
   * {@code target}'s promotion now, when it has moved on from {@code earlier} (the state an earlier
   * attempt of a command decided on, before its save lost a race): that attempt's work was done
   * after all, by itself or by another host, and is not done twice.
   */
  public Option<DigestPromotion> movedOn(PromotionTarget target, DigestPromotion earlier) {
    return latest.get(target).filter(current -> current.movedOnFrom(earlier));
  }

  // ---- sync ---------------------------------------------------------------------------------

  /**
   * What a sync must observe to move {@code target}'s promotion on by itself: the state of an open
   * promotion or revert PR, with its gate when the step {@linkplain StepPolicy#mergesAutomatically()
   * merges automatically}; the verdict of a canary. None when nothing moves without a person.
   */
  public Option<CompletionNeed> sync(PromotionTarget target) {
    return latest.get(target).flatMap(current -> current.<Option<CompletionNeed>>fold(
        proposed -> Option.none(),
        open -> Option.some(policyFor(target).mergesAutomatically()
            ? new CompletionNeed.Gate(path, open, promotionGate(open))
            : new CompletionNeed.PrState(path, open, open.pr())),
        merged -> Option.none(),
        canary -> Option.some(new CompletionNeed.Verdict(path, canary)),
        promoted -> Option.none(),
        withdrawn -> Option.none(),
        rolling -> Option.some(path.rollbackPolicy().mergesAutomatically()
            ? new CompletionNeed.Gate(path, rolling, rollbackGate(rolling))
            : new CompletionNeed.PrState(path, rolling, rolling.revertPr())),
        rolled -> Option.none()));
  }

  // ---- evaluate -----------------------------------------------------------------------------

  /**
   * The gate of {@code target}'s open promotion PR (under its step's policy), or of its open revert
   * PR (under the rollback policy); a canary has its gate behind it and says so, with its deadline.
   */
  public Either<EvaluateRejection, GateQuestion> gate(PromotionTarget target) {
    if (!path.contains(target.environment())) {
      return Either.left(new UnknownEnvironment(target.environment(), path.toString()));
    }
    EvaluateRejection none = new CompleteRejection.NoPromotion(target);
    return latest.get(target).<Either<EvaluateRejection, GateQuestion>>map(current -> current.fold(
            proposed -> Either.left(none),
            open -> Either.right(promotionGate(open)),
            merged -> Either.left(none),
            canary -> Either.left(new EvaluateRejection.InCanary(target, canary.pr(), canary.startedAt(),
                canary.startedAt().plus(policyFor(target).canaryTimeout().getOrElse(Duration.ZERO)))),
            promoted -> Either.left(none),
            withdrawn -> Either.left(none),
            rolling -> Either.right(rollbackGate(rolling)),
            rolled -> Either.left(none)))
        .getOrElse(() -> Either.left(none));
  }

  private GateQuestion promotionGate(DigestPromotion.PrOpen open) {
    return new GateQuestion(open.promotion(), open.pr(), PromotionBranch.Kind.PROMOTION, policyFor(open.target()),
        Option.some(open.promotion().digest()));
  }

  private GateQuestion rollbackGate(DigestPromotion.RollingBack rolling) {
    return new GateQuestion(rolling.promotion(), rolling.revertPr(), PromotionBranch.Kind.ROLLBACK, path.rollbackPolicy(),
        rolling.promotion().previous());
  }

  private StepPolicy policyFor(PromotionTarget target) {
    return path.policyFor(target.environment()).getOrElse(StepPolicy.automatic());
  }

  // ---- rollback -----------------------------------------------------------------------------

  /** Plan the revert of {@code target}'s latest merged promotion. */
  public Either<RollbackRejection, RollbackAccepted> rollback(Pins pins, PromotionTarget target, RollbackReason reason) {
    if (!path.contains(target.environment())) {
      return Either.left(new UnknownEnvironment(target.environment(), path.toString()));
    }
    Option<DigestPromotion> current = latest.get(target);
    RollbackRejection nothing = new RollbackRejection.NothingToRollBack(target, current);
    return current.<Either<RollbackRejection, RollbackAccepted>>map(promotion -> promotion.revertible()
            .<Either<RollbackRejection, RollbackAccepted>>map(revertible -> Either.right(new RollbackAccepted(revertible, reason)))
            .getOrElse(() -> Either.left(promotion.fold(
                proposed -> new RollbackRejection.PromotionNotMerged(target, Option.none()),
                open -> new RollbackRejection.PromotionNotMerged(target, Option.some(open.pr())),
                merged -> nothing,
                canary -> nothing,
                promoted -> nothing,
                withdrawn -> nothing,
                rolling -> new RollbackRejection.RollbackAlreadyOpen(target, rolling.revertPr()),
                rolled -> nothing))))
        .getOrElse(() -> Either.left(pins.services().contains(target.service()) || latest.keySet().exists(t -> t.service().equals(target.service()))
            ? nothing
            : new UnknownService(target.service())));
  }

  // ---- fold ---------------------------------------------------------------------------------

  /**
   * The promotions after {@code events}, decided on {@code decidedOn}, applied to this newer state
   * instead: services are independent, so a change whose targets no change since {@code decidedOn}
   * touched stands as it was decided. None when one of its targets moved meanwhile (or the events do
   * not fit here): the change must be decided again on this state.
   */
  public Option<DigestPromotions> rebase(DigestPromotions decidedOn, Iterable<? extends DigestPromotionEvent> events) {
    Seq<DigestPromotionEvent> changes = List.ofAll(events);
    boolean untouched = changes.map(DigestPromotionEvent::target).distinct()
        .forAll(target -> latest.get(target).equals(decidedOn.latest.get(target)));
    return untouched ? after(changes).toOption() : Option.none();
  }

  /**
   * The promotions after {@code events}, each applied through the current state's own transition;
   * the first event illegal where it lands is the answer instead.
   */
  public Either<IllegalPromotionEvent, DigestPromotions> after(Iterable<? extends DigestPromotionEvent> events) {
    return List.<DigestPromotionEvent>ofAll(events).foldLeft(Either.<IllegalPromotionEvent, SortedMap<PromotionTarget, DigestPromotion>>right(latest),
            (next, event) -> next.flatMap(promotions -> event.accept(new Transition(promotions.get(event.target())))
                .map(moved -> promotions.put(event.target(), moved))))
        .map(next -> new DigestPromotions(path, next));
  }

  /** Applies one event to the state it meets, or refuses it as illegal there. */
  private static final class Transition implements DigestPromotionEvent.Visitor<Either<IllegalPromotionEvent, DigestPromotion>> {
    private final Option<DigestPromotion> current;

    Transition(Option<DigestPromotion> current) {
      this.current = current;
    }

    @Override
    public Either<IllegalPromotionEvent, DigestPromotion> proposed(PromotionProposed event) {
      return current.exists(promotion -> !promotion.isFinished()) ? illegal(event) : Either.right(new Proposed(event.promotion()));
    }

    @Override
    public Either<IllegalPromotionEvent, DigestPromotion> prOpened(DigestPrOpened event) {
      return in(event, state -> state.fold(
          proposed -> Either.right(proposed.opened(event.pr())),
          open -> illegal(event), merged -> illegal(event), canary -> illegal(event), promoted -> illegal(event),
          withdrawn -> illegal(event), rolling -> illegal(event), rolled -> illegal(event)));
    }

    @Override
    public Either<IllegalPromotionEvent, DigestPromotion> prClosed(DigestPrClosed event) {
      return in(event, state -> state.fold(
          proposed -> illegal(event),
          open -> open.pr().equals(event.pr()) ? Either.right(open.closedUnmerged()) : illegal(event),
          merged -> illegal(event), canary -> illegal(event), promoted -> illegal(event),
          withdrawn -> illegal(event), rolling -> illegal(event), rolled -> illegal(event)));
    }

    @Override
    public Either<IllegalPromotionEvent, DigestPromotion> prMerged(DigestPrMerged event) {
      return in(event, state -> state.fold(
          proposed -> illegal(event),
          open -> open.pr().equals(event.pr()) ? Either.right(open.merged(event.mergeCommit())) : illegal(event),
          merged -> illegal(event), canary -> illegal(event), promoted -> illegal(event),
          withdrawn -> illegal(event), rolling -> illegal(event), rolled -> illegal(event)));
    }

    @Override
    public Either<IllegalPromotionEvent, DigestPromotion> canaryStarted(CanaryStarted event) {
      return in(event, state -> state.fold(
          proposed -> illegal(event), open -> illegal(event),
          merged -> Either.right(merged.canaryStarted(event.at())),
          canary -> illegal(event), promoted -> illegal(event),
          withdrawn -> illegal(event), rolling -> illegal(event), rolled -> illegal(event)));
    }

    @Override
    public Either<IllegalPromotionEvent, DigestPromotion> completed(PromotionCompleted event) {
      return in(event, state -> state.fold(
          proposed -> illegal(event), open -> illegal(event),
          merged -> Either.right(merged.promoted()),
          canary -> Either.right(canary.passed()),
          promoted -> illegal(event), withdrawn -> illegal(event), rolling -> illegal(event), rolled -> illegal(event)));
    }

    @Override
    public Either<IllegalPromotionEvent, DigestPromotion> rollbackOpened(RollbackOpened event) {
      return in(event, state -> state.revertible()
          .<Either<IllegalPromotionEvent, DigestPromotion>>map(revertible -> Either.right(revertible.rollbackOpened(event.revertPr(), event.reason())))
          .getOrElse(() -> illegal(event)));
    }

    @Override
    public Either<IllegalPromotionEvent, DigestPromotion> rollbackClosed(RollbackClosed event) {
      return in(event, state -> state.fold(
          proposed -> illegal(event), open -> illegal(event), merged -> illegal(event), canary -> illegal(event),
          promoted -> illegal(event), withdrawn -> illegal(event),
          rolling -> rolling.revertPr().equals(event.revertPr()) ? Either.right(rolling.revertClosedUnmerged()) : illegal(event),
          rolled -> illegal(event)));
    }

    @Override
    public Either<IllegalPromotionEvent, DigestPromotion> rolledBack(PromotionRolledBack event) {
      return in(event, state -> state.fold(
          proposed -> illegal(event), open -> illegal(event), merged -> illegal(event), canary -> illegal(event),
          promoted -> illegal(event), withdrawn -> illegal(event),
          rolling -> rolling.revertPr().equals(event.revertPr()) ? Either.right(rolling.reverted(event.revertCommit())) : illegal(event),
          rolled -> illegal(event)));
    }

    /** The transition from the current state; an event about a target with no promotion is illegal. */
    private Either<IllegalPromotionEvent, DigestPromotion> in(
        DigestPromotionEvent event, java.util.function.Function<DigestPromotion, Either<IllegalPromotionEvent, DigestPromotion>> transition) {
      return current.map(transition).getOrElse(() -> illegal(event));
    }

    private Either<IllegalPromotionEvent, DigestPromotion> illegal(DigestPromotionEvent event) {
      return Either.left(new IllegalPromotionEvent(event, current.map(DigestPromotion::describe).getOrElse("no promotion")));
    }
  }
}
