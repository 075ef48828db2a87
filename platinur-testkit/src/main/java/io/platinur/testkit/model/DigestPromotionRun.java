package io.platinur.testkit.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.digest.DigestPromotionService;
import io.platinur.domain.Actor;
import io.platinur.domain.Refusal;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotions;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.PromotionBranch;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.digest.StepPolicy;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.BranchName;
import io.platinur.port.DigestDeployments;
import io.platinur.port.DigestPromotionStore;
import io.platinur.port.PinnedDigests;
import io.platinur.port.PullRequestHost;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Promote-by-digest command sequences ({@link DigestCommand}, drawn by {@link DigestGenerators}) run
 * against a {@link DigestPromotionService} over a {@link World}'s adapters and, side by side, the
 * {@link DigestModel} written from ADR-0034's rules alone.
 *
 * <p>After every step it checks that the service and the model agree (the outcome, every target's
 * promotion, the pins, the open PRs), that a refused or failed command changed nothing, and, from
 * what the adapters report alone ({@link DigestInvariants}), that a digest entering environment N+1
 * was pinned and deployed healthy in environment N before (for prod: in dev, then in staging, in
 * that order), that nothing skips an environment, and that a rollback restores exactly the pin from
 * before its promotion.
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
  static final List<ServiceName> SERVICES = List.of(API, WEB);
  private static final Actor ADA = Actor.of("ada");

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

  /** What the runs of one property reached, so it can prove its sequences went everywhere. */
  public static final class Coverage {
    private final Set<String> outcomes = new TreeSet<>();
    private final Set<String> states = new TreeSet<>();
    private int prodArrivals;
    private int rollbacksRestored;
    private int steps;

    /** Outcomes reached, as {@code Promote ok}, {@code Complete GateBlocked}. */
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

    synchronized void prodArrived() {
      prodArrivals++;
    }

    synchronized void rollbackRestored() {
      rollbacksRestored++;
    }

    synchronized void stepped(DigestCommand command, String outcome) {
      outcomes.add(command.getClass().getSimpleName() + " " + outcome);
      steps++;
    }

    synchronized void reached(DigestPromotion promotion) {
      states.add(promotion.getClass().getSimpleName() + " " + promotion.target().environment());
    }
  }

  // ---- the run ------------------------------------------------------------------------------

  private final World world;
  private final Coverage coverage;
  private final DigestModel model = new DigestModel();
  private final DigestInvariants invariants;
  private final List<String> trace = new ArrayList<>();
  private Read last;
  private int step;

  private DigestPromotionRun(World world, Coverage coverage) {
    this.world = world;
    this.coverage = coverage;
    this.invariants = new DigestInvariants(world.deployments(), coverage);
  }

  /** Runs {@code commands} on {@code world} and the model side by side; fails at the first disagreement or broken rule. */
  public static void run(World world, List<DigestCommand> commands, Coverage coverage) {
    DigestPromotionRun run = new DigestPromotionRun(world, coverage);
    Read start = run.read();
    run.invariants.observe(start.pins(), start.promotions(), 0, run::context);
    for (DigestCommand command : commands) {
      run.step(command);
    }
  }

  private String context() {
    return String.join("\n", trace);
  }

  private void step(DigestCommand command) {
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
    coverage.stepped(command, actual);
    agree(after);
    invariants.observe(after.pins(), after.promotions(), step, this::context);
  }

  /** The stored promotions, their version and the pins, read through the adapters. */
  private record Read(Option<String> version, DigestPromotions promotions, Pins pins) {}

  private Read read() {
    Option<DigestPromotionStore.Stored> stored = world.store().load().get();
    last = new Read(stored.map(DigestPromotionStore.Stored::version),
        stored.map(found -> found.on(PATH)).getOrElse(DigestPromotions.none(PATH)), world.pins().current().get().pins());
    return last;
  }

  /** Applies the command to the model: the outcome the service must give. */
  private String expect(DigestCommand command) {
    if (command instanceof DigestCommand.Build build) {
      model.build(build.service(), BUILDS.get(build.build()));
      return "ok";
    } else if (command instanceof DigestCommand.Promote promote) {
      return model.promote(promote);
    } else if (command instanceof DigestCommand.PromoteTag) {
      return "NotADigest";
    } else if (command instanceof DigestCommand.Ci ci) {
      model.ci = ci.state();
      return "ok";
    } else if (command instanceof DigestCommand.Approve approve) {
      return model.approve(approve.service(), approve.reviewer());
    } else if (command instanceof DigestCommand.DeployStatus status) {
      model.status(status.environment(), status.service(), model.pins.pin(status.environment(), status.service()).get(), status.state());
      return "ok";
    } else if (command instanceof DigestCommand.Canary canary) {
      model.verdict(new PromotionTarget(canary.service(), PROD), canary.verdict());
      return "ok";
    } else if (command instanceof DigestCommand.Wait wait) {
      model.now = model.now.plus(wait.duration());
      return "ok";
    } else if (command instanceof DigestCommand.Complete complete) {
      return model.complete(new PromotionTarget(complete.service(), complete.environment()));
    } else if (command instanceof DigestCommand.Gate gate) {
      return model.gate(new PromotionTarget(gate.service(), gate.environment()));
    } else if (command instanceof DigestCommand.Sync) {
      return model.sync();
    } else if (command instanceof DigestCommand.Rollback rollback) {
      return model.rollback(new PromotionTarget(rollback.service(), rollback.environment()));
    } else if (command instanceof DigestCommand.ClosePr close) {
      return model.close(new PromotionTarget(close.service(), close.environment()));
    }
    throw new IllegalArgumentException("Unknown command " + command);
  }

  /** Runs the command for real: the service's outcome. */
  private String execute(DigestCommand command) {
    DigestPromotionService service = world.service();
    if (command instanceof DigestCommand.Build build) {
      world.build(build.service(), BUILDS.get(build.build()));
      return "ok";
    } else if (command instanceof DigestCommand.Promote promote) {
      ImageDigest sourcePin = PATH.source(promote.target())
          .flatMap(source -> invariants.lastPins().pin(source, promote.service())).getOrElse(BUILDS.get(0));
      PromoteRequest request = new PromoteRequest(promote.service(), promote.target(), promote.from(), DigestModel.named(promote, sourcePin));
      return outcome(service.promote(request, ADA));
    } else if (command instanceof DigestCommand.PromoteTag tag) {
      // a tag never becomes a request: the value is refused first, saying a digest is required
      Either<String, ImageDigest> parsed = ImageDigest.parse(tag.tag()).toEither();
      assertThat(parsed.isLeft()).as("%s was taken for a digest", tag.tag()).isTrue();
      assertThat(parsed.getLeft()).contains("digest");
      return "NotADigest";
    } else if (command instanceof DigestCommand.Ci ci) {
      world.ci(ci.state());
      return "ok";
    } else if (command instanceof DigestCommand.Approve approve) {
      Option<PullRequestNumber> open = openPr(new PromotionTarget(approve.service(), PROD), PromotionBranch.Kind.PROMOTION);
      open.forEach(pr -> world.approve(pr, approve.reviewer()));
      return open.isDefined() ? "ok" : "skip";
    } else if (command instanceof DigestCommand.DeployStatus status) {
      world.deploymentStatus(status.environment(), status.service(),
          invariants.lastPins().pin(status.environment(), status.service()).get(), status.state());
      return "ok";
    } else if (command instanceof DigestCommand.Canary canary) {
      world.canary(new PromotionTarget(canary.service(), PROD), canary.verdict());
      return "ok";
    } else if (command instanceof DigestCommand.Wait wait) {
      world.advance(wait.duration());
      return "ok";
    } else if (command instanceof DigestCommand.Complete complete) {
      return outcome(service.complete(new PromotionTarget(complete.service(), complete.environment()), ADA));
    } else if (command instanceof DigestCommand.Gate gate) {
      return outcome(service.evaluate(new PromotionTarget(gate.service(), gate.environment())));
    } else if (command instanceof DigestCommand.Sync) {
      return outcome(service.sync(Actor.of("cron")));
    } else if (command instanceof DigestCommand.Rollback rollback) {
      return outcome(service.rollback(new PromotionTarget(rollback.service(), rollback.environment()), ADA));
    } else if (command instanceof DigestCommand.ClosePr close) {
      PromotionTarget target = new PromotionTarget(close.service(), close.environment());
      Option<PullRequestNumber> open = openPr(target, PromotionBranch.Kind.PROMOTION).orElse(() -> openPr(target, PromotionBranch.Kind.ROLLBACK));
      open.forEach(pr -> world.pullRequests().close(pr).get());
      return open.isDefined() ? "ok" : "skip";
    }
    throw new IllegalArgumentException("Unknown command " + command);
  }

  /** The promotion (or rollback) PR the stored state waits on for {@code target}, when the forge still holds it open. */
  private Option<PullRequestNumber> openPr(PromotionTarget target, PromotionBranch.Kind kind) {
    return world.service().promotions().get().latest(target)
        .flatMap(current -> current.openPr().filter(pr -> current.promotionPr().contains(pr) == (kind == PromotionBranch.Kind.PROMOTION)))
        .filter(pr -> world.pullRequests().state(pr).get() instanceof PullRequestState.Open);
  }

  private static <R extends Refusal> String outcome(Either<UseCaseFailure<R>, ?> result) {
    return result.fold(failure -> failure.fold(rejection -> rejection.getClass().getSimpleName(), port -> "Unavailable"), done -> "ok");
  }

  /** The service's state, the pins and the open PRs are the model's. */
  private void agree(Read read) {
    DigestPromotions promotions = read.promotions();
    assertThat(promotions.latest().keySet().toJavaList()).as("targets with a promotion:%n%s", context())
        .containsExactlyElementsOf(model.targets.keySet());
    for (Map.Entry<PromotionTarget, DigestModel.Target> entry : model.targets.entrySet()) {
      PromotionTarget target = entry.getKey();
      DigestModel.Target t = entry.getValue();
      DigestPromotion actual = promotions.latest(target).get();
      assertThat(describe(actual)).as("%s:%n%s", target, context()).isEqualTo(t.describe());
      assertThat(actual.promotion()).as("%s moves:%n%s", target, context()).isEqualTo(t.promotion);
      assertThat(actual.promotion().from()).as("no skipping").isEqualTo(PATH.source(target.environment()).get());
      Option<PullRequestNumber> openPromotion = world.pullRequests()
          .findOpenPromotionPr(PromotionBranch.promotion(target).name(), MAIN).get().map(pr -> pr.number());
      Option<PullRequestNumber> openRevert = world.pullRequests()
          .findOpenPromotionPr(PromotionBranch.rollback(target).name(), MAIN).get().map(pr -> pr.number());
      assertThat(openPromotion).as("open promotion PR of %s:%n%s", target, context())
          .isEqualTo(t.stage == DigestModel.Stage.OPEN && !t.closed ? Option.some(PullRequestNumber.of(t.pr)) : Option.none());
      assertThat(openRevert).as("open rollback PR of %s:%n%s", target, context())
          .isEqualTo(t.stage == DigestModel.Stage.ROLLING && !t.closed ? Option.some(PullRequestNumber.of(t.revertPr)) : Option.none());
      coverage.reached(actual);
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
}
