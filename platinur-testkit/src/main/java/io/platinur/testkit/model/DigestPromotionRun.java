package io.platinur.testkit.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.digest.PromotionFailure;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.DeploymentHealth;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotions;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.Promotion;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackReason;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.digest.StepPolicy;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.DigestDeployments;
import io.platinur.port.DigestPromotionStore;
import io.platinur.port.PinnedDigests;
import io.platinur.port.PullRequestHost;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Random command sequences of promote by digest — promote any service into any environment
 * (skips, digests from elsewhere and tags among them), CI results, approvals, deployment statuses
 * and canary verdicts arriving, time passing, complete, sync, rollback, a person closing a PR — run
 * against a {@link DigestPromotionService} over a {@link World}'s adapters and, side by side, a
 * small reference model written from ADR-0034's rules alone.
 *
 * <p>After every step it checks that the service and the model agree (the outcome, every target's
 * promotion, the pins, the open PRs) and, from what the adapters report alone, that a digest
 * entering environment N+1 was pinned and deployed healthy in environment N before (for prod: in
 * dev, then in staging, in that order), that nothing skips an environment, that a rollback restores
 * exactly the pin from before its promotion, that at most one promotion PR per target is open, and
 * that a refused or failed command changed nothing.
 *
 * <p>The path is dev → staging (automatic on green CI) → prod (one approval by alice or bob, an
 * hour of soak in staging, a canary with a 30-minute timeout); services api and web start pinned
 * in every environment ({@link #INITIAL}), each pin deployed healthy a day before {@link #T0}.
 */
public final class DigestPromotionRun {
  public static final ServiceName API = ServiceName.of("api");
  public static final ServiceName WEB = ServiceName.of("web");
  public static final EnvironmentName DEV = EnvironmentName.of("dev");
  public static final EnvironmentName STAGING = EnvironmentName.of("staging");
  public static final EnvironmentName PROD = EnvironmentName.of("prod");
  /** Not on the path. */
  public static final EnvironmentName QA = EnvironmentName.of("qa");
  public static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  public static final BranchName MAIN = BranchName.of("main");
  public static final String AUTHOR = "platinur-bot";
  public static final Duration CANARY_TIMEOUT = Duration.ofMinutes(30);
  public static final Duration SOAK = Duration.ofHours(1);
  public static final PromotionPath PATH = PromotionPath.start(DEV)
      .then(STAGING, StepPolicy.automatic())
      .then(PROD, StepPolicy.builder().requiredApprovals(1).addAllowedReviewers("alice", "bob")
          .minimumSoak(SOAK).canaryTimeout(Option.some(CANARY_TIMEOUT)).build())
      .buildOrThrow();
  public static final Pins INITIAL = Pins.none()
      .with(DEV, API, digest(0xa1)).with(STAGING, API, digest(0xa2)).with(PROD, API, digest(0xa3))
      .with(DEV, WEB, digest(0xb1)).with(STAGING, WEB, digest(0xb2)).with(PROD, WEB, digest(0xb3));
  /** New builds land in dev with one of these. */
  public static final List<ImageDigest> BUILDS = List.of(digest(0xc1), digest(0xc2), digest(0xc3));

  private static final List<ServiceName> SERVICES = List.of(API, WEB);
  private static final List<EnvironmentName> STEPS = List.of(STAGING, PROD);

  public static ImageDigest digest(int seed) {
    return ImageDigest.of("sha256:" + String.format("%02x", seed).repeat(32));
  }

  /**
   * What one implementation provides: the service wired to its adapters (time from the world's
   * clock), starting from {@link #INITIAL} deployed healthy a day before {@link #T0}, CI green, no
   * canary verdicts; and the means to make the outside world happen.
   */
  public interface World extends AutoCloseable {
    DigestPromotionService service();

    PinnedDigests pins();

    PullRequestHost pullRequests();

    DigestDeployments deployments();

    DigestPromotionStore store();

    /** A new build of {@code service} is pinned in dev on the GitOps branch, and deployed healthy now. */
    void build(ServiceName service, ImageDigest digest);

    /** A deployment status of {@code digest} arrives now. */
    void deploymentStatus(EnvironmentName environment, ServiceName service, ImageDigest digest, DeploymentState state);

    /** CI reports {@code state} for every commit from now on. */
    void ci(CiState state);

    /** {@code reviewer} approves the PR's current head now. */
    void approve(PullRequestNumber pr, String reviewer);

    void canary(PromotionTarget target, CanaryVerdict verdict);

    void advance(Duration by);

    /** After a step the service and the model agreed on: any check of the world's own (the Git diff of new merge commits). */
    default void checkAfterStep(DigestPromotions promotions) {}

    @Override
    default void close() {}
  }

  // ---- commands -----------------------------------------------------------------------------

  /** Which digest a promote command names. */
  public enum Named { NONE, SOURCE_PIN, BUILD_0, BUILD_1, INITIAL_OF_TARGET }

  /** One command of a sequence. */
  public sealed interface Command {}

  public record Build(ServiceName service, int build) implements Command {}

  public record Promote(ServiceName service, EnvironmentName target, Option<EnvironmentName> from, Named named) implements Command {}

  public record PromoteTag(ServiceName service, EnvironmentName target, String tag) implements Command {}

  public record Ci(CiState state) implements Command {}

  public record Approve(ServiceName service, String reviewer) implements Command {}

  public record DeployStatus(EnvironmentName environment, ServiceName service, DeploymentState state) implements Command {}

  public record Canary(ServiceName service, CanaryVerdict verdict) implements Command {}

  public record Wait(Duration duration) implements Command {}

  public record Complete(ServiceName service, EnvironmentName environment) implements Command {}

  public record Sync() implements Command {}

  public record Rollback(ServiceName service, EnvironmentName environment) implements Command {}

  public record ClosePr(ServiceName service, EnvironmentName environment) implements Command {}

  /**
   * A sequence drawn from {@code seed}: {@code noise} random commands, or, every other seed, a
   * {@linkplain #climb climb} with up to {@code noise} random commands slipped in.
   */
  public static List<Command> sequence(long seed, int noise) {
    Random random = new Random(seed);
    if (random.nextBoolean()) {
      List<Command> commands = new ArrayList<>();
      for (int i = 0; i < noise; i++) {
        commands.add(command(random));
      }
      return commands;
    }
    return climb(random, noise);
  }

  /**
   * A digest's climb to prod drawn from {@code seed} — promote (a person may close the PR),
   * sync, soak, promote, approve, complete (a person may close the PR first), a canary verdict, complete or sync, perhaps a
   * rollback in prod or staging, sync — with up to {@code noise} random commands slipped in between
   * its steps, so that sequences do reach prod and come back.
   */
  public static List<Command> climb(long seed, int noise) {
    return climb(new Random(seed), noise);
  }

  private static List<Command> climb(Random random, int noise) {
    ServiceName service = random.nextInt(10) < 7 ? API : WEB;
    List<Command> climb = new ArrayList<>(List.of(new Promote(service, STAGING, Option.none(), Named.NONE)));
    if (random.nextInt(6) == 0) {
      climb.add(new ClosePr(service, STAGING));
    }
    climb.addAll(List.of(new Sync(), new Wait(Duration.ofMinutes(70)),
        new Promote(service, PROD, Option.none(), Named.NONE), new Approve(service, "alice")));
    if (random.nextInt(6) == 0) {
      climb.add(new ClosePr(service, PROD));
    }
    climb.addAll(List.of(new Complete(service, PROD),
        new Canary(service, CanaryVerdict.values()[random.nextInt(CanaryVerdict.values().length)]),
        new Wait(Duration.ofMinutes(List.of(10, 40).get(random.nextInt(2)))),
        random.nextBoolean() ? new Complete(service, PROD) : new Sync()));
    int tail = random.nextInt(4);
    if (tail < 2) {
      climb.add(new Rollback(service, tail == 0 ? PROD : STAGING));
    }
    climb.add(new Sync());
    List<Command> commands = new ArrayList<>();
    int left = noise;
    for (Command step : climb) {
      while (left > 0 && random.nextInt(3) == 0) {
        commands.add(command(random));
        left--;
      }
      commands.add(step);
    }
    return commands;
  }

  private static Command command(Random random) {
    ServiceName service = random.nextInt(10) < 7 ? API : WEB;
    EnvironmentName step = STEPS.get(random.nextInt(2));
    int roll = random.nextInt(100);
    if (roll < 16) {
      int where = random.nextInt(20);
      EnvironmentName target = where == 0 ? DEV : where == 1 ? QA : where < 11 ? STAGING : PROD;
      int fromRoll = random.nextInt(10);
      Option<EnvironmentName> from = fromRoll < 7 ? Option.none() : fromRoll < 9 ? PATH.source(target) : Option.some(DEV);
      int namedRoll = random.nextInt(10);
      Named named = namedRoll < 6 ? Named.NONE : namedRoll < 8 ? Named.SOURCE_PIN : Named.values()[2 + random.nextInt(3)];
      return new Promote(service, target, from, named);
    }
    if (roll < 30) {
      return new Complete(service, random.nextInt(10) == 0 ? DEV : step);
    }
    if (roll < 40) {
      return new Sync();
    }
    if (roll < 50) {
      return new Wait(Duration.ofMinutes(List.of(10, 20, 40, 70).get(random.nextInt(4))));
    }
    if (roll < 60) {
      return new Approve(service, List.of("alice", "alice", "bob", "mallory", AUTHOR).get(random.nextInt(5)));
    }
    if (roll < 68) {
      return new Canary(service, CanaryVerdict.values()[random.nextInt(CanaryVerdict.values().length)]);
    }
    if (roll < 74) {
      return new Build(service, random.nextInt(BUILDS.size()));
    }
    if (roll < 79) {
      return new Ci(List.of(CiState.GREEN, CiState.GREEN, CiState.RED, CiState.PENDING).get(random.nextInt(4)));
    }
    if (roll < 85) {
      EnvironmentName env = List.of(DEV, STAGING, STAGING, PROD).get(random.nextInt(4));
      return new DeployStatus(env, service, random.nextBoolean() ? DeploymentState.FAILURE : DeploymentState.SUCCESS);
    }
    if (roll < 93) {
      return new Rollback(service, random.nextInt(10) == 0 ? DEV : step);
    }
    if (roll < 97) {
      return new ClosePr(service, step);
    }
    return new PromoteTag(service, step, List.of(service + ":latest", "v1.2", "sha256:" + "AB".repeat(32), "sha256:abc").get(random.nextInt(4)));
  }

  // ---- what a run reached -------------------------------------------------------------------

  /** What the runs of one property reached, so it can prove its sequences went everywhere. */
  public static final class Coverage {
    private final Set<String> outcomes = new TreeSet<>();
    private final Set<String> states = new TreeSet<>();
    private int prodArrivals;
    private int rollbacksRestored;
    private int steps;

    public synchronized Set<String> outcomes() {
      return new TreeSet<>(outcomes);
    }

    /** States reached, as {@code Promoted prod}, {@code RolledBack staging}. */
    public synchronized Set<String> states() {
      return new TreeSet<>(states);
    }

    /** How often a digest arrived in prod by promotion (each checked for its climb). */
    public synchronized int prodArrivals() {
      return prodArrivals;
    }

    /** How many merged rollbacks were checked to restore the previous pin. */
    public synchronized int rollbacksRestored() {
      return rollbacksRestored;
    }

    public synchronized int steps() {
      return steps;
    }
  }

  // ---- the reference model ------------------------------------------------------------------

  private enum Stage { OPEN, MERGED, CANARY, PROMOTED, WITHDRAWN, ROLLING, ROLLED }

  private static final class Target {
    Stage stage = Stage.OPEN;
    Promotion promotion;
    int pr;
    int revertPr;
    RollbackReason reason;
    Instant canaryStart;
    boolean closed;
    final Set<String> approvals = new HashSet<>();
  }

  private record Health(ImageDigest digest, DeploymentState state, Instant runStart) {}

  private static final class Model {
    Instant now = T0;
    Pins pins = INITIAL;
    CiState ci = CiState.GREEN;
    int nextPr = 1;
    final Map<PromotionTarget, CanaryVerdict> verdicts = new HashMap<>();
    final Map<String, Health> health = new HashMap<>();
    final TreeMap<PromotionTarget, Target> targets = new TreeMap<>();

    Model() {
      INITIAL.byEnvironment().forEach((env, services) -> services.forEach((service, digest) ->
          health.put(env + "/" + service, new Health(digest, DeploymentState.SUCCESS, T0.minus(Duration.ofDays(1))))));
    }

    void status(EnvironmentName env, ServiceName service, ImageDigest digest, DeploymentState state) {
      Health before = health.get(env + "/" + service);
      boolean continues = state == DeploymentState.SUCCESS && before != null && before.digest().equals(digest)
          && before.state() == DeploymentState.SUCCESS;
      health.put(env + "/" + service, continues ? before : new Health(digest, state, now));
    }

    Option<Instant> healthySince(EnvironmentName env, ServiceName service, ImageDigest digest) {
      Health h = health.get(env + "/" + service);
      return h != null && h.digest().equals(digest) && h.state() == DeploymentState.SUCCESS ? Option.some(h.runStart()) : Option.none();
    }

    void pin(PromotionTarget target, ImageDigest digest) {
      pins = pins.with(target.environment(), target.service(), digest);
      status(target.environment(), target.service(), digest, DeploymentState.SUCCESS); // the CD pipeline deploys it
    }

    boolean gatePasses(PromotionTarget target, Target t) {
      if (ci != CiState.GREEN) {
        return false;
      }
      if (target.environment().equals(PROD)) {
        Option<Instant> since = healthySince(STAGING, target.service(), t.promotion.digest());
        return !t.approvals.isEmpty() && since.isDefined() && !since.get().plus(SOAK).isAfter(now);
      }
      return true;
    }

    void merge(PromotionTarget target, Target t) {
      pin(target, t.promotion.digest());
      afterMerge(target, t);
    }

    void afterMerge(PromotionTarget target, Target t) {
      if (target.environment().equals(PROD)) {
        t.stage = Stage.CANARY;
        t.canaryStart = now;
      } else {
        t.stage = Stage.PROMOTED;
      }
    }

    void openRollback(Target t, RollbackReason reason) {
      t.stage = Stage.ROLLING;
      t.reason = reason;
      t.revertPr = nextPr++;
      t.closed = false;
    }

    /** Judges a running canary: the outcome of complete (CanaryRunning when it waits). */
    String judge(PromotionTarget target, Target t) {
      CanaryVerdict verdict = verdicts.getOrDefault(target, CanaryVerdict.RUNNING);
      if (verdict == CanaryVerdict.PASSED) {
        t.stage = Stage.PROMOTED;
      } else if (verdict == CanaryVerdict.FAILED) {
        openRollback(t, RollbackReason.CANARY_FAILED);
      } else if (!now.isBefore(t.canaryStart.plus(CANARY_TIMEOUT))) {
        openRollback(t, RollbackReason.CANARY_TIMED_OUT);
      } else {
        return "CanaryRunning";
      }
      return "ok";
    }

    String promote(Promote command) {
      PromotionTarget target = new PromotionTarget(command.service(), command.target());
      if (!PATH.contains(command.target())) {
        return "UnknownEnvironment";
      }
      Option<EnvironmentName> source = PATH.source(command.target());
      if (source.isEmpty()) {
        return "IntoFirstEnvironment";
      }
      if (command.from().isDefined() && !command.from().equals(source)) {
        return "SkipsAnEnvironment";
      }
      Target current = targets.get(target);
      if (current != null && current.stage != Stage.PROMOTED && current.stage != Stage.WITHDRAWN && current.stage != Stage.ROLLED) {
        return "PromotionInProgress";
      }
      ImageDigest sourcePin = pins.pin(source.get(), command.service()).get();
      Option<ImageDigest> named = named(command, sourcePin);
      if (named.isDefined() && !named.get().equals(sourcePin)) {
        return "NotBuiltOnce";
      }
      if (pins.pin(target).contains(sourcePin)) {
        return "AlreadyPinned";
      }
      if (healthySince(source.get(), command.service(), sourcePin).isEmpty()) {
        return "NotDeployedHealthy";
      }
      Target opened = new Target();
      opened.promotion = new Promotion(target, source.get(), sourcePin, pins.pin(target));
      opened.pr = nextPr++;
      targets.put(target, opened);
      return "ok";
    }

    static Option<ImageDigest> named(Promote command, ImageDigest sourcePin) {
      return switch (command.named()) {
        case NONE -> Option.none();
        case SOURCE_PIN -> Option.some(sourcePin);
        case BUILD_0 -> Option.some(BUILDS.get(0));
        case BUILD_1 -> Option.some(BUILDS.get(1));
        case INITIAL_OF_TARGET -> INITIAL.pin(command.target(), command.service()).orElse(Option.some(BUILDS.get(2)));
      };
    }

    String complete(PromotionTarget target) {
      Target t = targets.get(target);
      if (t == null) {
        return "NoPromotion";
      }
      switch (t.stage) {
        case OPEN:
          if (t.closed) {
            return "Unavailable";
          }
          if (!gatePasses(target, t)) {
            return "GateBlocked";
          }
          merge(target, t);
          return "ok";
        case MERGED:
          afterMerge(target, t);
          return "ok";
        case CANARY:
          return judge(target, t);
        case PROMOTED:
          return "AlreadyComplete";
        case ROLLING:
          return "RollbackInProgress";
        default:
          return "NoPromotion";
      }
    }

    String rollback(PromotionTarget target) {
      Target t = targets.get(target);
      if (t == null) {
        return "NothingToRollBack";
      }
      switch (t.stage) {
        case OPEN:
          return "PromotionNotMerged";
        case MERGED:
        case CANARY:
        case PROMOTED:
          openRollback(t, RollbackReason.REQUESTED);
          return "ok";
        case ROLLING:
          return "RollbackAlreadyOpen";
        default:
          return "NothingToRollBack";
      }
    }

    String sync() {
      for (Map.Entry<PromotionTarget, Target> entry : targets.entrySet()) {
        PromotionTarget target = entry.getKey();
        Target t = entry.getValue();
        switch (t.stage) {
          case OPEN:
            if (t.closed) {
              t.stage = Stage.WITHDRAWN;
            } else if (PATH.policyFor(target.environment()).get().mergesAutomatically() && gatePasses(target, t)) {
              merge(target, t);
            }
            break;
          case ROLLING:
            if (t.closed) {
              t.stage = Stage.MERGED;
              t.closed = false;
            } else if (ci == CiState.GREEN) {
              pin(target, t.promotion.previous().get());
              t.stage = Stage.ROLLED;
            }
            break;
          case CANARY:
            judge(target, t);
            break;
          default:
            break;
        }
      }
      return "ok";
    }
  }

  // ---- the run ------------------------------------------------------------------------------

  private final World world;
  private final Coverage coverage;
  private final Model model = new Model();
  private final List<String> trace = new ArrayList<>();
  /** The digests seen pinned, per environment, with the step each was first seen at. */
  private final Map<EnvironmentName, Map<ImageDigest, Integer>> firstPinned = new HashMap<>();
  /** The (service, digest) pairs seen deployed healthy, per environment. */
  private final Map<EnvironmentName, Set<String>> seenHealthy = new HashMap<>();
  /** The pin each target held just before its latest promotion merged. */
  private final Map<PromotionTarget, ImageDigest> pinBeforeMerge = new HashMap<>();
  private final Set<CommitId> rollbacksChecked = new HashSet<>();
  private Pins lastPins = INITIAL;
  private int step;

  private DigestPromotionRun(World world, Coverage coverage) {
    this.world = world;
    this.coverage = coverage;
  }

  /** Runs {@code commands} on {@code world} and the model side by side; fails at the first disagreement or broken rule. */
  public static void run(World world, List<Command> commands, Coverage coverage) {
    DigestPromotionRun run = new DigestPromotionRun(world, coverage);
    run.observe(run.read()); // the starting pins
    for (Command command : commands) {
      run.step(command);
    }
  }

  private String context() {
    return String.join("\n", trace);
  }

  private void step(Command command) {
    step++;
    Read before = last;
    String expected = expect(command);
    String actual = execute(command);
    trace.add(step + ". " + command + " → " + actual + (actual.equals(expected) ? "" : " (model: " + expected + ")"));
    assertThat(actual).as("step %s disagrees with the model:%n%s", step, context()).isEqualTo(expected);
    Read after = read();
    if (!actual.equals("ok")) {
      assertThat(after.version()).as("a refused command changed the promotions:%n%s", context()).isEqualTo(before.version());
      assertThat(after.pins()).as("a refused command changed the pins:%n%s", context()).isEqualTo(before.pins());
    }
    synchronized (coverage) {
      coverage.outcomes.add(command.getClass().getSimpleName() + " " + actual);
      coverage.steps++;
    }
    agree(after);
    observe(after);
  }

  /** The stored promotions, their version and the pins, read through the adapters. */
  private record Read(Option<String> version, DigestPromotions promotions, Pins pins) {}

  private Read last;

  private Read read() {
    Option<DigestPromotionStore.Stored> stored = world.store().load().get();
    last = new Read(stored.map(DigestPromotionStore.Stored::version),
        stored.map(DigestPromotionStore.Stored::promotions).getOrElse(DigestPromotions.none()), world.pins().current().get().pins());
    return last;
  }

  /** Applies the command to the model; "skip" for a command that has nothing to act on. */
  private String expect(Command command) {
    if (command instanceof Build build) {
      model.pins = model.pins.with(DEV, build.service(), BUILDS.get(build.build()));
      model.status(DEV, build.service(), BUILDS.get(build.build()), DeploymentState.SUCCESS);
      return "ok";
    } else if (command instanceof Promote promote) {
      return model.promote(promote);
    } else if (command instanceof PromoteTag) {
      return "NotADigest";
    } else if (command instanceof Ci ci) {
      model.ci = ci.state();
      return "ok";
    } else if (command instanceof Approve approve) {
      Target t = model.targets.get(new PromotionTarget(approve.service(), PROD));
      if (t == null || t.stage != Stage.OPEN || t.closed) {
        return "skip";
      }
      if (List.of("alice", "bob").contains(approve.reviewer())) {
        t.approvals.add(approve.reviewer());
      }
      return "ok";
    } else if (command instanceof DeployStatus status) {
      model.status(status.environment(), status.service(), model.pins.pin(status.environment(), status.service()).get(), status.state());
      return "ok";
    } else if (command instanceof Canary canary) {
      model.verdicts.put(new PromotionTarget(canary.service(), PROD), canary.verdict());
      return "ok";
    } else if (command instanceof Wait wait) {
      model.now = model.now.plus(wait.duration());
      return "ok";
    } else if (command instanceof Complete complete) {
      return model.complete(new PromotionTarget(complete.service(), complete.environment()));
    } else if (command instanceof Sync) {
      return model.sync();
    } else if (command instanceof Rollback rollback) {
      return model.rollback(new PromotionTarget(rollback.service(), rollback.environment()));
    } else if (command instanceof ClosePr close) {
      Target t = model.targets.get(new PromotionTarget(close.service(), close.environment()));
      if (t == null || t.closed || (t.stage != Stage.OPEN && t.stage != Stage.ROLLING)) {
        return "skip";
      }
      t.closed = true;
      return "ok";
    }
    throw new IllegalArgumentException("Unknown command " + command);
  }

  private String execute(Command command) {
    DigestPromotionService service = world.service();
    if (command instanceof Build build) {
      world.build(build.service(), BUILDS.get(build.build()));
      return "ok";
    } else if (command instanceof Promote promote) {
      ImageDigest sourcePin = PATH.source(promote.target())
          .flatMap(source -> lastPins.pin(source, promote.service())).getOrElse(BUILDS.get(0));
      PromoteRequest request = new PromoteRequest(promote.service(), promote.target(), promote.from(), Model.named(promote, sourcePin));
      return outcome(service.promote(request, "ada"));
    } else if (command instanceof PromoteTag tag) {
      // a tag never becomes a request: the value is refused first, saying a digest is required
      Either<String, ImageDigest> parsed = ImageDigest.parse(tag.tag()).toEither();
      assertThat(parsed.isLeft()).as("%s was taken for a digest", tag.tag()).isTrue();
      assertThat(parsed.getLeft()).contains("digest");
      return "NotADigest";
    } else if (command instanceof Ci ci) {
      world.ci(ci.state());
      return "ok";
    } else if (command instanceof Approve approve) {
      Option<DigestPromotion> current = world.service().promotions().get().latest(new PromotionTarget(approve.service(), PROD));
      if (current.isEmpty() || !(current.get() instanceof DigestPromotion.PrOpen open)
          || !(world.pullRequests().state(open.pr()).get() instanceof io.platinur.domain.forge.PullRequestState.Open)) {
        return "skip";
      }
      world.approve(open.pr(), approve.reviewer());
      return "ok";
    } else if (command instanceof DeployStatus status) {
      world.deploymentStatus(status.environment(), status.service(), lastPins.pin(status.environment(), status.service()).get(), status.state());
      return "ok";
    } else if (command instanceof Canary canary) {
      world.canary(new PromotionTarget(canary.service(), PROD), canary.verdict());
      return "ok";
    } else if (command instanceof Wait wait) {
      world.advance(wait.duration());
      return "ok";
    } else if (command instanceof Complete complete) {
      return outcome(service.complete(new PromotionTarget(complete.service(), complete.environment()), "ada"));
    } else if (command instanceof Sync) {
      return outcome(service.sync("cron"));
    } else if (command instanceof Rollback rollback) {
      return outcome(service.rollback(new PromotionTarget(rollback.service(), rollback.environment()), "ada"));
    } else if (command instanceof ClosePr close) {
      Option<DigestPromotion> current = world.service().promotions().get().latest(new PromotionTarget(close.service(), close.environment()));
      Option<PullRequestNumber> pr = current.flatMap(p -> p instanceof DigestPromotion.PrOpen open ? Option.some(open.pr())
          : p instanceof DigestPromotion.RollingBack rolling ? Option.some(rolling.revertPr()) : Option.none());
      if (pr.isEmpty() || !(world.pullRequests().state(pr.get()).get() instanceof io.platinur.domain.forge.PullRequestState.Open)) {
        return "skip";
      }
      world.pullRequests().close(pr.get()).get();
      return "ok";
    }
    throw new IllegalArgumentException("Unknown command " + command);
  }

  private static String outcome(Either<PromotionFailure, ?> result) {
    if (result.isRight()) {
      return "ok";
    }
    PromotionFailure failure = result.getLeft();
    if (failure instanceof PromotionFailure.Rejected rejected) {
      return rejected.rejection().getClass().getSimpleName();
    }
    return failure.getClass().getSimpleName();
  }

  /** The service's state, the pins and the open PRs are the model's. */
  private void agree(Read read) {
    DigestPromotions promotions = read.promotions();
    assertThat(promotions.latest().keySet().toJavaList()).as("targets with a promotion:%n%s", context())
        .containsExactlyElementsOf(model.targets.keySet());
    for (Map.Entry<PromotionTarget, Target> entry : model.targets.entrySet()) {
      PromotionTarget target = entry.getKey();
      Target t = entry.getValue();
      DigestPromotion actual = promotions.latest(target).get();
      assertThat(describe(actual)).as("%s:%n%s", target, context()).isEqualTo(describe(t));
      assertThat(actual.promotion()).as("%s moves:%n%s", target, context()).isEqualTo(t.promotion);
      assertThat(actual.promotion().from()).as("no skipping").isEqualTo(PATH.source(target.environment()).get());
      BranchName promote = BranchName.of("platinur/promote/" + target.service() + "/" + target.environment());
      BranchName revert = BranchName.of("platinur/rollback/" + target.service() + "/" + target.environment());
      Option<PullRequestNumber> openPromotion = world.pullRequests().findOpenPromotionPr(promote, MAIN).get().map(pr -> pr.number());
      Option<PullRequestNumber> openRevert = world.pullRequests().findOpenPromotionPr(revert, MAIN).get().map(pr -> pr.number());
      assertThat(openPromotion).as("open promotion PR of %s:%n%s", target, context())
          .isEqualTo(t.stage == Stage.OPEN && !t.closed ? Option.some(PullRequestNumber.of(t.pr)) : Option.none());
      assertThat(openRevert).as("open rollback PR of %s:%n%s", target, context())
          .isEqualTo(t.stage == Stage.ROLLING && !t.closed ? Option.some(PullRequestNumber.of(t.revertPr)) : Option.none());
      synchronized (coverage) {
        coverage.states.add(actual.getClass().getSimpleName() + " " + target.environment());
      }
    }
    assertThat(read.pins()).as("pins:%n%s", context()).isEqualTo(model.pins);
    world.checkAfterStep(promotions);
  }

  private static String describe(DigestPromotion promotion) {
    return promotion.fold(
        proposed -> "Proposed",
        open -> "PrOpen " + open.pr(),
        merged -> "Merged " + merged.pr(),
        canary -> "Canary " + canary.pr() + " since " + canary.startedAt(),
        promoted -> "Promoted " + promoted.pr(),
        withdrawn -> "Withdrawn " + withdrawn.pr(),
        rolling -> "RollingBack " + rolling.pr() + " by " + rolling.revertPr() + " " + rolling.reason(),
        rolled -> "RolledBack " + rolled.pr() + " by " + rolled.revertPr() + " " + rolled.reason());
  }

  private static String describe(Target t) {
    PullRequestNumber pr = PullRequestNumber.of(t.pr);
    return switch (t.stage) {
      case OPEN -> "PrOpen " + pr;
      case MERGED -> "Merged " + pr;
      case CANARY -> "Canary " + pr + " since " + t.canaryStart;
      case PROMOTED -> "Promoted " + pr;
      case WITHDRAWN -> "Withdrawn " + pr;
      case ROLLING -> "RollingBack " + pr + " by " + PullRequestNumber.of(t.revertPr) + " " + t.reason;
      case ROLLED -> "RolledBack " + pr + " by " + PullRequestNumber.of(t.revertPr) + " " + t.reason;
    };
  }

  /**
   * The rules, from what the adapters report alone: every pin that changed in environment N+1
   * arrived by promotion from N (pinned and seen deployed healthy there before; for prod, first in
   * dev, then staging) or by a rollback that restored exactly the pin from before the promotion.
   */
  private void observe(Read read) {
    Pins pins = read.pins();
    DigestPromotions promotions = read.promotions();
    for (EnvironmentName env : PATH.environments()) {
      for (ServiceName service : SERVICES) {
        ImageDigest now = pins.pin(env, service).get();
        ImageDigest before = lastPins.pin(env, service).get();
        PromotionTarget target = new PromotionTarget(service, env);
        if (!now.equals(before) && !env.equals(DEV)) {
          DigestPromotion latest = promotions.latest(target).getOrElseThrow(() -> new AssertionError(target + " moved with no promotion"));
          if (latest instanceof DigestPromotion.RolledBack rolled) {
            assertThat(Option.some(now)).as("a rollback restores the pin from before the promotion:%n%s", context())
                .isEqualTo(rolled.promotion().previous()).isEqualTo(Option.of(pinBeforeMerge.get(target)));
            synchronized (coverage) {
              if (rollbacksChecked.add(rolled.revertCommit())) {
                coverage.rollbacksRestored++;
              }
            }
          } else {
            EnvironmentName source = PATH.source(env).get();
            assertThat(now).as("%s entered %s as its promotion's digest:%n%s", service, env, context()).isEqualTo(latest.promotion().digest());
            assertThat(seenHealthy.getOrDefault(source, Set.of())).as("build once: %s was deployed healthy in %s before entering %s:%n%s",
                now.abbreviated(), source, env, context()).contains(service + "@" + now);
            assertThat(firstPinned.getOrDefault(source, Map.of())).as("pinned in %s before:%n%s", source, context()).containsKey(now);
            if (env.equals(PROD)) {
              if (firstPinned.get(DEV).containsKey(now)) {
                assertThat(firstPinned.get(DEV).get(now)).as("%s climbed dev before staging:%n%s", now.abbreviated(), context())
                    .isLessThan(firstPinned.get(STAGING).get(now));
              } else {
                // never in dev while we watched: staging's own pin from before the run
                assertThat(INITIAL.pin(STAGING, service)).as("%s reached prod without passing dev:%n%s", now.abbreviated(), context())
                    .contains(now);
              }
              synchronized (coverage) {
                coverage.prodArrivals++;
              }
            }
            pinBeforeMerge.put(target, before);
          }
        }
        firstPinned.computeIfAbsent(env, e -> new HashMap<>()).putIfAbsent(now, step);
        ImageDigest pinned = now;
        if (DeploymentHealth.healthySince(world.deployments().statuses(env, service).get(), env, service, pinned).isDefined()) {
          seenHealthy.computeIfAbsent(env, e -> new HashSet<>()).add(service + "@" + pinned);
        }
      }
    }
    lastPins = pins;
  }
}
