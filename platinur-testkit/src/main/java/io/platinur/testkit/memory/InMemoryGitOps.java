package io.platinur.testkit.memory;

import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.DigestDeployment;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinFileProblem;
import io.platinur.domain.digest.PinKey;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.Promotion;
import io.platinur.domain.digest.PromotionBranch;
import io.platinur.domain.digest.PromotionDiff;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackPlan;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.forge.Review;
import io.platinur.domain.forge.ReviewState;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.CanaryAnalysis;
import io.platinur.port.Deployments;
import io.platinur.port.DigestPromotionStore;
import io.platinur.port.ForgePorts;
import io.platinur.port.GatePublisher;
import io.platinur.port.GitOpsPorts;
import io.platinur.port.RetryBackoff;
import io.platinur.port.memory.InMemoryDigestPromotionStore;
import io.platinur.port.ContinuousIntegration;
import io.platinur.port.DigestDeployments;
import io.platinur.port.OpenPullRequests;
import io.platinur.port.PinBranches;
import io.platinur.port.PinSnapshot;
import io.platinur.port.PinnedDigests;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import io.platinur.port.PullRequestReviews;
import io.platinur.port.TimeSource;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * A GitOps repository and its forge in memory, for tests of code that drives digest promotion:
 * commits hold the pins (and any other files a test adds); promotion and rollback branches are one
 * commit on the GitOps branch; PRs open, merge (applying the branch's change onto the GitOps
 * branch's head, as a squash merge does) and close; CI, reviews, deployment statuses and canary
 * verdicts are whatever the test sets. On merge, the new pin is recorded as deployed healthy at the
 * time source's now, as a CD pipeline would. Files other than pins live at their repository paths;
 * a pin's values file counts as a file of its environment directory (content: the digest).
 */
public final class InMemoryGitOps
    implements GitOpsPorts, ForgePorts, PinnedDigests, PinBranches, PullRequestHost, OpenPullRequests, PullRequestReviews, ContinuousIntegration, DigestDeployments,
        CanaryAnalysis {

  /**
   * One commit: the pins, every other file, and the values files that cannot be read (their pin is
   * not in {@code pins}). A file at a values file's path in {@code otherFiles} stands for the rest of
   * that values file, everything but the pin scalar.
   */
  private record Commit(Option<CommitId> parent, Pins pins, Map<String, String> otherFiles, Map<RepoPath, PinFileProblem> unreadable) {
    Commit(Option<CommitId> parent, Pins pins, Map<String, String> otherFiles) {
      this(parent, pins, otherFiles, HashMap.empty());
    }

    Commit child(CommitId parent, Pins pins, Map<String, String> otherFiles) {
      return new Commit(Option.some(parent), pins, otherFiles, unreadable);
    }
  }

  private record Pull(PullRequestNumber number, BranchName head, BranchName base, String author, PullRequestState state) {}

  private final BranchName main;
  private final PinLayout layout;
  private final TimeSource time;
  private Map<CommitId, Commit> commits = HashMap.empty();
  private Map<BranchName, CommitId> branches = HashMap.empty();
  private Map<PullRequestNumber, Pull> pulls = HashMap.empty();
  private Map<PullRequestNumber, Seq<Review>> reviews = HashMap.empty();
  private Seq<DigestDeployment> deployments = List.empty();
  private Map<CommitId, CiState> ci = HashMap.empty();
  private CiState defaultCi = CiState.GREEN;
  private Map<PromotionTarget, CanaryVerdict> verdicts = HashMap.empty();
  private String prAuthor = "platinur-bot";
  private int counter;

  private final DigestPromotionStore store = new InMemoryDigestPromotionStore();

  public InMemoryGitOps(BranchName main, PinLayout layout, Pins initial, TimeSource time) {
    this.main = Objects.requireNonNull(main, "main");
    this.layout = Objects.requireNonNull(layout, "layout");
    this.time = Objects.requireNonNull(time, "time");
    CommitId root = nextId();
    commits = commits.put(root, new Commit(Option.none(), initial, HashMap.empty()));
    branches = branches.put(main, root);
  }

  // ---- the bundles: a GitOps repository and its forge, for the entry points -------------------
  // DigestPromotionService.builder(gitops, gitops, gitops).build() wires promote by digest on it.

  @Override
  public BranchName branch() {
    return main;
  }

  @Override
  public PinLayout layout() {
    return layout;
  }

  @Override
  public PinnedDigests pins() {
    return this;
  }

  @Override
  public PinBranches pinBranches() {
    return this;
  }

  /** The promotions' store, in memory, one per repository. */
  @Override
  public DigestPromotionStore digestPromotionStore() {
    return store;
  }

  @Override
  public TimeSource timeSource() {
    return time;
  }

  /** Retry at once. */
  @Override
  public RetryBackoff retryBackoff() {
    return RetryBackoff.none();
  }

  @Override
  public PullRequestHost pullRequests() {
    return this;
  }

  @Override
  public OpenPullRequests openPullRequests() {
    return this;
  }

  @Override
  public PullRequestReviews reviews() {
    return this;
  }

  @Override
  public ContinuousIntegration ci() {
    return this;
  }

  /** The staging lane's deployments are not kept here: answers {@code UNAVAILABLE}. */
  @Override
  public Deployments deployments() {
    return (environment, commit) -> Either.left(PortFailure.of(PortFailure.Kind.UNAVAILABLE,
        "An in-memory GitOps repository keeps the deployments of digests, not of the staging lane's commits."));
  }

  @Override
  public DigestDeployments digestDeployments() {
    return this;
  }

  @Override
  public GatePublisher gatePublisher() {
    return GatePublisher.NONE;
  }

  // ---- what a test sets ---------------------------------------------------------------------

  /** Records a deployment status. */
  public synchronized void deploy(EnvironmentName environment, ServiceName service, ImageDigest digest, DeploymentState state, Instant at) {
    deployments = deployments.append(new DigestDeployment(environment, service, digest, state, at));
  }

  /** Pins {@code digest} directly on the GitOps branch (a new build landing in the first environment), deployed healthy now. */
  public synchronized CommitId pinDirectly(EnvironmentName environment, ServiceName service, ImageDigest digest) {
    CommitId head = branches.get(main).get();
    Commit base = commits.get(head).get();
    CommitId next = nextId();
    Commit pinned = base.child(head, base.pins().with(environment, service, digest), base.otherFiles());
    commits = commits.put(next, new Commit(pinned.parent(), pinned.pins(), pinned.otherFiles(),
        pinned.unreadable().remove(layout.pinPath(environment, service))));
    branches = branches.put(main, next);
    deploy(environment, service, digest, DeploymentState.SUCCESS, time.now());
    return next;
  }

  /**
   * Makes {@code service}'s values file in {@code environment} unreadable on the GitOps branch, in a
   * new commit: its pin is gone and the pins report {@code problem} (what a Git repository reports
   * for a file without the key, a key holding a mapping, YAML that does not parse…).
   */
  public synchronized CommitId unreadable(EnvironmentName environment, ServiceName service, PinFileProblem problem) {
    RepoPath file = layout.pinPath(environment, service);
    if (!problem.file().equals(file)) {
      throw new IllegalArgumentException("The problem is about " + problem.file() + ", not " + file + ".");
    }
    CommitId head = branches.get(main).get();
    Commit base = commits.get(head).get();
    CommitId next = nextId();
    commits = commits.put(next, new Commit(Option.some(head), without(base.pins(), environment, service), base.otherFiles(),
        base.unreadable().put(file, problem)));
    branches = branches.put(main, next);
    return next;
  }

  private static Pins without(Pins pins, EnvironmentName environment, ServiceName service) {
    return new Pins(pins.byEnvironment().computeIfPresent(environment, (env, services) -> services.remove(service))._2);
  }

  public synchronized void ciAt(CommitId commit, CiState state) {
    ci = ci.put(commit, state);
  }

  public synchronized void defaultCi(CiState state) {
    defaultCi = state;
  }

  public synchronized void canary(PromotionTarget target, CanaryVerdict verdict) {
    verdicts = verdicts.put(target, verdict);
  }

  public synchronized void prAuthor(String login) {
    prAuthor = login;
  }

  /** Records {@code review} of the PR as given: its head commit and time may be any. */
  public synchronized void review(PullRequestNumber pr, Review review) {
    reviews = reviews.put(pr, reviews.get(pr).getOrElse(List.empty()).append(review));
  }

  /** {@code login} approves (or otherwise reviews) the PR's current head. */
  public synchronized void review(PullRequestNumber pr, String login, ReviewState state) {
    CommitId head = branches.get(pulls.get(pr).get().head()).get();
    reviews = reviews.put(pr, reviews.get(pr).getOrElse(List.empty()).append(new Review(login, state, head, time.now())));
  }

  /** Adds a file to a branch in a new commit (a PR that changes more than the pin). */
  public synchronized CommitId addFile(BranchName branch, String path, String content) {
    CommitId head = branches.get(branch).get();
    Commit tip = commits.get(head).get();
    CommitId next = nextId();
    commits = commits.put(next, tip.child(head, tip.pins(), tip.otherFiles().put(path, content)));
    branches = branches.put(branch, next);
    return next;
  }

  public synchronized CommitId head(BranchName branch) {
    return branches.get(branch).get();
  }

  /** The commit {@code commit} was written on; none for the first commit. */
  public synchronized Option<CommitId> parentOf(CommitId commit) {
    return commits.get(commit).flatMap(Commit::parent);
  }

  /** The branch's head, none when there is no such branch. */
  public synchronized Option<CommitId> headOf(BranchName branch) {
    return branches.get(branch);
  }

  public synchronized Pins pinsAt(CommitId commit) {
    return commits.get(commit).get().pins();
  }

  public synchronized int pullCount() {
    return pulls.size();
  }

  public synchronized Option<BranchName> headBranchOf(PullRequestNumber pr) {
    return pulls.get(pr).map(Pull::head);
  }

  // ---- PinnedDigests ------------------------------------------------------------------------

  @Override
  public synchronized Either<PortFailure, PinSnapshot> current() {
    return snapshot(branches.get(main).get());
  }

  @Override
  public synchronized Either<PortFailure, PinSnapshot> at(CommitId commit) {
    return commits.containsKey(commit) ? snapshot(commit) : Either.left(PortFailure.of(PortFailure.Kind.NOT_FOUND, "No commit " + commit + "."));
  }

  private Either<PortFailure, PinSnapshot> snapshot(CommitId commit) {
    Commit at = commits.get(commit).get();
    return Either.right(new PinSnapshot(commit, at.pins(), List.ofAll(at.unreadable().values()).sortBy(problem -> problem.file().value())));
  }

  @Override
  public synchronized Either<PortFailure, PromotionDiff> diff(CommitId head, RepoPath pinFile, PinKey key) {
    Option<Commit> tip = commits.get(head);
    if (tip.isEmpty()) {
      return Either.left(PortFailure.of(PortFailure.Kind.NOT_FOUND, "No commit " + head + "."));
    }
    Commit base = forkPoint(head);
    TreeSet<RepoPath> changed = TreeSet.empty();
    for (EnvironmentName env : tip.get().pins().byEnvironment().keySet().addAll(base.pins().byEnvironment().keySet())) {
      for (ServiceName service : tip.get().pins().services().addAll(base.pins().services())) {
        if (!tip.get().pins().pin(env, service).equals(base.pins().pin(env, service))) {
          changed = changed.add(layout.pinPath(env, service));
        }
      }
    }
    for (String path : tip.get().otherFiles().keySet().addAll(base.otherFiles().keySet())) {
      if (!tip.get().otherFiles().get(path).equals(base.otherFiles().get(path))) {
        changed = changed.add(RepoPath.of(path));
      }
    }
    for (RepoPath path : tip.get().unreadable().keySet().addAll(base.unreadable().keySet())) {
      if (!tip.get().unreadable().get(path).equals(base.unreadable().get(path))) {
        changed = changed.add(path);
      }
    }
    Option<ImageDigest> pinAfter = Option.none();
    for (EnvironmentName env : tip.get().pins().byEnvironment().keySet()) {
      for (ServiceName service : tip.get().pins().services()) {
        if (layout.pinPath(env, service).equals(pinFile)) {
          pinAfter = tip.get().pins().pin(env, service);
        }
      }
    }
    // the rest of the values file, beside the pin scalar, is the other file at its path
    boolean elsewhere = tip.get().unreadable().containsKey(pinFile)
        || !tip.get().otherFiles().get(pinFile.value()).equals(base.otherFiles().get(pinFile.value()));
    return Either.right(new PromotionDiff(changed, pinAfter, elsewhere));
  }

  @Override
  public synchronized Either<PortFailure, SortedMap<EnvironmentName, SortedMap<String, String>>> environmentFiles(
      CommitId commit, Seq<EnvironmentName> environments) {
    Option<Commit> at = commits.get(commit);
    if (at.isEmpty()) {
      return Either.left(PortFailure.of(PortFailure.Kind.NOT_FOUND, "No commit " + commit + "."));
    }
    SortedMap<EnvironmentName, SortedMap<String, String>> byEnvironment = TreeMap.empty();
    for (EnvironmentName env : environments) {
      String directory = layout.environmentDirectory(env);
      SortedMap<String, String> files = TreeMap.empty();
      for (ServiceName service : at.get().pins().services()) {
        Option<ImageDigest> pin = at.get().pins().pin(env, service);
        if (pin.isDefined()) {
          files = files.put(layout.pinPath(env, service).value().substring(directory.length()), pin.get().value());
        }
      }
      for (Tuple2<String, String> file : at.get().otherFiles().filterKeys(path -> path.startsWith(directory))) {
        files = files.put(file._1.substring(directory.length()), file._2);
      }
      byEnvironment = byEnvironment.put(env, files);
    }
    return Either.right(byEnvironment);
  }

  /** The first commit on the way back from {@code head} that the GitOps branch's history holds. */
  private Commit forkPoint(CommitId head) {
    java.util.Set<CommitId> onMain = new java.util.HashSet<>();
    Option<CommitId> walk = Option.some(branches.get(main).get());
    while (walk.isDefined()) {
      onMain.add(walk.get());
      walk = commits.get(walk.get()).get().parent();
    }
    CommitId at = head;
    while (!onMain.contains(at)) {
      at = commits.get(at).get().parent().get();
    }
    return commits.get(at).get();
  }

  // ---- PinBranches --------------------------------------------------------------------------

  @Override
  public synchronized Either<PortFailure, BranchName> writePromotion(Promotion promotion, CommitId base) {
    PromotionTarget target = promotion.target();
    return write(PromotionBranch.promotion(target).name(), base, target, promotion.digest());
  }

  @Override
  public synchronized Either<PortFailure, BranchName> writeRollback(RollbackPlan plan, CommitId base) {
    PromotionTarget target = plan.promotion().target();
    if (plan.promotion().previous().isEmpty()) {
      return Either.left(PortFailure.of(PortFailure.Kind.INVALID_REQUEST, "This in-memory repository cannot remove a pin."));
    }
    return write(PromotionBranch.rollback(target).name(), base, target, plan.promotion().previous().get());
  }

  private Either<PortFailure, BranchName> write(BranchName branch, CommitId base, PromotionTarget target, ImageDigest digest) {
    Option<Commit> onto = commits.get(base);
    if (onto.isEmpty()) {
      return Either.left(PortFailure.of(PortFailure.Kind.NOT_FOUND, "No commit " + base + "."));
    }
    RepoPath file = layout.pinPath(target.environment(), target.service());
    Option<PinFileProblem> problem = onto.get().unreadable().get(file);
    if (problem.isEmpty() && onto.get().pins().pin(target).isEmpty() && !onto.get().otherFiles().containsKey(file.value())) {
      problem = Option.some(new PinFileProblem.FileMissing(file));
    }
    if (problem.isDefined()) {
      return Either.left(PortFailure.of(PortFailure.Kind.INVALID_REQUEST, problem.get().message()));
    }
    Pins pins = onto.get().pins().with(target.environment(), target.service(), digest);
    Option<CommitId> existing = branches.get(branch);
    if (existing.isDefined()) {
      Commit tip = commits.get(existing.get()).get();
      if (tip.parent().contains(base) && tip.pins().equals(pins)) {
        return Either.right(branch);
      }
    }
    CommitId next = nextId();
    commits = commits.put(next, onto.get().child(base, pins, onto.get().otherFiles()));
    branches = branches.put(branch, next);
    return Either.right(branch);
  }

  // ---- PullRequestHost ----------------------------------------------------------------------

  @Override
  public synchronized Either<PortFailure, PromotionPullRequest> openPromotionPr(BranchName head, BranchName base, String title, String body) {
    Option<PromotionPullRequest> open = openBetween(head, base);
    if (open.isDefined()) {
      return Either.right(open.get());
    }
    PullRequestNumber number = PullRequestNumber.of(pulls.size() + 1);
    pulls = pulls.put(number, new Pull(number, head, base, prAuthor, new PullRequestState.Open(branches.get(head).get())));
    return Either.right(pr(pulls.get(number).get()));
  }

  @Override
  public synchronized Either<PortFailure, Option<PromotionPullRequest>> findOpenPromotionPr(BranchName head, BranchName base) {
    return Either.right(openBetween(head, base));
  }

  private Option<PromotionPullRequest> openBetween(BranchName head, BranchName base) {
    return pulls.values().find(p -> p.head().equals(head) && p.base().equals(base) && p.state() instanceof PullRequestState.Open)
        .map(this::pr);
  }

  // ---- OpenPullRequests ---------------------------------------------------------------------

  @Override
  public synchronized Either<PortFailure, Seq<OpenPullRequest>> listOpen() {
    return Either.right(pulls.values().filter(pull -> pull.state() instanceof PullRequestState.Open)
        .map(pull -> new OpenPullRequest(pull.number(), pull.head(), pull.base(), branches.get(pull.head()).get(), TreeSet.empty(), time.now()))
        .toList().sortBy(pr -> pr.number().value()));
  }

  private PromotionPullRequest pr(Pull pull) {
    return new PromotionPullRequest(pull.number(), pull.head(), pull.base(), branches.get(pull.head()).get(), Option.none());
  }

  @Override
  public synchronized Either<PortFailure, PullRequestState> state(PullRequestNumber pr) {
    return pulls.get(pr).<Either<PortFailure, PullRequestState>>map(pull -> Either.right(pull.state() instanceof PullRequestState.Open
            ? new PullRequestState.Open(branches.get(pull.head()).get())
            : pull.state()))
        .getOrElse(Either.left(PortFailure.of(PortFailure.Kind.NOT_FOUND, "No pull request " + pr + ".")));
  }

  @Override
  public synchronized Either<PortFailure, CommitId> merge(PullRequestNumber number, CommitId expectedHead) {
    Option<Pull> found = pulls.get(number);
    if (found.isEmpty()) {
      return Either.left(PortFailure.of(PortFailure.Kind.NOT_FOUND, "No pull request " + number + "."));
    }
    Pull pull = found.get();
    if (pull.state() instanceof PullRequestState.Merged merged) {
      return Either.right(merged.mergeCommit());
    }
    if (pull.state() instanceof PullRequestState.ClosedUnmerged) {
      return Either.left(PortFailure.of(PortFailure.Kind.REJECTED, "Pull request " + number + " is closed."));
    }
    CommitId head = branches.get(pull.head()).get();
    if (!head.equals(expectedHead)) {
      return Either.left(PortFailure.of(PortFailure.Kind.CONFLICT, "Pull request " + number + " moved to " + head + "."));
    }
    // squash: apply what the branch changes (against where it forked) onto the base's head
    Commit fork = forkPoint(head);
    Commit tip = commits.get(head).get();
    CommitId baseHead = branches.get(pull.base()).get();
    Commit onto = commits.get(baseHead).get();
    Pins pins = onto.pins();
    Seq<DigestDeployment> deployed = List.empty();
    for (EnvironmentName env : tip.pins().byEnvironment().keySet()) {
      for (ServiceName service : tip.pins().services()) {
        Option<ImageDigest> after = tip.pins().pin(env, service);
        if (after.isDefined() && !after.equals(fork.pins().pin(env, service))) {
          pins = pins.with(env, service, after.get());
          deployed = deployed.append(new DigestDeployment(env, service, after.get(), DeploymentState.SUCCESS, time.now()));
        }
      }
    }
    Map<String, String> files = onto.otherFiles();
    for (String path : tip.otherFiles().keySet()) {
      if (!tip.otherFiles().get(path).equals(fork.otherFiles().get(path))) {
        files = files.put(path, tip.otherFiles().get(path).get());
      }
    }
    CommitId mergeCommit = nextId();
    commits = commits.put(mergeCommit, onto.child(baseHead, pins, files));
    branches = branches.put(pull.base(), mergeCommit);
    pulls = pulls.put(number, new Pull(number, pull.head(), pull.base(), pull.author(), new PullRequestState.Merged(mergeCommit)));
    deployments = deployments.appendAll(deployed);
    return Either.right(mergeCommit);
  }

  @Override
  public synchronized Either<PortFailure, PullRequestState> close(PullRequestNumber number) {
    Option<Pull> found = pulls.get(number);
    if (found.isEmpty()) {
      return Either.left(PortFailure.of(PortFailure.Kind.NOT_FOUND, "No pull request " + number + "."));
    }
    Pull pull = found.get();
    if (pull.state() instanceof PullRequestState.Open) {
      pulls = pulls.put(number, new Pull(number, pull.head(), pull.base(), pull.author(), new PullRequestState.ClosedUnmerged()));
    }
    return Either.right(pulls.get(number).get().state());
  }

  // ---- reviews, CI, deployments, canary -------------------------------------------------------

  @Override
  public synchronized Either<PortFailure, Seq<Review>> reviews(PullRequestNumber pr) {
    if (!pulls.containsKey(pr)) {
      return Either.left(PortFailure.of(PortFailure.Kind.NOT_FOUND, "No pull request " + pr + "."));
    }
    return Either.right(reviews.get(pr).getOrElse(List.empty()));
  }

  @Override
  public synchronized Either<PortFailure, String> author(PullRequestNumber pr) {
    return pulls.get(pr).<Either<PortFailure, String>>map(pull -> Either.right(pull.author()))
        .getOrElse(Either.left(PortFailure.of(PortFailure.Kind.NOT_FOUND, "No pull request " + pr + ".")));
  }

  @Override
  public synchronized Either<PortFailure, CiState> stateAt(CommitId commit) {
    return Either.right(ci.get(commit).getOrElse(defaultCi));
  }

  @Override
  public synchronized Either<PortFailure, Seq<DigestDeployment>> statuses(EnvironmentName environment, ServiceName service) {
    // oldest first by their own time, as a forge lists them
    return Either.right(deployments.filter(d -> d.environment().equals(environment) && d.service().equals(service)).sortBy(DigestDeployment::at));
  }

  @Override
  public synchronized Either<PortFailure, CanaryVerdict> verdict(PromotionTarget target, ImageDigest digest) {
    return Either.right(verdicts.get(target).getOrElse(CanaryVerdict.RUNNING));
  }

  private CommitId nextId() {
    counter++;
    return CommitId.of(String.format("%040x", 0xc0ffee0000L + counter));
  }
}
