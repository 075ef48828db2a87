package io.platinur.testkit.memory;

import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.BuildArtifacts;
import io.platinur.port.ContinuousIntegration;
import io.platinur.port.Deployments;
import io.platinur.port.DigestDeployments;
import io.platinur.port.ForgePorts;
import io.platinur.port.GatePublisher;
import io.platinur.port.OpenPullRequests;
import io.platinur.port.PullRequestHost;
import io.platinur.port.PullRequestReviews;
import io.platinur.port.PortFailure;
import io.platinur.port.TimeSource;
import io.platinur.testkit.memory.InMemoryForge.Faults;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.function.Supplier;

/**
 * Pull requests and their builds in memory, for preview tests: open, push, label, close, merge and
 * reopen pull requests (each stamps the PR's update time from the given clock), and publish the
 * digest built from a commit. Every read first asks its {@link Faults} whether to fail.
 *
 * <p>As a {@link ForgePorts} bundle it lists its open pull requests; the other forge ports answer
 * {@code UNAVAILABLE}. With an {@link InMemoryPreviewStore}, previews are wired in one line:
 * {@code PreviewEnvironmentService.builder(store, pulls, pulls).clock(clock).build()}.
 */
public final class InMemoryPullRequests implements OpenPullRequests, BuildArtifacts, ForgePorts {
  private static final ForgePorts NOT_KEPT = ForgePorts.builder().build();

  private enum State { OPEN, CLOSED, MERGED }

  private SortedMap<PullRequestNumber, OpenPullRequest> pulls = TreeMap.empty();
  private Map<PullRequestNumber, State> states = HashMap.empty();
  private Map<CommitId, ImageDigest> builds = HashMap.empty();
  private final TimeSource time;
  private volatile Faults faults = Faults.NONE;

  public InMemoryPullRequests(TimeSource time) {
    this.time = time;
  }

  @Override
  public OpenPullRequests openPullRequests() {
    return this;
  }

  /** Not kept here: answers {@code UNAVAILABLE}. */
  @Override
  public PullRequestHost pullRequests() {
    return NOT_KEPT.pullRequests();
  }

  /** Not kept here: answers {@code UNAVAILABLE}. */
  @Override
  public PullRequestReviews reviews() {
    return NOT_KEPT.reviews();
  }

  /** Not kept here: answers {@code UNAVAILABLE}. */
  @Override
  public ContinuousIntegration ci() {
    return NOT_KEPT.ci();
  }

  /** Not kept here: answers {@code UNAVAILABLE}. */
  @Override
  public Deployments deployments() {
    return NOT_KEPT.deployments();
  }

  /** Not kept here: answers {@code UNAVAILABLE}. */
  @Override
  public DigestDeployments digestDeployments() {
    return NOT_KEPT.digestDeployments();
  }

  @Override
  public GatePublisher gatePublisher() {
    return GatePublisher.NONE;
  }

  public void injectFaults(Faults injected) {
    this.faults = injected;
  }

  /** Opens pull request {@code n} from {@code feature-<n>} into {@code base} at {@code head}. */
  public synchronized void open(long n, String base, CommitId head, String... labels) {
    PullRequestNumber number = PullRequestNumber.of(n);
    pulls = pulls.put(number, new OpenPullRequest(number, BranchName.of("feature-" + n), BranchName.of(base), head, TreeSet.of(labels), time.now()));
    states = states.put(number, State.OPEN);
  }

  public synchronized void push(long n, CommitId head) {
    change(n, pr -> new OpenPullRequest(pr.number(), pr.head(), pr.base(), head, pr.labels(), time.now()));
  }

  public synchronized void label(long n, String label) {
    change(n, pr -> new OpenPullRequest(pr.number(), pr.head(), pr.base(), pr.headCommit(), pr.labels().add(label), time.now()));
  }

  public synchronized void unlabel(long n, String label) {
    change(n, pr -> new OpenPullRequest(pr.number(), pr.head(), pr.base(), pr.headCommit(), pr.labels().remove(label), time.now()));
  }

  public synchronized void close(long n) {
    states = states.put(PullRequestNumber.of(n), State.CLOSED);
  }

  public synchronized void merge(long n) {
    states = states.put(PullRequestNumber.of(n), State.MERGED);
  }

  /** Reopens a closed (not merged) pull request; its update time moves. */
  public synchronized void reopen(long n) {
    PullRequestNumber number = PullRequestNumber.of(n);
    if (states.get(number).contains(State.CLOSED)) {
      states = states.put(number, State.OPEN);
      change(n, pr -> new OpenPullRequest(pr.number(), pr.head(), pr.base(), pr.headCommit(), pr.labels(), time.now()));
    }
  }

  /** The build of {@code commit} finished as {@code digest}. */
  public synchronized void build(CommitId commit, ImageDigest digest) {
    builds = builds.put(commit, digest);
  }

  /** The open pull requests now, without faults. */
  public synchronized Seq<OpenPullRequest> open() {
    Map<PullRequestNumber, State> now = states;
    return pulls.values().filter(pr -> now.get(pr.number()).contains(State.OPEN));
  }

  /** Whether pull request {@code n} exists and is open. */
  public synchronized boolean isOpen(long n) {
    return states.get(PullRequestNumber.of(n)).contains(State.OPEN);
  }

  public synchronized Option<ImageDigest> builtDigest(CommitId commit) {
    return builds.get(commit);
  }

  @Override
  public synchronized Either<PortFailure, Seq<OpenPullRequest>> listOpen() {
    return guard("pulls.listOpen", () -> Either.right(open()));
  }

  @Override
  public synchronized Either<PortFailure, PullRequestState> state(PullRequestNumber pr) {
    // read under this lock: the lambdas below run inside it, but as methods of their own
    Option<OpenPullRequest> pull = pulls.get(pr);
    Option<State> state = states.get(pr);
    return guard("pulls.state", () -> pull
        .<Either<PortFailure, PullRequestState>>map(found -> switch (state.get()) {
          case OPEN -> Either.right(new PullRequestState.Open(found.headCommit()));
          case CLOSED -> Either.right(new PullRequestState.ClosedUnmerged());
          case MERGED -> Either.right(new PullRequestState.Merged(CommitId.of(String.format("%040x", pr.value()))));
        })
        .getOrElse(() -> Either.left(PortFailure.of(PortFailure.Kind.NOT_FOUND, "No pull request " + pr + "."))));
  }

  @Override
  public synchronized Either<PortFailure, Option<ImageDigest>> digestOf(CommitId commit) {
    Option<ImageDigest> digest = builds.get(commit);
    return guard("builds.digestOf", () -> Either.right(digest));
  }

  private void change(long n, java.util.function.UnaryOperator<OpenPullRequest> update) {
    PullRequestNumber number = PullRequestNumber.of(n);
    Option<OpenPullRequest> found = pulls.get(number);
    if (found.isDefined()) {
      pulls = pulls.put(number, update.apply(found.get()));
    }
  }

  private <T> Either<PortFailure, T> guard(String call, Supplier<Either<PortFailure, T>> body) {
    Option<PortFailure> failure = faults.before(call);
    if (failure.isDefined()) {
      return Either.left(failure.get());
    }
    Either<PortFailure, T> result = body.get();
    Option<PortFailure> late = faults.after(call);
    return late.isDefined() ? Either.left(late.get()) : result;
  }
}
