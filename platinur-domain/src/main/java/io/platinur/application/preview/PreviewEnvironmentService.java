package io.platinur.application.preview;

import io.platinur.domain.InvalidValueException;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PullRequestActivity;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.preview.PreviewDemand;
import io.platinur.domain.preview.PreviewEnvironment;
import io.platinur.domain.preview.PreviewPlan;
import io.platinur.domain.preview.PreviewPolicy;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.BuildArtifacts;
import io.platinur.port.OpenPullRequests;
import io.platinur.port.PortFailure;
import io.platinur.port.PreviewCleanup;
import io.platinur.port.PreviewStore.StoredPreviews;
import io.platinur.port.PreviewStore;
import io.platinur.port.RetryBackoff;
import io.platinur.port.TimeSource;
import io.vavr.Tuple2;
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
 * hosts at once: a host that loses the race reads again and decides again; reconciling twice
 * changes nothing the second time; a lost webhook only delays.
 *
 * <pre>{@code
 * PreviewEnvironmentService previews = new PreviewEnvironmentService(
 *     policy, openPullRequests, buildArtifacts, previewStore, cleanup, Clock.systemUTC()::instant);
 * previews.reconcile().peek(report -> report.plan().actions().forEach(a -> log(a.message())));
 * }</pre>
 */
public final class PreviewEnvironmentService {
  private static final int DEFAULT_ATTEMPTS = 8;

  private final PreviewPolicy policy;
  private final OpenPullRequests pullRequests;
  private final BuildArtifacts builds;
  private final PreviewStore store;
  private final PreviewCleanup cleanup;
  private final TimeSource time;
  private final int maxAttempts;
  private final RetryBackoff backoff;

  public PreviewEnvironmentService(
      PreviewPolicy policy,
      OpenPullRequests pullRequests,
      BuildArtifacts builds,
      PreviewStore store,
      PreviewCleanup cleanup,
      TimeSource time) {
    this(policy, pullRequests, builds, store, cleanup, time, DEFAULT_ATTEMPTS, RetryBackoff.none());
  }

  private PreviewEnvironmentService(
      PreviewPolicy policy,
      OpenPullRequests pullRequests,
      BuildArtifacts builds,
      PreviewStore store,
      PreviewCleanup cleanup,
      TimeSource time,
      int maxAttempts,
      RetryBackoff backoff) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.pullRequests = Objects.requireNonNull(pullRequests, "pullRequests");
    this.builds = Objects.requireNonNull(builds, "builds");
    this.store = Objects.requireNonNull(store, "store");
    this.cleanup = Objects.requireNonNull(cleanup, "cleanup");
    this.time = Objects.requireNonNull(time, "time");
    if (maxAttempts < 1) {
      throw new InvalidValueException("At least one attempt is needed, got " + maxAttempts + ".");
    }
    this.maxAttempts = maxAttempts;
    this.backoff = Objects.requireNonNull(backoff, "backoff");
  }

  /** The same service, giving up after {@code attempts} lost compare-and-swap races (default 8). */
  public PreviewEnvironmentService withMaxAttempts(int attempts) {
    return new PreviewEnvironmentService(policy, pullRequests, builds, store, cleanup, time, attempts, backoff);
  }

  /**
   * The same service, waiting as {@code retryBackoff} says before reconciling again after a lost
   * race or a write whose answer was lost (default {@link RetryBackoff#none()}: at once); hosts
   * reconciling from several machines pass {@code GitStaging.retryBackoff()}.
   */
  public PreviewEnvironmentService withBackoff(RetryBackoff retryBackoff) {
    return new PreviewEnvironmentService(policy, pullRequests, builds, store, cleanup, time, maxAttempts, retryBackoff);
  }

  public PreviewPolicy policy() {
    return policy;
  }

  /**
   * Brings the previews in line with the forge and the build: writes the plan in one
   * compare-and-swap change, then cleans up what was reaped (now or by an earlier, interrupted
   * reconcile). A failure to read or write changes nothing; a lost race is retried on fresh reads.
   */
  public Either<PortFailure, PreviewReport> reconcile() {
    return reconcile(1);
  }

  /** What {@link #reconcile()} would do now, without writing or cleaning up anything (a dry run). */
  public Either<PortFailure, PreviewPlan> plan() {
    return observe().map(observed -> observed._2);
  }

  /**
   * The webhook fast path: a pull-request activity that may change previews is a reason to
   * reconcile now; any other activity does nothing. The event's content is never applied.
   */
  public Either<PortFailure, Option<PreviewReport>> onPullRequestActivity(PullRequestActivity activity) {
    return activity.mayChangePreviews() ? reconcile().map(Option::some) : Either.right(Option.none());
  }

  /** The stored previews, read-only: what {@code platinur previews} lists. */
  public Either<PortFailure, StoredPreviews> stored() {
    return store.load();
  }

  private Either<PortFailure, PreviewReport> reconcile(int attempt) {
    return observe().flatMap(observed -> {
      StoredPreviews stored = observed._1;
      PreviewPlan plan = observed._2;
      if (plan.isEmpty()) {
        return Either.right(cleanUp(plan, stored, false));
      }
      Either<PortFailure, StoredPreviews> written = store.write(stored.version(), plan.actions(), time.now());
      // A lost race, or a write whose answer was lost: reconciling is idempotent, so read again and
      // plan again; a write that did take effect leaves nothing to do.
      if (written.isLeft() && mayReconcileAgain(written.getLeft()) && attempt < maxAttempts) {
        backoff.beforeRetry(attempt);
        return reconcile(attempt + 1);
      }
      return written.map(after -> cleanUp(plan, after, true));
    });
  }

  private static boolean mayReconcileAgain(PortFailure failure) {
    return failure.isConflict() || failure.kind() == PortFailure.Kind.UNKNOWN_OUTCOME;
  }

  /** Reads the store, the forge and the builds, and plans: every decision on one set of observations. */
  private Either<PortFailure, Tuple2<StoredPreviews, PreviewPlan>> observe() {
    return store.load().flatMap(stored -> pullRequests.listOpen().flatMap(open -> {
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
                .map(demand -> Tuple.of(stored, policy.reconcile(demand, stored.inventory(), now)));
          });
    }));
  }

  /** Which of these no-longer-open pull requests were merged; one the forge cannot say about counts as closed. */
  private SortedSet<PullRequestNumber> merged(SortedSet<PullRequestNumber> notOpen) {
    return notOpen.filter(pr -> pullRequests.state(pr)
        .map(state -> state.fold(open -> false, closed -> false, merged -> true))
        .getOrElse(false));
  }

  private PreviewReport cleanUp(PreviewPlan plan, StoredPreviews stored, boolean written) {
    Seq<Either<PreviewReport.CleanupFailure, PreviewEnvironment>> results = plan.cleanups()
        .map(preview -> cleanup.cleanUp(preview).<PreviewReport.CleanupFailure>mapLeft(f -> new PreviewReport.CleanupFailure(preview, f))
            .map(done -> preview));
    Seq<PreviewEnvironment> cleaned = results.filter(Either::isRight).map(Either::get);
    Seq<PreviewReport.CleanupFailure> failed = results.filter(Either::isLeft).map(Either::getLeft);
    Option<PortFailure> unrecorded = cleaned.isEmpty() ? Option.none() : record(stored, cleaned, 1);
    return new PreviewReport(plan, written, cleaned, failed, unrecorded);
  }

  /** Records the cleanups as done; on a lost race, re-reads and records those still pending. */
  private Option<PortFailure> record(StoredPreviews stored, Seq<PreviewEnvironment> cleaned, int attempt) {
    Seq<PreviewEnvironment> stillPending = cleaned.filter(p -> stored.inventory().pendingCleanups().get(p.pr()).contains(p));
    if (stillPending.isEmpty()) {
      return Option.none();
    }
    Either<PortFailure, StoredPreviews> recorded = store.cleanedUp(stored.version(), stillPending);
    if (recorded.isLeft() && recorded.getLeft().isConflict() && attempt < maxAttempts) {
      backoff.beforeRetry(attempt);
      return store.load().fold(Option::some, reread -> record(reread, stillPending, attempt + 1));
    }
    return recorded.swap().toOption();
  }
}
