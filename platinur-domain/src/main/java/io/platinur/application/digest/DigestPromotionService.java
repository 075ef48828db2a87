package io.platinur.application.digest;

import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.Retries;
import io.platinur.application.core.Transaction;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Actor;
import io.platinur.domain.digest.CompleteRejection;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotions;
import io.platinur.domain.digest.EvaluateRejection;
import io.platinur.domain.digest.GateObservation;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.PromoteRejection;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackRejection;
import io.platinur.domain.digest.StepDecision;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.port.CanaryAnalysis;
import io.platinur.port.ContinuousIntegration;
import io.platinur.port.DigestDeployments;
import io.platinur.port.DigestPromotionChange;
import io.platinur.port.DigestPromotionStore;
import io.platinur.port.ForgePorts;
import io.platinur.port.GitOpsPorts;
import io.platinur.port.OpenPullRequests;
import io.platinur.port.PinBranches;
import io.platinur.port.PinnedDigests;
import io.platinur.port.PullRequestHost;
import io.platinur.port.PullRequestReviews;
import io.platinur.port.RetryBackoff;
import io.platinur.port.TimeSource;
import io.platinur.port.WriteBudget;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * The use cases of promote by digest (ADR-0034): the board, promote, evaluate a step's gate,
 * complete, sync, rollback and the history — in the style of the staging lane's.
 *
 * <p>Every change runs in one compare-and-swap {@link Transaction}: it reads the stored promotions,
 * asks the pure {@link DigestPromotions} to decide, reads exactly the evidence the decision names
 * (a PR's gate, a canary's verdict), does the I/O the decision asks for (write a branch, open or
 * merge a PR), and saves the new state with an audit entry (who, when, what, and the events). A
 * writer that loses the race reads and decides again, up to a bounded number of attempts, and
 * recognizes what its earlier attempt, or another host, already did: two hosts promoting the same
 * service to the same environment at once end with one PR, opened by one and refused as already
 * open to the other; a host whose merge another host recorded first is answered as done. A refused
 * call changes nothing. Every call answers {@code Either<UseCaseFailure<R>, T>}, with {@code R} the
 * command's own refusal type.
 *
 * <p>Who acts: each change takes either a {@link CommitAuthor}, whose actor the audit entry names
 * and who authors the promotion and rollback commits the change writes (as a proposal commit of the
 * staging lane names its author), or only an {@link Actor}, named by the audit entry while those
 * commits are Platinur's own ({@code Platinur <platinur>}). Platinur's records (the stored
 * promotions, the offline host's pull requests and merges) are always its own commits.
 *
 * <p>Steps whose policy {@linkplain io.platinur.domain.digest.StepPolicy#mergesAutomatically()
 * merges automatically} (dev → staging on green CI, rollbacks) are merged by {@link #sync}; the
 * others by {@link #complete}.
 *
 * <p>A host wires it with {@link #builder}, from the GitOps repository's bundle (its branch, pin
 * layout, pins, promotion branches and store: the Git adapter's {@code GitOpsRepository}), its
 * forge's bundle and its canary analysis; the path defaults to dev → staging → prod:
 *
 * <pre>{@code
 * DigestPromotionService digests = DigestPromotionService.builder(gitops, github, canary).build();
 * digests.promote(PromoteRequest.of(service, target, digest), Actor.of("release-bot"));
 * }</pre>
 */
public final class DigestPromotionService {
  static final int DEFAULT_ATTEMPTS = 8;

  /**
   * The ports the use cases drive. {@code openPullRequests} lists the forge's open PRs once per
   * sync, to find promotion and rollback PRs that a crashed host opened but never recorded.
   */
  record Ports(
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
  private final Transaction<DigestPromotions, String, DigestChange> transaction;
  private final Evidence evidence;
  private final ForgeWrites writes;
  private final WriteBudget budget;

  /** For tests beside the use cases that drive each port on its own; hosts use {@link #builder}. */
  DigestPromotionService(PromotionPath path, PinLayout layout, BranchName gitopsBranch, Ports ports, TimeSource time) {
    this(path, layout, gitopsBranch, ports, time, Retries.upTo(DEFAULT_ATTEMPTS));
  }

  DigestPromotionService(PromotionPath path, PinLayout layout, BranchName gitopsBranch, Ports ports, TimeSource time, Retries retries) {
    this(path, layout, gitopsBranch, ports, time, retries, WriteBudget.none());
  }

  private DigestPromotionService(PromotionPath path, PinLayout layout, BranchName gitopsBranch, Ports ports, TimeSource time, Retries retries,
      WriteBudget budget) {
    this.path = Objects.requireNonNull(path, "path");
    this.layout = Objects.requireNonNull(layout, "layout");
    this.gitopsBranch = Objects.requireNonNull(gitopsBranch, "gitopsBranch");
    this.ports = Objects.requireNonNull(ports, "ports");
    this.time = Objects.requireNonNull(time, "time");
    this.budget = Objects.requireNonNull(budget, "budget");
    this.transaction = Transaction.over(new DigestStore(ports.store(), path, budget), time, retries,
        attempts -> "The digest promotions kept changing while this ran (" + attempts + " attempts). Sync Promotions, then try again.");
    this.evidence = new Evidence(path, layout, ports, time);
    this.writes = new ForgeWrites(gitopsBranch, ports, budget);
  }

  /** Promote by digest in {@code gitops} through {@code forge}; {@link DigestPromotionBuilder} says the defaults. */
  public static DigestPromotionBuilder builder(GitOpsPorts gitops, ForgePorts forge, CanaryAnalysis canary) {
    return new DigestPromotionBuilder(gitops, forge, canary);
  }

  /** The same service, giving up after {@code attempts} lost compare-and-swap races (default 8). */
  public DigestPromotionService withMaxAttempts(int attempts) {
    return new DigestPromotionService(path, layout, gitopsBranch, ports, time, transaction.retries().withMaxAttempts(attempts), budget);
  }

  /**
   * The same service, waiting as {@code retryBackoff} says before each retry after a lost
   * compare-and-swap race (default {@link RetryBackoff#none()}: retry at once); hosts promoting
   * from several machines pass {@code GitStaging.retryBackoff()}.
   */
  public DigestPromotionService withBackoff(RetryBackoff retryBackoff) {
    return new DigestPromotionService(path, layout, gitopsBranch, ports, time, transaction.retries().withBackoff(retryBackoff), budget);
  }

  /**
   * The same service, waiting for {@code budget} before every write it makes (a branch or record
   * push, opening or closing a PR, a merge); default {@link WriteBudget#none()}: write at once. Hosts
   * that promote a fleet of services through one repository share one budget, so GitHub's push and
   * content-creating limits are met by waiting in order (see {@code docs/fleet.md}).
   */
  public DigestPromotionService withWriteBudget(WriteBudget budget) {
    return new DigestPromotionService(path, layout, gitopsBranch, ports, time, transaction.retries(), budget);
  }

  public PromotionPath path() {
    return path;
  }

  /** The lost races retried so far, from every thread: a contention metric. */
  public long retriesTaken() {
    return transaction.retriesTaken();
  }

  // ---- reading ------------------------------------------------------------------------------

  /** The latest promotion of every target. */
  public Either<UseCaseFailure<NoRefusal>, DigestPromotions> promotions() {
    return transaction.current();
  }

  /**
   * The board: pins, platform versions, promotions, what every next step waits for, and the files
   * other than values overlays that differ between environment directories (drift).
   */
  public Either<UseCaseFailure<NoRefusal>, PromotionBoard> board() {
    return promotions().flatMap(new Board(path, layout, ports)::read);
  }

  /**
   * The board with, for every target, what promote, complete and rollback would answer now, each
   * decided by its command's own rules without doing anything: for a page that offers the three
   * and disables each with the exact refusal its command would give. Besides the board's reads, it
   * reads the evidence of each unfinished promotion's next step (its PR's gate, its canary's
   * verdict), so it costs more than {@link #board()} while promotions are under way.
   */
  public Either<UseCaseFailure<NoRefusal>, BoardActions> actions() {
    return promotions().flatMap(new Actions(new Board(path, layout, ports), layout, evidence, time)::read);
  }

  /**
   * The audit history, newest first: at most {@code limit} changes saved before the change {@code
   * before} (from the newest when none), each with who made it, when, doing what, and its events
   * ({@link io.platinur.domain.digest.DigestPromotionEvent#words()} says each in a sentence).
   */
  public Either<UseCaseFailure<NoRefusal>, Seq<DigestPromotionChange>> history(Option<String> before, int limit) {
    return PortCalls.unavailable(ports.store().history(before, limit));
  }

  /**
   * The gate of {@code target}'s open promotion PR (or open rollback PR, under the rollback
   * policy), with every unmet condition; a canary reports its deadline instead.
   */
  public Either<UseCaseFailure<EvaluateRejection>, StepDecision> evaluate(PromotionTarget target) {
    return transaction.<EvaluateRejection>current()
        .flatMap(promotions -> promotions.gate(target).mapLeft(UseCaseFailure::rejected))
        .flatMap(question -> PortCalls.<EvaluateRejection, GateObservation>unavailable(evidence.gate(question))
            .flatMap(observed -> question.answer(observed).mapLeft(UseCaseFailure::rejected)));
  }

  // ---- changes ------------------------------------------------------------------------------

  /**
   * Promotes {@code request.service()} into {@code request.target()}: writes the pin change on the
   * promotion branch and opens its PR. Returns the promotion with its open PR.
   */
  public Either<UseCaseFailure<PromoteRejection>, DigestPromotion.PrOpen> promote(PromoteRequest request, Actor actor) {
    return new Promote(transaction, layout, ports.pins(), evidence, writes).run(request, actor, platinur());
  }

  /** {@link #promote(PromoteRequest, Actor)} for {@code author}'s actor, the promotion commit authored by {@code author}. */
  public Either<UseCaseFailure<PromoteRejection>, DigestPromotion.PrOpen> promote(PromoteRequest request, CommitAuthor author) {
    return new Promote(transaction, layout, ports.pins(), evidence, writes).run(request, author.actor(), author);
  }

  /**
   * Takes {@code target}'s promotion one step towards done: merges its PR when the gate passes,
   * starts the canary once merged, completes it when the canary passed, and rolls it back (opens
   * the revert PR) when the canary failed or gave no verdict within the step's timeout. A PR found
   * merged (by another host) or closed is recorded as what it is. Returns the promotion after the
   * step.
   */
  public Either<UseCaseFailure<CompleteRejection>, DigestPromotion> complete(PromotionTarget target, Actor actor) {
    return new Complete(transaction, evidence, writes, time).run(target, actor, platinur());
  }

  /** {@link #complete(PromotionTarget, Actor)} for {@code author}'s actor, a revert commit authored by {@code author}. */
  public Either<UseCaseFailure<CompleteRejection>, DigestPromotion> complete(PromotionTarget target, CommitAuthor author) {
    return new Complete(transaction, evidence, writes, time).run(target, author.actor(), author);
  }

  /** Opens a PR that reverts {@code target}'s latest merged promotion; returns the promotion rolling back. */
  public Either<UseCaseFailure<RollbackRejection>, DigestPromotion> rollback(PromotionTarget target, Actor actor) {
    return new Rollback(transaction, ports.pins(), writes).run(target, actor, platinur());
  }

  /** {@link #rollback(PromotionTarget, Actor)} for {@code author}'s actor, the revert commit authored by {@code author}. */
  public Either<UseCaseFailure<RollbackRejection>, DigestPromotion> rollback(PromotionTarget target, CommitAuthor author) {
    return new Rollback(transaction, ports.pins(), writes).run(target, author.actor(), author);
  }

  /**
   * Learns what happened on the forge and moves every unfinished promotion on: merged and closed
   * PRs are recorded, steps that merge automatically are merged when their gate passes (rollbacks
   * too, in the same sync that opened them), canaries are judged (a merge whose recording was lost
   * is recorded now, its canary starting now). Then it repairs what a crashed host left half done:
   * a promotion or rollback PR open from a {@link io.platinur.domain.digest.PromotionBranch} that no
   * promotion records is adopted when it is exactly what {@link DigestPromotions#adopt} decides now,
   * and closed (with a note saying why) otherwise; it is never merged unrecorded. Returns the events
   * recorded, the PRs closed and the rollbacks still waiting for their gate. First of all, it
   * removes the lock files a crashed writer left on the GitOps repository ({@link
   * PinBranches#removeAbandonedLocks}), says so in {@link PromotionSync#removedLocks()} and records
   * it in the history. Safe to run at any time, repeatedly.
   */
  public Either<UseCaseFailure<NoRefusal>, PromotionSync> sync(Actor actor) {
    return new DigestSync(transaction, layout, gitopsBranch, ports, evidence, writes, time).run(actor, platinur());
  }

  /** {@link #sync(Actor)} for {@code author}'s actor, a revert commit authored by {@code author}. */
  public Either<UseCaseFailure<NoRefusal>, PromotionSync> sync(CommitAuthor author) {
    return new DigestSync(transaction, layout, gitopsBranch, ports, evidence, writes, time).run(author.actor(), author);
  }

  /** Platinur's own identity, for the commits of a change made with only an {@link Actor}. */
  private CommitAuthor platinur() {
    return new CommitAuthor("Platinur", "platinur", time.now());
  }
}
