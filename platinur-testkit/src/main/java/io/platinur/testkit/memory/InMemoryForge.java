package io.platinur.testkit.memory;

import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.BranchHeads;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.domain.environment.LaneConfiguration;
import io.platinur.port.ContinuousIntegration;
import io.platinur.port.Deployments;
import io.platinur.port.DigestDeployments;
import io.platinur.port.ForgePorts;
import io.platinur.port.GatePublisher;
import io.platinur.port.LanePorts;
import io.platinur.port.LaneStateStore;
import io.platinur.port.OpenPullRequests;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import io.platinur.port.PullRequestReviews;
import io.platinur.port.RetryBackoff;
import io.platinur.port.StagingRepository;
import io.platinur.port.TimeSource;
import io.platinur.port.memory.InMemoryLaneStateStore;
import java.time.Instant;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * A small, obviously-correct Git repository and pull-request host in memory, for use-case tests:
 * commits are content-addressed trees of path to content digest; branches move by
 * compare-and-swap; a promotion PR merges staging into production with a merge commit. Every port
 * call first asks its {@link Faults} whether to fail, so tests can inject a failure at any call.
 *
 * <p>It is a {@link LanePorts} bundle (its staging branch and a lane state store in memory, a fixed
 * time, no backoff) and a {@link ForgePorts} bundle (its pull requests; no CI, deployments or
 * reviews), so a test wires a staging lane in one line:
 *
 * <pre>{@code
 * InMemoryForge forge = InMemoryForge.of(config);
 * StagingLaneService lane = StagingLaneService.builder(config, forge, forge).build();
 * }</pre>
 */
public final class InMemoryForge implements StagingRepository, PullRequestHost, LanePorts, ForgePorts {
  /** The time a bundle of this forge gives audit entries unless a test gives its own clock. */
  public static final Instant FIXED_TIME = Instant.parse("2026-01-01T00:00:00Z");

  /**
   * Decides, per port call, whether it fails: before doing anything, or after doing its work (the
   * caller sees a failure although the change happened, as when a connection drops).
   */
  public interface Faults {
    Option<PortFailure> before(String call);

    default Option<PortFailure> after(String call) {
      return Option.none();
    }

    Faults NONE = call -> Option.none();
  }

  private record Commit(List<CommitId> parents, TreeMap<String, String> tree, String title, Option<ProposalId> proposal, io.vavr.collection.SortedSet<RepoPath> files) {}

  private record Pull(PullRequestNumber number, BranchName head, BranchName base, Option<CommitId> mergeCommit, boolean closed) {}

  private final BranchName staging;
  private final BranchName production;
  private Map<CommitId, Commit> commits = HashMap.empty();
  private Map<BranchName, CommitId> branches = HashMap.empty();
  private Map<PullRequestNumber, Pull> pulls = TreeMap.empty();
  private volatile Faults faults = Faults.NONE;

  private final LaneStateStore laneStateStore;
  private final ForgePorts forgePorts;

  public InMemoryForge(BranchName staging, BranchName production) {
    this.staging = staging;
    this.production = production;
    this.laneStateStore = new InMemoryLaneStateStore(this);
    this.forgePorts = ForgePorts.builder().pullRequests(this).build();
    CommitId root = store(new Commit(List.empty(), TreeMap.of("README.md", digest("hello")), "Initial commit", Option.none(), TreeSet.empty()));
    branches = branches.put(staging, root).put(production, root);
  }

  /** A forge with the branches of {@code config}, each at one initial commit. */
  public static InMemoryForge of(LaneConfiguration config) {
    return new InMemoryForge(config.stagingBranch(), config.productionBranch());
  }

  @Override
  public StagingRepository staging() {
    return this;
  }

  /** A lane state store in memory beside this repository, one per forge. */
  @Override
  public LaneStateStore laneStateStore() {
    return laneStateStore;
  }

  /** {@link #FIXED_TIME}: give a test's clock with the entry point's {@code clock(…)}. */
  @Override
  public TimeSource timeSource() {
    return () -> FIXED_TIME;
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

  /** Not kept here: answers {@code UNAVAILABLE}. */
  @Override
  public OpenPullRequests openPullRequests() {
    return forgePorts.openPullRequests();
  }

  /** Not kept here: answers {@code UNAVAILABLE}. */
  @Override
  public PullRequestReviews reviews() {
    return forgePorts.reviews();
  }

  /** Not kept here: answers {@code UNAVAILABLE}. */
  @Override
  public ContinuousIntegration ci() {
    return forgePorts.ci();
  }

  /** Not kept here: answers {@code UNAVAILABLE}. */
  @Override
  public Deployments deployments() {
    return forgePorts.deployments();
  }

  /** Not kept here: answers {@code UNAVAILABLE}. */
  @Override
  public DigestDeployments digestDeployments() {
    return forgePorts.digestDeployments();
  }

  /** Nowhere. */
  @Override
  public GatePublisher gatePublisher() {
    return GatePublisher.NONE;
  }

  public void injectFaults(Faults injected) {
    this.faults = injected;
  }

  public synchronized CommitId head(BranchName branch) {
    return branches.get(branch).get();
  }

  public synchronized int pullCount() {
    return pulls.size();
  }

  /** What a path holds at a commit (its content digest), if anything. */
  public synchronized Option<String> fileAt(CommitId commit, String path) {
    return commits.get(commit).get().tree.get(path);
  }

  /** Somebody forces a branch to a commit, outside Platinur. */
  public synchronized void forceBranch(BranchName branch, CommitId commit) {
    branches = branches.put(branch, commit);
  }

  /** Somebody pushes a commit straight to a branch, outside Platinur. */
  public synchronized CommitId pushOutside(BranchName branch, String path, String content) {
    CommitId parent = head(branch);
    CommitId id = store(new Commit(List.of(parent), commits.get(parent).get().tree.put(path, digest(content)),
        "Outside change", Option.none(), TreeSet.empty()));
    branches = branches.put(branch, id);
    return id;
  }

  // ---- StagingRepository ----

  @Override
  public synchronized Either<PortFailure, BranchHeads> heads() {
    return guard("heads", () -> Either.right(new BranchHeads(head(staging), head(production))));
  }

  @Override
  public synchronized Either<PortFailure, CommitId> writeProposalCommit(CommitId parent, Proposal proposal, CommitAuthor author) {
    return guard("writeProposalCommit", () -> {
      Option<Commit> base = commits.get(parent);
      if (base.isEmpty()) {
        return Either.left(PortFailure.of(PortFailure.Kind.NOT_FOUND, "No commit " + parent + "."));
      }
      TreeMap<String, String> tree = base.get().tree;
      for (var change : proposal.changes()) {
        String path = change._1.value();
        TreeMap<String, String> current = tree;
        tree = change._2.fold(write -> current.put(path, digest(write.content())), delete -> current.remove(path));
      }
      if (tree.equals(base.get().tree)) {
        return Either.left(PortFailure.of(PortFailure.Kind.NOTHING_TO_CHANGE, "Proposal ‘" + proposal.title() + "’ changes nothing on staging."));
      }
      return Either.right(store(new Commit(List.of(parent), tree, proposal.title(), Option.some(proposal.id()), proposal.fileSet())));
    });
  }

  @Override
  public synchronized Either<PortFailure, Seq<CommitId>> rebuild(CommitId onto, Seq<CommitId> toRebuild, CommitAuthor committer) {
    return guard("rebuild", () -> {
      CommitId current = onto;
      List<CommitId> rebuilt = List.empty();
      for (CommitId id : toRebuild) {
        Commit original = commits.get(id).get();
        TreeMap<String, String> tree = commits.get(current).get().tree;
        for (RepoPath path : original.files) {
          Option<String> after = original.tree.get(path.value());
          tree = after.isDefined() ? tree.put(path.value(), after.get()) : tree.remove(path.value());
        }
        current = store(new Commit(List.of(current), tree, original.title, original.proposal, original.files));
        rebuilt = rebuilt.append(current);
      }
      return Either.right(rebuilt);
    });
  }

  @Override
  public synchronized Either<PortFailure, RecordedBatch> readBatch() {
    return guard("readBatch", () -> {
      CommitId productionHead = head(production);
      List<StagedProposal> found = List.empty();
      CommitId at = head(staging);
      while (!reachable(at, productionHead)) {
        Commit commit = commits.get(at).get();
        if (commit.proposal.isDefined()) {
          found = found.prepend(new StagedProposal(commit.proposal.get(), commit.title, commit.files, at));
        }
        at = commit.parents.head();
      }
      return Either.right(new RecordedBatch(at, found));
    });
  }

  @Override
  public synchronized Either<PortFailure, CommitId> moveStaging(CommitId expected, CommitId next) {
    return guard("moveStaging", () -> {
      if (!head(staging).equals(expected)) {
        return Either.left(PortFailure.of(PortFailure.Kind.CONFLICT, "Staging is at " + head(staging) + ", not " + expected + "."));
      }
      if (!commits.containsKey(next)) {
        return Either.left(PortFailure.of(PortFailure.Kind.NOT_FOUND, "No commit " + next + "."));
      }
      branches = branches.put(staging, next);
      return Either.right(next);
    });
  }

  @Override
  public synchronized Either<PortFailure, Boolean> isAncestor(CommitId ancestor, CommitId descendant) {
    return guard("isAncestor", () -> Either.right(reachable(ancestor, descendant)));
  }

  // ---- PullRequestHost ----

  @Override
  public synchronized Either<PortFailure, PromotionPullRequest> openPromotionPr(BranchName head, BranchName base, String title, String body) {
    return guard("openPromotionPr", () -> {
      Option<Pull> open = pulls.values().find(p -> p.head.equals(head) && p.base.equals(base) && isOpen(p));
      Pull pull = open.getOrElse(() -> new Pull(PullRequestNumber.of(pulls.size() + 1L), head, base, Option.none(), false));
      pulls = pulls.put(pull.number, pull);
      return Either.right(view(pull));
    });
  }

  @Override
  public synchronized Either<PortFailure, Option<PromotionPullRequest>> findOpenPromotionPr(BranchName head, BranchName base) {
    return guard("findOpenPromotionPr", () ->
        Either.right(pulls.values().find(p -> p.head.equals(head) && p.base.equals(base) && isOpen(p)).map(this::view)));
  }

  @Override
  public synchronized Either<PortFailure, PullRequestState> state(PullRequestNumber pr) {
    return guard("state", () -> pulls.get(pr)
        .<Either<PortFailure, PullRequestState>>map(p -> Either.right(stateOf(p)))
        .getOrElse(() -> Either.left(PortFailure.of(PortFailure.Kind.NOT_FOUND, "No pull request " + pr + "."))));
  }

  @Override
  public synchronized Either<PortFailure, CommitId> merge(PullRequestNumber pr, CommitId expectedHead) {
    return guard("merge", () -> {
      Option<Pull> found = pulls.get(pr);
      if (found.isEmpty()) {
        return Either.left(PortFailure.of(PortFailure.Kind.NOT_FOUND, "No pull request " + pr + "."));
      }
      Pull pull = found.get();
      if (pull.mergeCommit.isDefined()) {
        return Either.right(pull.mergeCommit.get());
      }
      if (pull.closed) {
        return Either.left(PortFailure.of(PortFailure.Kind.REJECTED, "Pull request " + pr + " is closed."));
      }
      CommitId head = head(pull.head);
      if (!head.equals(expectedHead)) {
        return Either.left(PortFailure.of(PortFailure.Kind.CONFLICT, "Head of " + pr + " moved to " + head.abbreviated() + "."));
      }
      CommitId merge = store(new Commit(List.of(head(pull.base), head), commits.get(head).get().tree,
          "Merge pull request " + pr, Option.none(), TreeSet.empty()));
      branches = branches.put(pull.base, merge);
      pulls = pulls.put(pr, new Pull(pr, pull.head, pull.base, Option.some(merge), false));
      return Either.right(merge);
    });
  }

  @Override
  public synchronized Either<PortFailure, PullRequestState> close(PullRequestNumber pr) {
    return guard("close", () -> pulls.get(pr)
        .<Either<PortFailure, PullRequestState>>map(p -> {
          Pull closed = p.mergeCommit.isDefined() ? p : new Pull(pr, p.head, p.base, Option.none(), true);
          pulls = pulls.put(pr, closed);
          return Either.right(stateOf(closed));
        })
        .getOrElse(() -> Either.left(PortFailure.of(PortFailure.Kind.NOT_FOUND, "No pull request " + pr + "."))));
  }

  // ---- internals ----

  private <T> Either<PortFailure, T> guard(String call, Supplier<Either<PortFailure, T>> body) {
    Option<PortFailure> failure = faults.before(call);
    if (failure.isDefined()) {
      return Either.left(failure.get());
    }
    Either<PortFailure, T> result = body.get();
    Option<PortFailure> late = faults.after(call);
    return late.isDefined() ? Either.left(late.get()) : result;
  }

  private static boolean isOpen(Pull pull) {
    return pull.mergeCommit.isEmpty() && !pull.closed;
  }

  private PullRequestState stateOf(Pull pull) {
    if (pull.mergeCommit.isDefined()) {
      return new PullRequestState.Merged(pull.mergeCommit.get());
    }
    return pull.closed ? new PullRequestState.ClosedUnmerged() : new PullRequestState.Open(head(pull.head));
  }

  private PromotionPullRequest view(Pull pull) {
    return new PromotionPullRequest(pull.number, pull.head, pull.base, head(pull.head), Option.none());
  }

  private boolean reachable(CommitId ancestor, CommitId from) {
    List<CommitId> todo = List.of(from);
    io.vavr.collection.Set<CommitId> seen = io.vavr.collection.HashSet.empty();
    while (!todo.isEmpty()) {
      CommitId at = todo.head();
      todo = todo.tail();
      if (at.equals(ancestor)) {
        return true;
      }
      if (!seen.contains(at)) {
        seen = seen.add(at);
        todo = todo.prependAll(commits.get(at).get().parents);
      }
    }
    return false;
  }

  private CommitId store(Commit commit) {
    CommitId id = CommitId.of(digest(commit.parents + "|" + commit.tree + "|" + commit.title + "|" + commit.proposal + "|" + commits.size()));
    commits = commits.put(id, commit);
    return id;
  }

  private static String digest(String text) {
    return digest(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
