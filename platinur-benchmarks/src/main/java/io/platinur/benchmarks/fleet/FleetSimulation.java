package io.platinur.benchmarks.fleet;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.digest.DigestPromotionService;
import io.platinur.domain.Actor;
import io.platinur.domain.Refusal;
import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotions;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.PromotionBranch;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.digest.StepPolicy;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.BranchName;
import io.platinur.testkit.memory.InMemoryGitOps;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A simulated working day of a fleet: services promoted dev → staging → prod through one GitOps
 * repository by several hosts running the real {@link DigestPromotionService}, against the {@link
 * Forge} on virtual time, from a seed. New builds land in dev all day; every host acts on the
 * webhooks it receives and, on a schedule, on its share of the services (and syncs); hosts crash
 * now and then between any two port calls and restart; people approve prod PRs; canaries give a
 * verdict, some failing. After the day and two quiet hours, the hosts finish what they are doing and
 * stop, one last sync settles the record, and the {@link FleetReport} counts. With the environment
 * variable {@code FLEET_DEBUG} set, every refused or failed use case call is printed to standard
 * error with its time and host, and every lost merge with its target's history.
 */
public final class FleetSimulation {
  static final EnvironmentName DEV = EnvironmentName.of("dev");
  static final EnvironmentName STAGING = EnvironmentName.of("staging");
  static final EnvironmentName PROD = EnvironmentName.of("prod");
  static final BranchName MAIN = BranchName.of("main");
  static final Instant START = Instant.parse("2026-12-07T08:00:00Z");

  /** The shape of a day. */
  public record Settings(long seed, int services, int hosts, Duration day, Duration buildEvery, Duration soak, Duration canaryTimeout,
      double canaryFailure, boolean held, boolean paced, Forge.Faults faults) {

    /**
     * The day: 100 services, 8 hosts, 8 hours, a build per service about every 15 minutes.
     * {@code held}: a service's staging pin holds still while its prod promotion is unfinished, so
     * the digest soaking there can finish its soak (the newest dev build goes next, the ones between
     * are overtaken); {@code paced}: every write waits for its slot in a shared {@link Pacing}.
     */
    public static Settings day(long seed, boolean held, boolean paced) {
      return new Settings(seed, 100, 8, Duration.ofHours(8), Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofMinutes(30), 0.05,
          held, paced, Forge.Faults.github());
    }

    public Settings withServices(int count) {
      return new Settings(seed, count, hosts, day, buildEvery, soak, canaryTimeout, canaryFailure, held, paced, faults);
    }

    public Settings withDay(Duration length) {
      return new Settings(seed, services, hosts, length, buildEvery, soak, canaryTimeout, canaryFailure, held, paced, faults);
    }

    public String mode() {
      return paced ? "held and paced" : held ? "held, no pacing" : "baseline (one PR per promotion, no hold, no pacing)";
    }
  }

  private sealed interface Work {
    record Promote(ServiceName service, EnvironmentName target) implements Work {}

    record Complete(PromotionTarget target) implements Work {}

    record Sync() implements Work {}

    record Pass(int share) implements Work {}
  }

  private final Settings settings;
  private final World world;
  private final Forge forge;
  private final InMemoryGitOps gitops;
  private final PromotionPath path;
  private final java.util.List<ServiceName> services = new ArrayList<>();
  private final java.util.List<Host> hosts = new ArrayList<>();
  private final FleetReport.Builder report = new FleetReport.Builder();
  private final Map<String, Instant> builtAt = new HashMap<>();
  private final Pacing pacing = new Pacing(Forge.PUSHES_PER_MINUTE, Forge.CREATING_PER_MINUTE, Forge.CREATING_PER_HOUR);
  private final Map<ServiceName, java.util.List<ImageDigest>> builds = new HashMap<>();
  private int buildCounter;

  private FleetSimulation(Settings settings) {
    this.settings = settings;
    this.world = new World(START, settings.seed());
    this.path = PromotionPath.start(DEV)
        .then(STAGING, StepPolicy.automatic())
        .then(PROD, StepPolicy.builder().requiredApprovals(1).addAllowedReviewers("alice", "bob")
            .minimumSoak(settings.soak()).canaryTimeout(Option.some(settings.canaryTimeout())).build())
        .buildOrThrow();
    Pins initial = Pins.none();
    for (int i = 0; i < settings.services(); i++) {
      ServiceName service = ServiceName.of(String.format("svc-%03d", i));
      services.add(service);
      builds.put(service, new ArrayList<>());
      for (EnvironmentName env : path.environments()) {
        initial = initial.with(env, service, nextDigest());
      }
    }
    this.gitops = new InMemoryGitOps(MAIN, PinLayout.standard(), initial, world::now);
    initial.byEnvironment().forEach((env, pinned) -> pinned.forEach((service, digest) ->
        gitops.deploy(env, service, digest, DeploymentState.SUCCESS, START.minus(Duration.ofDays(1)))));
    this.forge = new Forge(world, settings.faults(), gitops, settings.soak(), List.ofAll(services), path.environments());
    forge.onWebhook(this::deliver);
    for (int h = 0; h < settings.hosts(); h++) {
      hosts.add(new Host(h));
    }
  }

  /** Runs the day of {@code settings} and reports it. */
  public static FleetReport run(Settings settings) {
    FleetSimulation simulation = new FleetSimulation(settings);
    try {
      return simulation.day();
    } finally {
      simulation.world.shutdown();
    }
  }

  private ImageDigest nextDigest() {
    buildCounter++;
    try {
      byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
          .digest(("build " + buildCounter).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return ImageDigest.of("sha256:" + java.util.HexFormat.of().formatHex(hash));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private FleetReport day() {
    Instant end = START.plus(settings.day());
    for (ServiceName service : services) {
      scheduleBuild(service, START.plus(world.between(Duration.ZERO, settings.buildEvery())), end);
    }
    Duration every = Duration.ofMinutes(5);
    for (Host host : hosts) {
      // each host passes over its share of the services every five minutes, and syncs every half hour, staggered
      Duration offset = every.multipliedBy(host.index).dividedBy(hosts.size());
      schedule(START.plus(offset), end.plus(Duration.ofHours(2)), every, () -> host.deliver(new Work.Pass(host.index)));
      schedule(START.plus(Duration.ofMinutes(30).multipliedBy(host.index).dividedBy(hosts.size())), end.plus(Duration.ofHours(2)),
          Duration.ofMinutes(30), () -> host.deliver(new Work.Sync()));
    }
    world.runUntil(end.plus(Duration.ofHours(2)));
    // the hosts finish what they are doing and take nothing more; then one last sync settles the record
    hosts.forEach(Host::stop);
    world.runUntil(world.now().plus(Duration.ofHours(1)));
    forge.settle();
    java.util.concurrent.atomic.AtomicReference<World.Strand> settling = new java.util.concurrent.atomic.AtomicReference<>();
    settling.set(world.strand("settle", () -> {
      forge.enter(settling.get());
      DigestPromotionService last = digests();
      last.sync(Actor.of("settle"));
      last.sync(Actor.of("settle"));
    }));
    world.at(world.now(), () -> world.resume(settling.get()));
    world.runUntil(world.now().plus(Duration.ofHours(1)));
    return report.build(settings, forge, pacing, gitops, path, builds, builtAt, end);
  }

  /** Promote by digest on the emulated forge through the entry point, as every host wires it. */
  private DigestPromotionService digests() {
    io.platinur.port.GitOpsPorts gitops = new io.platinur.port.GitOpsPorts() {
      @Override
      public io.platinur.domain.repository.BranchName branch() {
        return MAIN;
      }

      @Override
      public PinLayout layout() {
        return PinLayout.standard();
      }

      @Override
      public io.platinur.port.PinnedDigests pins() {
        return forge;
      }

      @Override
      public io.platinur.port.PinBranches pinBranches() {
        return forge;
      }

      @Override
      public io.platinur.port.DigestPromotionStore digestPromotionStore() {
        return forge;
      }

      @Override
      public io.platinur.port.TimeSource timeSource() {
        return world::now;
      }

      @Override
      public io.platinur.port.RetryBackoff retryBackoff() {
        return io.platinur.port.RetryBackoff.none();
      }
    };
    io.platinur.port.ForgePorts ports = io.platinur.port.ForgePorts.builder().pullRequests(forge).openPullRequests(forge).reviews(forge)
        .ci(forge).digestDeployments(forge).build();
    return DigestPromotionService.builder(gitops, ports, forge).path(path).build();
  }

  private void schedule(Instant at, Instant until, Duration every, Runnable action) {
    if (at.isAfter(until)) {
      return;
    }
    world.at(at, () -> {
      action.run();
      schedule(at.plus(every), until, every, action);
    });
  }

  private void scheduleBuild(ServiceName service, Instant at, Instant end) {
    if (!at.isBefore(end)) {
      return;
    }
    world.at(at, () -> {
      ImageDigest digest = nextDigest();
      builds.get(service).add(digest);
      builtAt.put(digest.value(), world.now());
      gitops.pinDirectly(DEV, service, digest);
      report.ciPush(world.now());
      hostFor(service).deliver(new Work.Promote(service, STAGING));
      Duration next = world.between(settings.buildEvery().multipliedBy(2).dividedBy(3), settings.buildEvery().multipliedBy(4).dividedBy(3));
      scheduleBuild(service, world.now().plus(next), end);
    });
  }

  /**
   * The host a webhook about {@code service} reaches. Held (and paced), each host owns a share of the
   * services, the same share its schedule passes over: two hosts acting on one target at once each
   * write what the other writes too, and paced, where a decision waits minutes for its writes, that
   * doubles the writes. The baseline sends each webhook to any host.
   */
  private Host hostFor(ServiceName service) {
    return settings.held() ? hosts.get(services.indexOf(service) % hosts.size()) : hosts.get(world.random().nextInt(hosts.size()));
  }

  /** A webhook from the forge reaches one host (GitHub picks none in particular). */
  private void deliver(Forge.Webhook hook) {
    Host host = hostFor(hook.branch().target().service());
    if (hook instanceof Forge.Webhook.PrOpened opened) {
      PromotionBranch branch = opened.branch();
      if (branch.kind() == PromotionBranch.Kind.ROLLBACK) {
        host.deliver(new Work.Sync());
      } else if (branch.target().environment().equals(PROD)) {
        // a person approves within minutes; the review's webhook asks a host to complete
        world.after(world.between(Duration.ofMinutes(2), Duration.ofMinutes(20)), () -> {
          forge.approve(branch, world.chance(0.5) ? "alice" : "bob");
          hostFor(branch.target().service()).deliver(new Work.Complete(branch.target()));
        });
      } else {
        // CI reports green at the PR's head a few minutes later
        world.after(world.between(Duration.ofMinutes(2), Duration.ofMinutes(5)), () -> hostFor(branch.target().service()).deliver(new Work.Complete(branch.target())));
      }
    } else if (hook instanceof Forge.Webhook.PrMerged merged) {
      PromotionBranch branch = merged.branch();
      if (branch.kind() == PromotionBranch.Kind.ROLLBACK) {
        host.deliver(new Work.Sync());
        return;
      }
      PromotionTarget target = branch.target();
      host.deliver(new Work.Complete(target));
      if (target.environment().equals(STAGING)) {
        host.deliver(new Work.Promote(target.service(), PROD));
        // the host knows when the soak ends: it asks again then, the approval being in by then or later
        world.after(settings.soak().plusSeconds(5), () -> hostFor(target.service()).deliver(new Work.Complete(new PromotionTarget(target.service(), PROD))));
      } else if (target.environment().equals(PROD)) {
        ImageDigest digest = gitops.pinsAt(gitops.head(MAIN)).pin(target).get();
        boolean fails = world.chance(settings.canaryFailure());
        world.after(world.between(Duration.ofMinutes(5), Duration.ofMinutes(25)), () -> {
          forge.verdict(target, digest, fails ? CanaryVerdict.FAILED : CanaryVerdict.PASSED);
          hostFor(target.service()).deliver(new Work.Complete(target));
        });
      }
    }
  }

  /** One host process: a queue of work, done one item at a time on its own strand. */
  private final class Host {
    private final int index;
    private final Actor actor;
    private final Deque<Work> queue = new ArrayDeque<>();
    private final Set<Work> queued = new LinkedHashSet<>();
    private final World.Strand strand;
    private final DigestPromotionService service;
    private boolean idle;
    private boolean down;
    private boolean stopped;

    void stop() {
      stopped = true;
      queue.clear();
      queued.clear();
    }

    Host(int index) {
      this.index = index;
      this.actor = Actor.of("host-" + index);
      this.service = digests()
          .withBackoff(retry -> sleep(world.between(Duration.ZERO, Duration.ofMillis(200L << Math.min(retry, 6)))))
          .withWriteBudget(settings.paced() ? this::waitForBudget : io.platinur.port.WriteBudget.none());
      this.strand = world.strand("host-" + index, this::loop);
      world.at(START, () -> world.resume(strand));
    }

    /** Waits on this host's strand for the slot the shared pacing gives the write. */
    private void waitForBudget(io.platinur.port.WriteBudget.Write write) {
      Instant slot = pacing.reserve(write.pushes(), write.createsContent(), world.now());
      if (slot.isAfter(world.now())) {
        sleep(Duration.between(world.now(), slot));
      }
    }

    private void sleep(Duration duration) {
      strand.sleep(duration);
    }

    /** Called on the scheduler's thread: a down host's endpoint does not answer (the delivery is lost). */
    void deliver(Work work) {
      if (stopped) {
        return;
      }
      if (down) {
        report.lostToCrash();
        return;
      }
      if (queued.add(work)) {
        queue.addLast(work);
      }
      if (idle) {
        world.resume(strand);
      }
    }

    private void loop() {
      forge.enter(strand);
      while (true) {
        Work work = queue.pollFirst();
        if (work == null) {
          idle = true;
          strand.park();
          idle = false;
          continue;
        }
        queued.remove(work);
        try {
          run(work);
        } catch (Forge.Crash crash) {
          report.crash();
          queue.clear();
          queued.clear();
          down = true;
          strand.sleep(world.between(Duration.ofSeconds(30), Duration.ofMinutes(2)));
          down = false;
          // a restarted host starts with a sync, as a host does on start
          queueOnce(new Work.Sync());
        }
      }
    }

    private void run(Work work) {
      if (work instanceof Work.Promote promote) {
        if (settings.held() && promote.target().equals(STAGING) && held(promote.service())) {
          report.outcome("promote", "held");
          return;
        }
        outcome("promote", service.promote(new PromoteRequest(promote.service(), promote.target(), Option.none(), Option.none()), actor));
      } else if (work instanceof Work.Complete complete) {
        Either<UseCaseFailure<io.platinur.domain.digest.CompleteRejection>, DigestPromotion> done = service.complete(complete.target(), actor);
        outcome("complete", done);
        if (settings.held() && complete.target().environment().equals(PROD) && done.exists(DigestPromotion::isFinished)) {
          // staging is free again: the newest dev build goes next
          queueOnce(new Work.Promote(complete.target().service(), STAGING));
        }
      } else if (work instanceof Work.Sync) {
        outcome("sync", service.sync(actor));
      } else if (work instanceof Work.Pass pass) {
        pass(pass.share());
      }
    }

    /** Whether {@code svc}'s staging pin must hold still: its prod promotion is unfinished. */
    private boolean held(ServiceName svc) {
      return service.promotions().fold(failure -> true,
          promotions -> promotions.latest(new PromotionTarget(svc, PROD)).exists(p -> !p.isFinished()));
    }

    /** The schedule's pass over this host's share: what a dropped webhook left waiting moves on. */
    private void pass(int share) {
      Either<UseCaseFailure<io.platinur.application.core.NoRefusal>, DigestPromotions> read = service.promotions();
      if (read.isLeft()) {
        report.outcome("pass", "Unavailable");
        return;
      }
      Pins pins = forge.current().map(snapshot -> snapshot.pins()).getOrElse(Pins.none());
      DigestPromotions promotions = read.get();
      for (int i = share; i < services.size(); i += hosts.size()) {
        ServiceName svc = services.get(i);
        // prod first: a held staging pin moves only once prod has what it holds
        for (EnvironmentName env : path.environments().tail().reverse()) {
          PromotionTarget target = new PromotionTarget(svc, env);
          Option<DigestPromotion> latest = promotions.latest(target);
          if (settings.held() && latest.exists(p -> p instanceof DigestPromotion.PrOpen)
              && !pins.pin(path.source(env).get(), svc).contains(latest.get().promotion().digest())) {
            // its digest left the source: it can never pass its soak; close it, the sync records it withdrawn
            forge.close(latest.get().openPr().get());
            report.outcome("pass", "closed a PR whose digest left its source");
            queueOnce(new Work.Sync());
          } else if (latest.exists(p -> !p.isFinished())) {
            queueOnce(new Work.Complete(target));
          } else if (settings.held() && env.equals(STAGING)
              && (promotions.latest(new PromotionTarget(svc, PROD)).exists(p -> !p.isFinished()) || prodBehind(pins, svc, promotions))) {
            continue;
          } else if (!pins.pin(path.source(env).get(), svc).equals(pins.pin(target))
              && !latest.exists(p -> p instanceof DigestPromotion.RolledBack
                  && pins.pin(path.source(env).get(), svc).contains(p.promotion().digest()))) {
            // (a digest rolled back from a step is not tried there again)
            queueOnce(new Work.Promote(svc, env));
          }
        }
      }
    }

    /** Whether prod has yet to try the digest staging holds (no promotion of it to prod since it entered staging). */
    private boolean prodBehind(Pins pins, ServiceName svc, DigestPromotions promotions) {
      Option<ImageDigest> staging = pins.pin(STAGING, svc);
      return !staging.equals(pins.pin(PROD, svc))
          && !promotions.latest(new PromotionTarget(svc, PROD)).exists(p -> staging.contains(p.promotion().digest()));
    }

    private void queueOnce(Work work) {
      if (!stopped && queued.add(work)) {
        queue.addLast(work);
      }
    }

    private <R extends Refusal> void outcome(String command, Either<UseCaseFailure<R>, ?> result) {
      report.outcome(command, result.fold(failure -> failure.fold(rejection -> rejection.getClass().getSimpleName(),
          port -> "Unavailable " + port.kind()), done -> "ok"));
      if (System.getenv("FLEET_DEBUG") != null && result.isLeft()) {
        System.err.println(world.now() + " " + actor + " " + command + ": " + result.getLeft());
      }
    }
  }

  /** Prints the report of one day: {@code [seed] [baseline|held|paced] [services] [hours]}. */
  public static void main(String[] args) {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 1L;
    String mode = args.length > 1 ? args[1] : "paced";
    Settings settings = Settings.day(seed, !mode.equals("baseline"), mode.equals("paced"));
    if (args.length > 2) {
      settings = settings.withServices(Integer.parseInt(args[2]));
    }
    if (args.length > 3) {
      settings = settings.withDay(Duration.ofHours(Long.parseLong(args[3])));
    }
    long started = System.nanoTime();
    FleetReport result = run(settings);
    System.out.println(result.text());
    System.out.printf("(simulated in %.1f s)%n", (System.nanoTime() - started) / 1e9);
  }
}
