package io.platinur.application.digest;

import io.platinur.application.lane.StagingLaneService;
import io.platinur.domain.InvalidValueException;
import io.platinur.domain.digest.CompleteRejection;
import io.platinur.domain.digest.CompletionEvidence;
import io.platinur.domain.digest.DigestDeployment;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotions;
import io.platinur.domain.digest.EnvironmentDrift;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.Promotion;
import io.platinur.domain.digest.PromotionBranch;
import io.platinur.domain.digest.PromotionEvent.PromotionPrOpened;
import io.platinur.domain.digest.PromotionEvent.PromotionProposed;
import io.platinur.domain.digest.PromotionEvent.RollbackOpened;
import io.platinur.domain.digest.PromotionEvent;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackPlan;
import io.platinur.domain.digest.RollbackReason;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.digest.StepDecision;
import io.platinur.domain.digest.StepEvidence;
import io.platinur.domain.digest.StepGate;
import io.platinur.domain.digest.StepPolicy;
import io.platinur.domain.digest.UnrecordedPr;
import io.platinur.domain.digest.UnrecordedPrNote;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.gate.CiResult;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.CanaryAnalysis;
import io.platinur.port.ContinuousIntegration;
import io.platinur.port.DigestDeployments;
import io.platinur.port.DigestPromotionStore.Stored;
import io.platinur.port.DigestPromotionStore;
import io.platinur.port.OpenPullRequests;
import io.platinur.port.PinBranches;
import io.platinur.port.PinSnapshot;
import io.platinur.port.PinnedDigests;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import io.platinur.port.PullRequestReviews;
import io.platinur.port.RetryBackoff;
import io.platinur.port.TimeSource;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * The use cases of promote by digest (ADR-0034): the board, promote, evaluate a step's gate,
 * complete, sync and rollback — in the style of {@link StagingLaneService}.
 *
 * <p>Every call reads fresh state (the store, the pins on the GitOps branch, the PR and its
 * evidence), asks the pure {@link DigestPromotions} to decide, does the I/O the decision asks for
 * (write a branch, open or merge a PR), and saves the new state by compare-and-swap. A writer that
 * loses the race reads and decides again, up to a bounded number of attempts; the I/O it did is
 * safe to repeat (a branch with the same change, the PR already open between the same branches, a
 * merge of a merged PR), so two hosts promoting the same service to the same environment at once
 * end with one PR and one promotion. A rejected call changes nothing.
 *
 * <p>Steps whose policy {@linkplain StepPolicy#mergesAutomatically() merges automatically} (dev →
 * staging on green CI, rollbacks) are merged by {@link #sync}; the others by {@link #complete}.
 */
public final class DigestPromotionService {
  private static final int DEFAULT_ATTEMPTS = 8;

  /**
   * The ports the use cases drive. {@code openPullRequests} lists the forge's open PRs once per
   * sync, to find promotion and rollback PRs that a crashed host opened but never recorded.
   */
  public record Ports(
      PinnedDigests pins,
      PinBranches branches,
      PullRequestHost pullRequests,
      OpenPullRequests openPullRequests,
      PullRequestReviews reviews,
      ContinuousIntegration ci,
      DigestDeployments deployments,
      CanaryAnalysis canary,
      DigestPromotionStore store) {
    public Ports {
      Objects.requireNonNull(pins, "pins");
      Objects.requireNonNull(branches, "branches");
      Objects.requireNonNull(pullRequests, "pullRequests");
      Objects.requireNonNull(openPullRequests, "openPullRequests");
      Objects.requireNonNull(reviews, "reviews");
      Objects.requireNonNull(ci, "ci");
      Objects.requireNonNull(deployments, "deployments");
      Objects.requireNonNull(canary, "canary");
      Objects.requireNonNull(store, "store");
    }
  }

  private final PromotionPath path;
  private final PinLayout layout;
  private final BranchName gitopsBranch;
  private final Ports ports;
  private final TimeSource time;
  private final int maxAttempts;
  private final RetryBackoff backoff;

  public DigestPromotionService(PromotionPath path, PinLayout layout, BranchName gitopsBranch, Ports ports, TimeSource time) {
    this(path, layout, gitopsBranch, ports, time, DEFAULT_ATTEMPTS, RetryBackoff.none());
  }

  private DigestPromotionService(
      PromotionPath path, PinLayout layout, BranchName gitopsBranch, Ports ports, TimeSource time, int maxAttempts, RetryBackoff backoff) {
    this.path = Objects.requireNonNull(path, "path");
    this.layout = Objects.requireNonNull(layout, "layout");
    this.gitopsBranch = Objects.requireNonNull(gitopsBranch, "gitopsBranch");
    this.ports = Objects.requireNonNull(ports, "ports");
    this.time = Objects.requireNonNull(time, "time");
    if (maxAttempts < 1) {
      throw new InvalidValueException("At least one attempt is needed, got " + maxAttempts + ".");
    }
    this.maxAttempts = maxAttempts;
    this.backoff = Objects.requireNonNull(backoff, "backoff");
  }

  /** The same service, giving up after {@code attempts} lost compare-and-swap races (default 8). */
  public DigestPromotionService withMaxAttempts(int attempts) {
    return new DigestPromotionService(path, layout, gitopsBranch, ports, time, attempts, backoff);
  }

  /**
   * The same service, waiting as {@code retryBackoff} says before each retry after a lost
   * compare-and-swap race (default {@link RetryBackoff#none()}: retry at once); hosts promoting
   * from several machines pass {@code GitStaging.retryBackoff()}.
   */
  public DigestPromotionService withBackoff(RetryBackoff retryBackoff) {
    return new DigestPromotionService(path, layout, gitopsBranch, ports, time, maxAttempts, retryBackoff);
  }

  public PromotionPath path() {
    return path;
  }

  // ---- reading ------------------------------------------------------------------------------

  /** The latest promotion of every target. */
  public Either<PromotionFailure, DigestPromotions> promotions() {
    return unavailable(ports.store().load()).map(stored -> stored.map(Stored::promotions).getOrElse(DigestPromotions.none()));
  }

  /**
   * The board: pins, platform versions, promotions, what every next step waits for, and the files
   * other than values overlays that differ between environment directories (drift).
   */
  public Either<PromotionFailure, PromotionBoard> board() {
    return promotions().flatMap(promotions -> unavailable(ports.pins().current()).flatMap(snapshot ->
        unavailable(ports.pins().environmentFiles(snapshot.commit(), path.environments())).flatMap(files -> {
      SortedMap<EnvironmentName, String> versions =
          TreeMap.ofEntries(path.environments().map(env -> new io.vavr.Tuple2<>(env, snapshot.pins().manifest(env).version())));
      SortedMap<PromotionTarget, String> next = TreeMap.empty();
      for (ServiceName service : snapshot.pins().services()) {
        for (EnvironmentName target : path.environments().tail()) {
          PromotionTarget step = new PromotionTarget(service, target);
          Option<DigestPromotion> unfinished = promotions.latest(step).filter(promotion -> !promotion.isFinished());
          if (unfinished.isDefined()) {
            next = next.put(step, unfinished.get().describe());
            continue;
          }
          Either<PortFailure, Seq<DigestDeployment>> statuses = ports.deployments().statuses(path.source(target).get(), service);
          if (statuses.isLeft()) {
            return Either.left(new PromotionFailure.Unavailable(statuses.getLeft()));
          }
          String waits = promotions.promote(path, snapshot.pins(), statuses.get(), PromoteRequest.of(service, target)).fold(
              rejection -> rejection.message(),
              events -> {
                Promotion promotion = ((PromotionProposed) events.head()).promotion();
                return "ready: " + promotion.digest().abbreviated() + " from " + promotion.from();
              });
          next = next.put(step, waits);
        }
      }
      return Either.right(new PromotionBoard(path, snapshot, versions, promotions.latest(), next, EnvironmentDrift.between(layout, files)));
    })));
  }

  // ---- promote ------------------------------------------------------------------------------

  /**
   * Promotes {@code request.service()} into {@code request.target()}: writes the pin change on the
   * promotion branch and opens its PR. Returns the promotion with its open PR.
   */
  public Either<PromotionFailure, DigestPromotion.PrOpen> promote(PromoteRequest request, String actor) {
    PromotionTarget target = request.promotionTarget();
    return transact((promotions, lostRace) -> {
      if (lostRace) {
        Option<DigestPromotion> current = promotions.latest(target);
        if (current.isDefined() && current.get() instanceof DigestPromotion.PrOpen open) {
          return Either.right(new Step<>(List.empty(), open)); // another host opened the same PR first
        }
      }
      return unavailable(ports.pins().current()).flatMap(snapshot ->
          sourceStatuses(request.target(), request.service()).flatMap(statuses ->
              promotions.promote(path, snapshot.pins(), statuses, request).<PromotionFailure>mapLeft(PromotionFailure.Rejected::new)
                  .flatMap(events -> {
                    Promotion promotion = ((PromotionProposed) events.head()).promotion();
                    return badPinFile(snapshot, promotion)
                        .flatMap(ok -> unavailable(ports.branches().writePromotion(promotion, snapshot.commit())))
                        .flatMap(branch -> unavailable(ports.pullRequests().openPromotionPr(branch, gitopsBranch, title(promotion), body(promotion))))
                        .map(pr -> {
                          Seq<PromotionEvent> all = events.append(new PromotionPrOpened(target, pr.number()));
                          return new Step<>(all, (DigestPromotion.PrOpen) promotions.after(all).latest(target).get());
                        });
                  })));
    });
  }

  private Either<PromotionFailure, Boolean> badPinFile(PinSnapshot snapshot, Promotion promotion) {
    PromotionTarget target = promotion.target();
    Option<io.platinur.domain.digest.PinFileProblem> problem =
        snapshot.problemWith(layout.pinPath(target.environment(), target.service()))
            .orElse(snapshot.problemWith(layout.pinPath(promotion.from(), target.service())));
    return problem.isDefined() ? Either.left(new PromotionFailure.BadPinFile(problem.get())) : Either.right(true);
  }

  private Either<PromotionFailure, Seq<DigestDeployment>> sourceStatuses(EnvironmentName target, ServiceName service) {
    Option<EnvironmentName> source = path.source(target);
    return source.isEmpty() ? Either.right(List.empty()) : unavailable(ports.deployments().statuses(source.get(), service));
  }

  // ---- evaluate -----------------------------------------------------------------------------

  /**
   * The gate of {@code target}'s open promotion PR (or open rollback PR, under the rollback
   * policy), with every unmet condition.
   */
  public Either<PromotionFailure, StepDecision> evaluate(PromotionTarget target) {
    return promotions().flatMap(promotions -> promotions.latest(target)
        .<Either<PromotionFailure, StepDecision>>map(current -> current.fold(
            proposed -> noOpenPr(target),
            open -> gate(open.promotion(), open.pr(), policyFor(target), Option.some(open.promotion().digest())),
            merged -> noOpenPr(target),
            canary -> noOpenPr(target),
            promoted -> noOpenPr(target),
            withdrawn -> noOpenPr(target),
            rolling -> gate(rolling.promotion(), rolling.revertPr(), path.rollbackPolicy(), rolling.promotion().previous()),
            rolled -> noOpenPr(target)))
        .getOrElse(() -> noOpenPr(target)));
  }

  private static Either<PromotionFailure, StepDecision> noOpenPr(PromotionTarget target) {
    return Either.left(new PromotionFailure.Rejected(new CompleteRejection.NoPromotion(target)));
  }

  private StepPolicy policyFor(PromotionTarget target) {
    return path.policyFor(target.environment()).getOrElse(StepPolicy.automatic());
  }

  private Either<PromotionFailure, StepDecision> gate(Promotion promotion, PullRequestNumber pr, StepPolicy policy, Option<ImageDigest> expectedPin) {
    PromotionTarget target = promotion.target();
    Instant now = time.now();
    return unavailable(ports.pullRequests().state(pr)).flatMap(state -> state.<Either<PromotionFailure, CommitId>>fold(
            open -> Either.right(open.head()),
            closed -> Either.left(new PromotionFailure.Unavailable(PortFailure.of(PortFailure.Kind.REJECTED,
                "PR " + pr + " is closed. Sync Promotions to record it."))),
            merged -> Either.left(new PromotionFailure.Unavailable(PortFailure.of(PortFailure.Kind.REJECTED,
                "PR " + pr + " is already merged. Sync Promotions to record it.")))))
        .flatMap(head -> unavailable(ports.ci().stateAt(head)).flatMap(ci ->
            unavailable(ports.reviews().reviews(pr)).flatMap(reviews ->
                unavailable(ports.reviews().author(pr)).flatMap(author ->
                    unavailable(ports.deployments().statuses(promotion.from(), target.service())).flatMap(statuses ->
                        unavailable(ports.pins().diff(head, layout.pinPath(target.environment(), target.service()), layout.key()))
                            .map(diff -> StepGate.evaluate(policy, new StepEvidence(target, promotion.from(), promotion.digest(), expectedPin,
                                layout.pinPath(target.environment(), target.service()), layout.key(), head, author,
                                Option.some(new CiResult(head, ci)), reviews, statuses, diff, now))))))));
  }

  // ---- complete -----------------------------------------------------------------------------

  /**
   * Takes {@code target}'s promotion one step towards done: merges its PR when the gate passes,
   * starts the canary once merged, completes it when the canary passed, and rolls it back (opens
   * the revert PR) when the canary failed or gave no verdict within the step's timeout.
   */
  public Either<PromotionFailure, DigestPromotion> complete(PromotionTarget target, String actor) {
    return transact((promotions, lostRace) -> completeStep(promotions, target));
  }

  private Either<PromotionFailure, Step<DigestPromotion>> completeStep(DigestPromotions promotions, PromotionTarget target) {
    Instant now = time.now();
    Either<PromotionFailure, CompletionEvidence> evidence = promotions.latest(target)
        .map(current -> current.<Either<PromotionFailure, CompletionEvidence>>fold(
            proposed -> Either.right(CompletionEvidence.none()),
            open -> gate(open.promotion(), open.pr(), policyFor(target), Option.some(open.promotion().digest())).map(CompletionEvidence::gate),
            merged -> Either.right(CompletionEvidence.none()),
            canary -> unavailable(ports.canary().verdict(target, canary.promotion().digest())).map(CompletionEvidence::canary),
            promoted -> Either.right(CompletionEvidence.none()),
            withdrawn -> Either.right(CompletionEvidence.none()),
            rolling -> Either.right(CompletionEvidence.none()),
            rolled -> Either.right(CompletionEvidence.none())))
        .getOrElse(Either.right(CompletionEvidence.none()));
    return evidence.flatMap(known -> promotions.complete(path, target, known, now).<PromotionFailure>mapLeft(PromotionFailure.Rejected::new))
        .flatMap(step -> step.fold(
            merge -> unavailable(ports.pullRequests().state(merge.promotion().pr()))
                .flatMap(state -> state.fold(
                    open -> unavailable(ports.pullRequests().merge(merge.promotion().pr(), open.head())),
                    closed -> Either.left(new PromotionFailure.Unavailable(PortFailure.of(PortFailure.Kind.REJECTED,
                        "PR " + merge.promotion().pr() + " is closed. Sync Promotions to record it."))),
                    merged -> Either.right(merged.mergeCommit())))
                .map(commit -> promotions.observe(path, target, merge.promotion().pr(), new PullRequestState.Merged(commit), now)),
            record -> Either.right(record.events()),
            rollBack -> openRollback(rollBack.plan())))
        .map(events -> new Step<>(events, promotions.after(events).latest(target).get()));
  }

  // ---- rollback -----------------------------------------------------------------------------

  /** Opens a PR that reverts {@code target}'s latest merged promotion. */
  public Either<PromotionFailure, DigestPromotion.RollingBack> rollback(PromotionTarget target, String actor) {
    return transact((promotions, lostRace) -> {
      if (lostRace && promotions.latest(target).exists(p -> p instanceof DigestPromotion.RollingBack)) {
        return Either.right(new Step<>(List.empty(), (DigestPromotion.RollingBack) promotions.latest(target).get()));
      }
      return unavailable(ports.pins().current()).flatMap(snapshot ->
          promotions.rollback(path, snapshot.pins(), target, RollbackReason.REQUESTED).<PromotionFailure>mapLeft(PromotionFailure.Rejected::new)
              .flatMap(this::openRollback)
              .map(events -> new Step<>(events, (DigestPromotion.RollingBack) promotions.after(events).latest(target).get())));
    });
  }

  private Either<PromotionFailure, Seq<PromotionEvent>> openRollback(RollbackPlan plan) {
    PromotionTarget target = plan.promotion().target();
    return unavailable(ports.pins().current())
        .flatMap(snapshot -> unavailable(ports.branches().writeRollback(plan, snapshot.commit())))
        .flatMap(branch -> unavailable(ports.pullRequests().openPromotionPr(branch, gitopsBranch, rollbackTitle(plan), rollbackBody(plan))))
        .map(pr -> List.of(new RollbackOpened(target, pr.number(), plan.reason())));
  }

  // ---- sync ---------------------------------------------------------------------------------

  /**
   * Learns what happened on the forge and moves every unfinished promotion on: merged and closed
   * PRs are recorded, steps that merge automatically are merged when their gate passes (rollbacks
   * too), canaries are judged (a merge whose recording was lost is recorded now, its canary starting
   * now). Then it repairs what
   * a crashed host left half done: a promotion or rollback PR open from a {@link PromotionBranch}
   * that no promotion records is adopted when it is exactly what {@link DigestPromotions#adopt}
   * decides now, and closed (with a note saying why) otherwise; it is never merged unrecorded.
   * Returns the events recorded and the PRs closed. Safe to run at any time, repeatedly.
   */
  public Either<PromotionFailure, PromotionSync> sync(String actor) {
    return transact((promotions, lostRace) -> {
      DigestPromotions next = promotions;
      Seq<PromotionEvent> recorded = List.empty();
      for (PromotionTarget target : promotions.latest().keySet()) {
        Either<PromotionFailure, Seq<PromotionEvent>> events = syncTarget(next, target);
        if (events.isLeft()) {
          return Either.left(events.getLeft());
        }
        next = next.after(events.get());
        recorded = recorded.appendAll(events.get());
      }
      Either<PromotionFailure, PromotionSync> repaired = repair(next);
      Seq<PromotionEvent> before = recorded;
      return repaired.map(repair -> {
        Seq<PromotionEvent> all = before.appendAll(repair.events());
        return new Step<>(all, new PromotionSync(all, repair.closed()));
      });
    });
  }

  /** Adopts or closes every unrecorded promotion and rollback PR (one listing of the open PRs). */
  private Either<PromotionFailure, PromotionSync> repair(DigestPromotions promotions) {
    return unavailable(ports.openPullRequests().listOpen()).flatMap(open -> {
      Seq<UnrecordedPr> unrecorded = promotions.unrecorded(gitopsBranch, open);
      if (unrecorded.isEmpty()) {
        return Either.right(PromotionSync.NOTHING);
      }
      return unavailable(ports.pins().current()).flatMap(snapshot -> {
        DigestPromotions next = promotions;
        PromotionSync done = PromotionSync.NOTHING;
        for (UnrecordedPr pr : unrecorded) {
          PromotionTarget target = pr.target();
          DigestPromotions current = next;
          Either<PromotionFailure, Either<UnrecordedPrNote, Seq<PromotionEvent>>> decided = sourceStatuses(target.environment(), target.service())
              .flatMap(statuses -> unavailable(ports.pins().diff(pr.head(), layout.pinPath(target.environment(), target.service()), layout.key()))
                  .map(diff -> current.adopt(path, layout, snapshot.pins(), statuses, pr, diff)));
          if (decided.isLeft()) {
            return Either.left(decided.getLeft());
          }
          Either<UnrecordedPrNote, Seq<PromotionEvent>> decision = decided.get();
          if (decision.isLeft()) {
            Either<PortFailure, PullRequestState> closed = ports.pullRequests().close(pr.pr());
            if (closed.isLeft()) {
              return Either.left(new PromotionFailure.Unavailable(closed.getLeft()));
            }
            done = done.closing(decision.getLeft());
          } else {
            next = next.after(decision.get());
            done = done.recording(decision.get());
          }
        }
        return Either.right(done);
      });
    });
  }

  private Either<PromotionFailure, Seq<PromotionEvent>> syncTarget(DigestPromotions promotions, PromotionTarget target) {
    DigestPromotion current = promotions.latest(target).get();
    Instant now = time.now();
    Either<PromotionFailure, Seq<PromotionEvent>> observed = current.fold(
        proposed -> Either.right(List.empty()),
        open -> observe(promotions, target, open.pr(), now),
        merged -> Either.right(List.empty()),
        canary -> Either.right(List.empty()),
        promoted -> Either.right(List.empty()),
        withdrawn -> Either.right(List.empty()),
        rolling -> observe(promotions, target, rolling.revertPr(), now),
        rolled -> Either.right(List.empty()));
    return observed.flatMap(events -> {
      if (!events.isEmpty()) {
        return Either.right(events);
      }
      DigestPromotion still = promotions.latest(target).get();
      if (still instanceof DigestPromotion.PrOpen open && policyFor(target).mergesAutomatically()) {
        return autoMerge(promotions, target, open.promotion(), open.pr(), policyFor(target), Option.some(open.promotion().digest()));
      }
      if (still instanceof DigestPromotion.RollingBack rolling && path.rollbackPolicy().mergesAutomatically()) {
        return autoMerge(promotions, target, rolling.promotion(), rolling.revertPr(), path.rollbackPolicy(), rolling.promotion().previous());
      }
      if (still instanceof DigestPromotion.Canary) {
        Either<PromotionFailure, Step<DigestPromotion>> step = completeStep(promotions, target);
        if (step.isLeft() && step.getLeft() instanceof PromotionFailure.Rejected rejected
            && rejected.rejection() instanceof CompleteRejection.CanaryRunning) {
          return Either.right(List.empty());
        }
        return step.map(Step::events);
      }
      return Either.right(List.empty());
    });
  }

  private Either<PromotionFailure, Seq<PromotionEvent>> observe(DigestPromotions promotions, PromotionTarget target, PullRequestNumber pr, Instant now) {
    return unavailable(ports.pullRequests().state(pr)).map(state -> promotions.observe(path, target, pr, state, now));
  }

  private Either<PromotionFailure, Seq<PromotionEvent>> autoMerge(
      DigestPromotions promotions, PromotionTarget target, Promotion promotion, PullRequestNumber pr, StepPolicy policy, Option<ImageDigest> expected) {
    return gate(promotion, pr, policy, expected).flatMap(decision -> {
      if (!decision.passed()) {
        return Either.right(List.empty());
      }
      return unavailable(ports.pullRequests().state(pr))
          .flatMap(state -> state.fold(
              open -> unavailable(ports.pullRequests().merge(pr, open.head())).map(PullRequestState.Merged::new),
              closed -> Either.right(state),
              merged -> Either.right(state)))
          .map(state -> promotions.observe(path, target, pr, state, time.now()));
    });
  }

  // ---- the transaction ----------------------------------------------------------------------

  private record Step<T>(Seq<PromotionEvent> events, T result) {}

  @FunctionalInterface
  private interface Decide<T> {
    Either<PromotionFailure, Step<T>> decide(DigestPromotions promotions, boolean lostRace);
  }

  private <T> Either<PromotionFailure, T> transact(Decide<T> decide) {
    boolean lostRace = false;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      Either<PortFailure, Option<Stored>> loaded = ports.store().load();
      if (loaded.isLeft()) {
        return Either.left(new PromotionFailure.Unavailable(loaded.getLeft()));
      }
      Option<Stored> stored = loaded.get();
      DigestPromotions current = stored.map(Stored::promotions).getOrElse(DigestPromotions.none());
      Either<PromotionFailure, Step<T>> decision = decide.decide(current, lostRace);
      if (decision.isLeft() || decision.get().events().isEmpty()) {
        return decision.map(Step::result);
      }
      Either<PortFailure, Stored> saved = ports.store().save(stored.map(Stored::version), current.after(decision.get().events()));
      if (saved.isRight()) {
        return Either.right(decision.get().result());
      }
      if (!saved.getLeft().isConflict()) {
        return Either.left(new PromotionFailure.Unavailable(saved.getLeft()));
      }
      lostRace = true;
      if (attempt < maxAttempts) {
        backoff.beforeRetry(attempt);
      }
    }
    return Either.left(new PromotionFailure.Unavailable(PortFailure.of(PortFailure.Kind.CONFLICT,
        "The digest promotions kept changing while this ran (" + maxAttempts + " attempts). Sync Promotions, then try again.")));
  }

  private static <T> Either<PromotionFailure, T> unavailable(Either<PortFailure, T> call) {
    return call.mapLeft(PromotionFailure.Unavailable::new);
  }

  // ---- words --------------------------------------------------------------------------------

  private static String title(Promotion promotion) {
    PromotionTarget target = promotion.target();
    return "Promote " + target.service() + " to " + target.environment() + ": " + promotion.digest().abbreviated();
  }

  private String body(Promotion promotion) {
    PromotionTarget target = promotion.target();
    return "Moves the pin of " + target.service() + " in " + target.environment() + " ("
        + layout.pinPath(target.environment(), target.service()) + ", " + layout.key() + ") from "
        + promotion.previous().map(ImageDigest::value).getOrElse("no pin") + " to " + promotion.digest()
        + ", the digest pinned and deployed healthy in " + promotion.from() + ". Nothing else changes.\n";
  }

  private static String rollbackTitle(RollbackPlan plan) {
    PromotionTarget target = plan.promotion().target();
    return "Roll back " + target.service() + " in " + target.environment() + " to "
        + plan.promotion().previous().map(ImageDigest::abbreviated).getOrElse("no pin");
  }

  private static String rollbackBody(RollbackPlan plan) {
    return "Reverts " + plan.mergeCommit() + " (PR " + plan.pr() + ") because " + plan.reason().words() + ".\n";
  }
}
