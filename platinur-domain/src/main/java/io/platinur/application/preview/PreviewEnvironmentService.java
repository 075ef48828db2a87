package io.platinur.application.preview;

import io.platinur.application.core.Decision;
import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.Retries;
import io.platinur.application.core.Transaction;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Actor;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PullRequestActivity;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.preview.PreviewAction;
import io.platinur.domain.preview.PreviewDemand;
import io.platinur.domain.preview.PreviewEnvironment;
import io.platinur.domain.preview.PreviewPlan;
import io.platinur.domain.preview.PreviewPolicy;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.BuildArtifacts;
import io.platinur.port.OpenPullRequests;
import io.platinur.port.PortFailure;
import io.platinur.port.ForgePorts;
import io.platinur.port.PreviewCleanup;
import io.platinur.port.PreviewPorts;
import io.platinur.port.PreviewStore.PreviewVersion;
import io.platinur.port.PreviewStore.StoredPreviews;
import io.platinur.port.PreviewStore;
import io.platinur.port.RetryBackoff;
import io.platinur.port.TimeSource;
import io.vavr.Tuple;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * Preview environments as a host application runs them (ADR-0034, DESIGN §6): one per open pull
 * request the {@link PreviewPolicy} selects, pinned to the digest built from its head, kept in the
 * {@link PreviewStore} (the GitOps repository) and reaped with its outside resources when the PR
 * closes, expires or exceeds the quota.
 *
 * <p>{@link #reconcile()} reads the open pull requests, the build of each selected head and the
 * stored previews; plans with the pure {@link PreviewPolicy#reconcile}; writes the whole plan in one
 * compare-and-swap change; then calls the {@link PreviewCleanup} for every reaped preview, and for
 * every preview an earlier reconcile reaped but did not get to clean up (a crash between the Git
 * write and the cleanup is completed here). Run it on a schedule, on every webhook, and from several
 * hosts at once: both writes run in the application core's {@link Transaction}, so a host that loses
 * the race (or whose write's answer was lost) reads again and decides again; reconciling twice
 * changes nothing the second time; a lost webhook only delays. Previews refuse nothing: every
 * answer is {@code Either<UseCaseFailure<NoRefusal>, …>}, a failure always a port's.
 *
 * <pre>{@code
 * PreviewEnvironmentService previews = PreviewEnvironmentService.builder(git.previews(), github, builds).build();
 * previews.reconcile().peek(report -> report.plan().actions().forEach(a -> log(a.message())))
 *     .peekLeft(failure -> alert(failure.message()));
 * }</pre>
 */
public final class PreviewEnvironmentService {
  private static final int DEFAULT_ATTEMPTS = 8;
  /** Who reconciles, in the transactions' audit entries. */
  private static final Actor RECONCILER = Actor.of("Preview reconcile");

  private final PreviewPolicy policy;
  private final OpenPullRequests pullRequests;
  private final BuildArtifacts builds;
  private final PreviewStore store;
  private final PreviewCleanup cleanup;
  private final TimeSource time;
  private final Retries retries;
  private final Transaction<StoredPreviews, PreviewVersion, Seq<PreviewAction>> plans;
  private final Transaction<StoredPreviews, PreviewVersion, Seq<PreviewEnvironment>> cleanups;

  private PreviewEnvironmentService(
      PreviewPolicy policy,
      OpenPullRequests pullRequests,
      BuildArtifacts builds,
      PreviewStore store,
      PreviewCleanup cleanup,
      TimeSource time,
      Retries retries) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.pullRequests = Objects.requireNonNull(pullRequests, "pullRequests");
    this.builds = Objects.requireNonNull(builds, "builds");
    this.store = Objects.requireNonNull(store, "store");
    this.cleanup = Objects.requireNonNull(cleanup, "cleanup");
    this.time = Objects.requireNonNull(time, "time");
    this.retries = Objects.requireNonNull(retries, "retries");
    this.plans = plans(Option.none());
    this.cleanups = Transaction.over(PreviewStores.cleanups(store), time, retries,
        attempts -> "The previews kept changing while their cleanups were recorded (" + attempts + " attempts). "
            + "The next reconcile records them.");
  }

  /** The transaction that writes plans, the change authored by {@code author} or the store's own. */
  private Transaction<StoredPreviews, PreviewVersion, Seq<PreviewAction>> plans(Option<CommitAuthor> author) {
    return Transaction.over(PreviewStores.plans(store, author), time, retries,
        attempts -> "The previews kept changing while this ran (" + attempts + " attempts). Reconcile again.");
  }

  /**
   * Preview environments kept in {@code previews} (the GitOps repository's {@code previews/}: the
   * Git adapter's {@code GitPreviews}), one per open pull request {@code forge} lists ({@link
   * ForgePorts#openPullRequests()}), pinned to the digest {@code builds} built from its head. Until
   * the builder is told otherwise every open pull request gets one ({@link
   * PreviewPolicy#everyPullRequest()}), nothing outside Git is cleaned up, and time and backoff are
   * the store's adapter's, up to 8 attempts.
   */
  public static Builder builder(PreviewPorts previews, ForgePorts forge, BuildArtifacts builds) {
    return new Builder(previews, forge, builds);
  }

  /** The options of preview environments; {@link #build()} makes the service. */
  public static final class Builder {
    private final PreviewStore store;
    private final OpenPullRequests pullRequests;
    private final BuildArtifacts builds;
    private PreviewPolicy policy = PreviewPolicy.everyPullRequest();
    private PreviewCleanup cleanup = PreviewCleanup.nothingOutsideGit();
    private TimeSource time;
    private Retries retries;

    private Builder(PreviewPorts previews, ForgePorts forge, BuildArtifacts builds) {
      Objects.requireNonNull(previews, "previews");
      this.store = previews.previewStore();
      this.pullRequests = Objects.requireNonNull(forge, "forge").openPullRequests();
      this.builds = Objects.requireNonNull(builds, "builds");
      this.time = previews.timeSource();
      this.retries = new Retries(DEFAULT_ATTEMPTS, previews.retryBackoff());
    }

    /** Which pull requests get a preview, for how long, how many (default: every one, no limit). */
    public Builder policy(PreviewPolicy previewPolicy) {
      this.policy = Objects.requireNonNull(previewPolicy, "previewPolicy");
      return this;
    }

    /** What removes a reaped preview's resources outside Git (default: nothing to remove). */
    public Builder cleanup(PreviewCleanup previewCleanup) {
      this.cleanup = Objects.requireNonNull(previewCleanup, "previewCleanup");
      return this;
    }

    /** The time a reconcile plans with (default: the store's adapter's). */
    public Builder clock(TimeSource timeSource) {
      this.time = Objects.requireNonNull(timeSource, "timeSource");
      return this;
    }

    /** Gives up after {@code attempts} lost races (default 8). */
    public Builder maxAttempts(int attempts) {
      this.retries = retries.withMaxAttempts(attempts);
      return this;
    }

    /** Waits as {@code retryBackoff} says before each retry (default: the store's adapter's). */
    public Builder backoff(RetryBackoff retryBackoff) {
      this.retries = retries.withBackoff(retryBackoff);
      return this;
    }

    public PreviewEnvironmentService build() {
      return new PreviewEnvironmentService(policy, pullRequests, builds, store, cleanup, time, retries);
    }
  }

  /** The same service, giving up after {@code attempts} lost compare-and-swap races (default 8). */
  public PreviewEnvironmentService withMaxAttempts(int attempts) {
    return new PreviewEnvironmentService(policy, pullRequests, builds, store, cleanup, time, retries.withMaxAttempts(attempts));
  }

  /**
   * The same service, waiting as {@code retryBackoff} says before reconciling again after a lost
   * race or a write whose answer was lost (default {@link RetryBackoff#none()}: at once); hosts
   * reconciling from several machines pass {@code GitStaging.retryBackoff()}.
   */
  public PreviewEnvironmentService withBackoff(RetryBackoff retryBackoff) {
    return new PreviewEnvironmentService(policy, pullRequests, builds, store, cleanup, time, retries.withBackoff(retryBackoff));
  }

  public PreviewPolicy policy() {
    return policy;
  }

  /**
   * Brings the previews in line with the forge and the build: writes the plan in one
   * compare-and-swap change, then cleans up what was reaped (now or by an earlier, interrupted
   * reconcile). A failure to read or write changes nothing; a lost race is retried on fresh reads.
   * First of all, it removes the lock files a crashed writer left on the store's refs ({@link
   * PreviewStore#removeAbandonedLocks}) and says so in {@link PreviewReport#removedLocks()}, so a
   * crash never blocks the previews. The change is the store's own (in Git, a commit by Platinur).
   */
  public Either<UseCaseFailure<NoRefusal>, PreviewReport> reconcile() {
    return reconcile(RECONCILER, plans);
  }

  /**
   * {@link #reconcile()} for {@code author}: the change it writes (in Git, the commit on the GitOps
   * branch) is authored by them, and the audit entry names their actor.
   */
  public Either<UseCaseFailure<NoRefusal>, PreviewReport> reconcile(CommitAuthor author) {
    return reconcile(author.actor(), plans(Option.some(author)));
  }

  private Either<UseCaseFailure<NoRefusal>, PreviewReport> reconcile(
      Actor actor, Transaction<StoredPreviews, PreviewVersion, Seq<PreviewAction>> writing) {
    return store.removeAbandonedLocks().<UseCaseFailure<NoRefusal>>mapLeft(UseCaseFailure::unavailable)
        .flatMap(removed -> writing.<NoRefusal, Planned>run(actor, (stored, attempt) -> planned(stored)
                .<UseCaseFailure<NoRefusal>>mapLeft(UseCaseFailure::unavailable)
                .map(plan -> plan.isEmpty()
                    ? Decision.keep(new Planned(plan, false))
                    : Decision.save(plan.actions(), "Reconciled previews", new Planned(plan, true))))
            .map(planned -> cleanUp(planned.plan(), planned.written(), actor).afterRemoving(removed)));
  }

  /** What {@link #reconcile()} would do now, without writing or cleaning up anything (a dry run). */
  public Either<UseCaseFailure<NoRefusal>, PreviewPlan> plan() {
    return store.load().flatMap(this::planned).mapLeft(UseCaseFailure::unavailable);
  }

  /**
   * The webhook fast path: a pull-request activity that may change previews is a reason to
   * reconcile now; any other activity does nothing. The event's content is never applied.
   */
  public Either<UseCaseFailure<NoRefusal>, Option<PreviewReport>> onPullRequestActivity(PullRequestActivity activity) {
    return activity.mayChangePreviews() ? reconcile().map(Option::some) : Either.right(Option.none());
  }

  /** The stored previews, read-only: what {@code platinur previews} lists. */
  public Either<UseCaseFailure<NoRefusal>, StoredPreviews> stored() {
    return store.load().mapLeft(UseCaseFailure::unavailable);
  }

  /** A plan decided on one set of observations, and whether it was written. */
  private record Planned(PreviewPlan plan, boolean written) {}

  /** Reads the forge and the builds, and plans on the stored previews: every decision on one set of observations. */
  private Either<PortFailure, PreviewPlan> planned(StoredPreviews stored) {
    return pullRequests.listOpen().flatMap(open -> {
      Instant now = time.now();
      Seq<CommitId> heads = open.filter(pr -> policy.selects(pr) && !policy.expired(pr, now))
          .map(OpenPullRequest::headCommit).distinct();
      return Either.sequenceRight(heads.map(head -> builds.digestOf(head).map(digest -> Tuple.of(head, digest))))
          .flatMap(built -> {
            Map<CommitId, ImageDigest> digests = HashMap.ofEntries(
                built.filter(t -> t._2.isDefined()).map(t -> Tuple.of(t._1, t._2.get())));
            SortedSet<PullRequestNumber> openNumbers = TreeSet.ofAll(open.map(OpenPullRequest::number));
            SortedSet<PullRequestNumber> merged = merged(stored.inventory().previews().keySet().removeAll(openNumbers));
            return PreviewDemand.of(open, digests, merged)
                .toEither()
                .mapLeft(problem -> PortFailure.of(PortFailure.Kind.MALFORMED_RESPONSE, problem))
                .map(demand -> policy.reconcile(demand, stored.inventory(), now));
          });
    });
  }

  /** Which of these no-longer-open pull requests were merged; one the forge cannot say about counts as closed. */
  private SortedSet<PullRequestNumber> merged(SortedSet<PullRequestNumber> notOpen) {
    return notOpen.filter(pr -> pullRequests.state(pr)
        .map(state -> state.fold(open -> false, closed -> false, merged -> true))
        .getOrElse(false));
  }

  private PreviewReport cleanUp(PreviewPlan plan, boolean written, Actor actor) {
    Seq<Either<PreviewReport.CleanupFailure, PreviewEnvironment>> results = plan.cleanups()
        .map(preview -> cleanup.cleanUp(preview).<PreviewReport.CleanupFailure>mapLeft(f -> new PreviewReport.CleanupFailure(preview, f))
            .map(done -> preview));
    Seq<PreviewEnvironment> cleaned = results.flatMap(Either::toOption);
    Seq<PreviewReport.CleanupFailure> failed = results.flatMap(result -> result.swap().toOption());
    Option<PortFailure> unrecorded = cleaned.isEmpty() ? Option.none() : record(cleaned, actor);
    return new PreviewReport(plan, written, cleaned, failed, unrecorded);
  }

  /** Records the cleanups as done, those still pending on a fresh read; on a lost race, reads again. */
  private Option<PortFailure> record(Seq<PreviewEnvironment> cleaned, Actor actor) {
    return cleanups.<NoRefusal, Seq<PreviewEnvironment>>run(actor, (stored, attempt) -> {
      Seq<PreviewEnvironment> stillPending = cleaned.filter(p -> stored.inventory().pendingCleanups().get(p.pr()).contains(p));
      return Either.right(Decision.save(stillPending, "Cleaned up previews", stillPending));
    }).swap().toOption().map(NoRefusal::portFailure);
  }
}
