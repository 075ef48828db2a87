package io.platinur.benchmarks.fleet;

import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.DigestDeployment;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotionEvent;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinKey;
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
import io.platinur.port.AuditEntry;
import io.platinur.port.CanaryAnalysis;
import io.platinur.port.ContinuousIntegration;
import io.platinur.port.DigestDeployments;
import io.platinur.port.DigestPromotionChange;
import io.platinur.port.DigestPromotionStore;
import io.platinur.port.OpenPullRequests;
import io.platinur.port.PinBranches;
import io.platinur.port.PinSnapshot;
import io.platinur.port.PinnedDigests;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import io.platinur.port.PullRequestReviews;
import io.platinur.port.memory.InMemoryDigestPromotionStore;
import io.platinur.testkit.memory.InMemoryGitOps;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * GitHub as the simulated day sees it: a GitOps repository with its pull requests, reviews, CI,
 * deployments and canary verdicts ({@link InMemoryGitOps}), and the promotions' record ref
 * ({@link InMemoryDigestPromotionStore}, one ref, every save a push), answering on virtual time.
 *
 * <p>Every call from a host takes its latency of virtual time (the calling strand sleeps) and takes
 * effect at its end, so hosts interleave between any two calls. The forge counts what GitHub
 * counts: every REST request against the primary limit, content-creating requests (opening,
 * merging, closing a PR) per minute and per hour, pushes per minute (branch writes, record saves and
 * merges), Git reads per second (pins, diffs, the record: Git, not REST), and concurrent requests. Without pacing it refuses a content-creating request over 80 a minute or 500
 * an hour with 403 and a retry-after, as GitHub does; pushes over 6 a minute are only counted (a
 * recommendation). Pacing is the hosts' own: their use cases wait for a shared {@link Pacing}
 * through the {@code WriteBudget} port before writing. It injects GitHub's faults: 405 "Base branch was modified" when another merge
 * moved the base while a merge ran, a 502 after a write took effect (its outcome unknown to the
 * caller), a PR read just after its merge answering the state before, dropped and early webhooks,
 * and a host crashing before any call.
 */
final class Forge implements PinnedDigests, PinBranches, PullRequestHost, OpenPullRequests, PullRequestReviews, ContinuousIntegration,
    DigestDeployments, CanaryAnalysis, DigestPromotionStore {

  /** Thrown into a host's use case when its process dies before a call. */
  static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Crash() {
      super("host crashed", null, false, false);
    }
  }

  /** What the forge tells a host's webhook endpoint. */
  sealed interface Webhook {
    PromotionBranch branch();

    record PrOpened(PromotionBranch branch, PullRequestNumber pr) implements Webhook {}

    record PrMerged(PromotionBranch branch, PullRequestNumber pr) implements Webhook {}
  }

  /** The fault rates and latencies of a day. */
  record Faults(double crashPerCall, double unknownOutcomePerWrite, double staleReadAfterMerge, double droppedWebhook,
      double earlyWebhook) {
    static Faults github() {
      return new Faults(0.0005, 0.01, 0.3, 0.03, 0.05);
    }
  }

  static final int PUSHES_PER_MINUTE = 6;
  static final int CREATING_PER_MINUTE = 80;
  static final int CREATING_PER_HOUR = 500;
  static final int REQUESTS_PER_HOUR = 12_500;
  static final int CONCURRENT = 100;
  static final int GIT_READS_PER_SECOND = 15;

  private final World world;
  private Faults faults;
  private final InMemoryGitOps gitops;
  private final InMemoryDigestPromotionStore store = new InMemoryDigestPromotionStore();
  private final Map<BranchName, PromotionBranch> branchNames = new HashMap<>();
  private final Map<PullRequestNumber, PromotionBranch> prBranches = new HashMap<>();
  private final Map<PullRequestNumber, StaleState> justMerged = new HashMap<>();
  private final Map<String, CanaryVerdict> verdicts = new HashMap<>();
  private final ThreadLocal<World.Strand> strands = new ThreadLocal<>();
  private boolean settling;
  private final Duration soak;
  private Consumer<Webhook> webhooks = hook -> { };

  // what was counted
  final Window requestsHour = new Window(Duration.ofHours(1));
  final Window requestsMinute = new Window(Duration.ofMinutes(1));
  final Window creatingMinute = new Window(Duration.ofMinutes(1));
  final Window creatingHour = new Window(Duration.ofHours(1));
  final Window pushesMinute = new Window(Duration.ofMinutes(1));
  final Window gitReadsSecond = new Window(Duration.ofSeconds(1));
  final Map<String, Long> refusals = new TreeMap<>();
  final Map<String, Long> pushesByKind = new TreeMap<>();
  final Map<String, Long> faultsInjected = new TreeMap<>();
  final Map<PullRequestNumber, Long> mergedRecorded = new HashMap<>();
  final Map<PullRequestNumber, Instant> mergedOnForge = new HashMap<>();
  /** The digest each merged PR pinned, read at its merge (a target's branch is written again for its next promotion). */
  final Map<PullRequestNumber, ImageDigest> mergedDigests = new HashMap<>();
  final Map<String, Long> minutesOverPushes = new TreeMap<>();
  Instant firstOverPushes;
  Instant firstRefusal;
  final Map<String, Instant> completedInProd = new HashMap<>();
  long rolledBackProd;
  final Map<String, Long> rollbackReasons = new TreeMap<>();
  long ungatedPins;
  long saveConflicts;
  long webhooksDropped;
  int concurrent;
  int peakConcurrent;

  private record StaleState(Instant until, PullRequestState before) {}

  Forge(World world, Faults faults, InMemoryGitOps gitops, Duration soak, Seq<ServiceName> services,
      Seq<EnvironmentName> environments) {
    this.world = world;
    this.faults = faults;
    this.gitops = gitops;
    this.soak = soak;
    for (ServiceName service : services) {
      for (EnvironmentName environment : environments) {
        PromotionTarget target = new PromotionTarget(service, environment);
        branchNames.put(PromotionBranch.promotion(target).name(), PromotionBranch.promotion(target));
        branchNames.put(PromotionBranch.rollback(target).name(), PromotionBranch.rollback(target));
      }
    }
  }

  /**
   * After the day: no more faults or crashes, and nothing counted against a limit, so one last sync
   * can record what is still unrecorded. A merge still unrecorded after it is lost.
   */
  void settle() {
    faults = new Faults(0, 0, 0, 0, 0);
    settling = true;
  }

  void onWebhook(Consumer<Webhook> endpoint) {
    this.webhooks = endpoint;
  }

  /** Runs {@code body} as a host's strand: its port calls then take virtual time. */
  void enter(World.Strand strand) {
    strands.set(strand);
  }

  /** The canary of {@code digest} in {@code target} gives {@code verdict} from now on. */
  void verdict(PromotionTarget target, ImageDigest digest, CanaryVerdict verdict) {
    verdicts.put(target + " " + digest, verdict);
  }

  Option<PromotionBranch> branchOf(PullRequestNumber pr) {
    return Option.of(prBranches.get(pr));
  }

  /** A person approves the open PR of {@code branch}, if there is one, outside every budget. */
  void approve(PromotionBranch branch, String reviewer) {
    gitops.findOpenPromotionPr(branch.name(), BranchName.of("main")).get()
        .forEach(pr -> gitops.review(pr.number(), reviewer, ReviewState.APPROVED));
  }

  // ---- the cost of a call ---------------------------------------------------------------------

  /** What a call costs: a REST request (against the primary limit) or a Git operation, a push, content created. */
  private enum Cost {
    READ(true, false, false), GIT_READ(false, false, false), PUSH(false, true, false), CREATING(true, false, true), MERGE(true, true, true);

    final boolean rest;
    final boolean push;
    final boolean creating;

    Cost(boolean rest, boolean push, boolean creating) {
      this.rest = rest;
      this.push = push;
      this.creating = creating;
    }
  }

  private <T> Either<PortFailure, T> call(String name, Cost cost, Duration latency, Supplier<Either<PortFailure, T>> body) {
    World.Strand strand = strands.get();
    if (strand == null) {
      return body.get();
    }
    if (settling) {
      strand.sleep(latency);
      return body.get();
    }
    if (world.chance(faults.crashPerCall())) {
      throw new Crash();
    }
    concurrent++;
    peakConcurrent = Math.max(peakConcurrent, concurrent);
    strand.sleep(latency);
    concurrent--;
    Instant now = world.now();
    if (cost == Cost.GIT_READ) {
      gitReadsSecond.add(now, 1);
    }
    if (cost.rest) {
      requestsHour.add(now, 1);
      requestsMinute.add(now, 1);
      if (requestsHour.at(now) > REQUESTS_PER_HOUR) {
        return refuse("primary limit", name, now, Duration.ofMinutes(10));
      }
    }
    if (cost.creating) {
      if (creatingMinute.at(now) >= CREATING_PER_MINUTE) {
        return refuse("80 content-creating requests a minute", name, now, Duration.ofSeconds(60));
      }
      if (creatingHour.at(now) >= CREATING_PER_HOUR) {
        return refuse("500 content-creating requests an hour", name, now, Duration.between(now, creatingHour.roomAt(now, 1,
            CREATING_PER_HOUR)));
      }
      creatingMinute.add(now, 1);
      creatingHour.add(now, 1);
    }
    if (cost.push) {
      pushesMinute.add(now, 1);
      pushesByKind.merge(name, 1L, Long::sum);
      if (pushesMinute.at(now) > PUSHES_PER_MINUTE) {
        minutesOverPushes.merge(now.toString().substring(0, 16), 1L, Long::sum);
        if (firstOverPushes == null) {
          firstOverPushes = now;
        }
      }
    }
    return body.get();
  }

  private <T> Either<PortFailure, T> refuse(String limit, String name, Instant now, Duration retryAfter) {
    refusals.merge(limit + " (" + name + ")", 1L, Long::sum);
    if (firstRefusal == null) {
      firstRefusal = now;
    }
    return Either.left(new PortFailure(PortFailure.Kind.RATE_LIMITED, "You have exceeded a secondary rate limit.", Option.some(retryAfter)));
  }

  private Duration read() {
    return world.between(Duration.ofMillis(80), Duration.ofMillis(300));
  }

  private Duration write() {
    return world.between(Duration.ofMillis(300), Duration.ofMillis(1200));
  }

  private <T> Either<PortFailure, T> maybeUnknown(String name, Either<PortFailure, T> done) {
    if (done.isRight() && strands.get() != null && world.chance(faults.unknownOutcomePerWrite())) {
      faultsInjected.merge("502 after " + name + " took effect", 1L, Long::sum);
      return Either.left(PortFailure.of(PortFailure.Kind.UNKNOWN_OUTCOME, "502 Bad Gateway: " + name + " may have taken effect."));
    }
    return done;
  }

  private void webhook(Webhook hook, Duration delay) {
    if (world.chance(faults.droppedWebhook())) {
      webhooksDropped++;
      return;
    }
    world.after(delay, () -> webhooks.accept(hook));
  }

  // ---- PinnedDigests ------------------------------------------------------------------------

  @Override
  public Either<PortFailure, PinSnapshot> current() {
    return call("read pins", Cost.GIT_READ, read(), gitops::current);
  }

  @Override
  public Either<PortFailure, PinSnapshot> at(CommitId commit) {
    return call("read pins", Cost.GIT_READ, read(), () -> gitops.at(commit));
  }

  @Override
  public Either<PortFailure, PromotionDiff> diff(CommitId head, RepoPath pinFile, PinKey key) {
    return call("compare", Cost.GIT_READ, read(), () -> gitops.diff(head, pinFile, key));
  }

  @Override
  public Either<PortFailure, SortedMap<EnvironmentName, SortedMap<String, String>>> environmentFiles(CommitId commit,
      Seq<EnvironmentName> environments) {
    return call("read files", Cost.GIT_READ, read(), () -> gitops.environmentFiles(commit, environments));
  }

  // ---- PinBranches: each write one push -------------------------------------------------------

  @Override
  public Either<PortFailure, BranchName> writePromotion(Promotion promotion, CommitId base) {
    return call("push promotion branch", Cost.PUSH, write(), () -> maybeUnknown("push", gitops.writePromotion(promotion, base)));
  }

  @Override
  public Either<PortFailure, BranchName> writeRollback(RollbackPlan plan, CommitId base) {
    return call("push rollback branch", Cost.PUSH, write(), () -> maybeUnknown("push", gitops.writeRollback(plan, base)));
  }

  // ---- PullRequestHost ----------------------------------------------------------------------

  @Override
  public Either<PortFailure, PromotionPullRequest> openPromotionPr(BranchName head, BranchName base, String title, String body) {
    PromotionBranch branch = branchNames.get(head);
    boolean early = strands.get() != null && world.chance(faults.earlyWebhook());
    Option<PromotionPullRequest> before = gitops.findOpenPromotionPr(head, base).get();
    if (early && before.isEmpty()) {
      // GitHub delivers the event before its API shows the PR: the receiver finds nothing yet
      faultsInjected.merge("early webhook", 1L, Long::sum);
      webhook(new Webhook.PrOpened(branch, PullRequestNumber.of(gitops.pullCount() + 1)), Duration.ZERO);
    }
    return call("open PR", Cost.CREATING, write(), () -> {
      Either<PortFailure, PromotionPullRequest> opened = gitops.openPromotionPr(head, base, title, body);
      opened.forEach(pr -> {
        if (!prBranches.containsKey(pr.number())) {
          prBranches.put(pr.number(), branch);
          if (!early) {
            webhook(new Webhook.PrOpened(branch, pr.number()), world.between(Duration.ofMillis(500), Duration.ofSeconds(3)));
          }
        }
      });
      return maybeUnknown("open PR", opened);
    });
  }

  @Override
  public Either<PortFailure, Option<PromotionPullRequest>> findOpenPromotionPr(BranchName head, BranchName base) {
    return call("find PR", Cost.READ, read(), () -> gitops.findOpenPromotionPr(head, base));
  }

  @Override
  public Either<PortFailure, PullRequestState> state(PullRequestNumber pr) {
    return call("read PR", Cost.READ, read(), () -> {
      StaleState stale = justMerged.get(pr);
      if (stale != null && world.now().isBefore(stale.until()) && world.chance(faults.staleReadAfterMerge())) {
        faultsInjected.merge("stale PR read after its merge", 1L, Long::sum);
        return Either.right(stale.before());
      }
      return gitops.state(pr);
    });
  }

  @Override
  public Either<PortFailure, CommitId> merge(PullRequestNumber pr, CommitId expectedHead) {
    // as the GitHub adapter does: read the PR first; only an open PR is merged (a PUT)
    Either<PortFailure, PullRequestState> read = call("read PR", Cost.READ, read(), () -> gitops.state(pr));
    if (read.isLeft()) {
      return Either.left(read.getLeft());
    }
    if (read.get() instanceof PullRequestState.Merged merged) {
      return Either.right(merged.mergeCommit());
    }
    if (read.get() instanceof PullRequestState.ClosedUnmerged) {
      return Either.left(PortFailure.of(PortFailure.Kind.REJECTED, "Pull request " + pr + " is closed."));
    }
    BranchName gitopsBranch = BranchName.of("main");
    CommitId baseAtStart = gitops.head(gitopsBranch);
    return call("merge PR", Cost.MERGE, write(), () -> {
      Either<PortFailure, PullRequestState> before = gitops.state(pr);
      boolean open = before.isRight() && before.get() instanceof PullRequestState.Open;
      if (open && !gitops.head(gitopsBranch).equals(baseAtStart)) {
        faultsInjected.merge("405 Base branch was modified", 1L, Long::sum);
        return Either.left(PortFailure.of(PortFailure.Kind.REJECTED, "405 Base branch was modified. Review and try the merge again."));
      }
      if (open) {
        checkGate(pr);
      }
      Either<PortFailure, CommitId> merged = gitops.merge(pr, expectedHead);
      if (open && merged.isRight()) {
        mergedOnForge.put(pr, world.now());
        Option.of(prBranches.get(pr)).forEach(branch -> mergedDigests.put(pr, gitops.pinsAt(expectedHead).pin(branch.target()).get()));
        justMerged.put(pr, new StaleState(world.now().plusSeconds(2), before.get()));
        PromotionBranch branch = prBranches.get(pr);
        if (branch != null) {
          webhook(new Webhook.PrMerged(branch, pr), world.between(Duration.ofMillis(500), Duration.ofSeconds(3)));
        }
      }
      return maybeUnknown("merge", merged);
    });
  }

  /** A prod promotion merges only a digest deployed healthy in staging for the soak, with an approval: else counted. */
  private void checkGate(PullRequestNumber pr) {
    PromotionBranch branch = prBranches.get(pr);
    if (branch == null || branch.kind() != PromotionBranch.Kind.PROMOTION || !branch.target().environment().value().equals("prod")) {
      return;
    }
    PromotionTarget target = branch.target();
    ImageDigest digest = gitops.pinsAt(gitops.head(branch.name())).pin(target).get();
    Instant soakedBy = world.now().minus(soak);
    boolean soaked = gitops.statuses(EnvironmentName.of("staging"), target.service()).get()
        .exists(d -> d.digest().equals(digest) && d.state() == DeploymentState.SUCCESS && !d.at().isAfter(soakedBy));
    boolean approved = gitops.reviews(pr).get().exists(review -> review.state() == ReviewState.APPROVED);
    if (!soaked || !approved) {
      ungatedPins++;
    }
  }

  @Override
  public Either<PortFailure, PullRequestState> close(PullRequestNumber pr) {
    return call("close PR", Cost.CREATING, write(), () -> gitops.close(pr));
  }

  @Override
  public Either<PortFailure, Seq<OpenPullRequest>> listOpen() {
    return call("list open PRs", Cost.READ, read(), gitops::listOpen);
  }

  // ---- reviews, CI, deployments, canary -------------------------------------------------------

  @Override
  public Either<PortFailure, Seq<Review>> reviews(PullRequestNumber pr) {
    return call("read reviews", Cost.READ, read(), () -> gitops.reviews(pr));
  }

  @Override
  public Either<PortFailure, String> author(PullRequestNumber pr) {
    return call("read PR author", Cost.READ, read(), () -> gitops.author(pr));
  }

  @Override
  public Either<PortFailure, CiState> stateAt(CommitId commit) {
    return call("read CI", Cost.READ, read(), () -> gitops.stateAt(commit));
  }

  @Override
  public Either<PortFailure, Seq<DigestDeployment>> statuses(EnvironmentName environment, ServiceName service) {
    return call("read deployments", Cost.READ, read(), () -> gitops.statuses(environment, service));
  }

  @Override
  public Either<PortFailure, CanaryVerdict> verdict(PromotionTarget target, ImageDigest digest) {
    return call("read canary", Cost.READ, read(), () -> Either.right(verdicts.getOrDefault(target + " " + digest, CanaryVerdict.RUNNING)));
  }

  // ---- the record ref: a fetch to load, a push to save ---------------------------------------

  @Override
  public Either<PortFailure, Option<Stored>> load() {
    return call("fetch record", Cost.GIT_READ, read(), store::load);
  }

  @Override
  public Either<PortFailure, Stored> save(Option<String> expected, Seq<DigestPromotion> latest, Seq<DigestPromotionEvent> events,
      AuditEntry audit) {
    return call("push record", Cost.PUSH, write(), () -> {
      Either<PortFailure, Stored> saved = store.save(expected, latest, events, audit);
      if (saved.isLeft() && saved.getLeft().isConflict()) {
        saveConflicts++;
      }
      saved.forEach(done -> events.forEach(event -> {
        if (event instanceof DigestPromotionEvent.DigestPrMerged merged) {
          mergedRecorded.merge(merged.pr(), 1L, Long::sum);
        } else if (event instanceof DigestPromotionEvent.RollbackOpened opened) {
          rollbackReasons.merge(String.valueOf(opened.reason()), 1L, Long::sum);
        } else if (event instanceof DigestPromotionEvent.PromotionRolledBack rolledBack) {
          mergedRecorded.merge(rolledBack.revertPr(), 1L, Long::sum);
          if (rolledBack.target().environment().value().equals("prod")) {
            rolledBackProd++;
          }
        } else if (event instanceof DigestPromotionEvent.PromotionCompleted completed
            && completed.target().environment().value().equals("prod")) {
          latest.find(p -> p.target().equals(completed.target()))
              .forEach(p -> completedInProd.putIfAbsent(p.promotion().digest().value(), world.now()));
        }
      }));
      return saved;
    });
  }

  @Override
  public Either<PortFailure, Seq<DigestPromotionChange>> history(Option<String> before, int limit) {
    return call("read history", Cost.GIT_READ, read(), () -> store.history(before, limit));
  }
}
