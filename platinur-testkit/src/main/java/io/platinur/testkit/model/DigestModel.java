package io.platinur.testkit.model;

import static io.platinur.testkit.model.DigestPromotionRun.BUILDS;
import static io.platinur.testkit.model.DigestPromotionRun.CANARY_TIMEOUT;
import static io.platinur.testkit.model.DigestPromotionRun.DEV;
import static io.platinur.testkit.model.DigestPromotionRun.INITIAL;
import static io.platinur.testkit.model.DigestPromotionRun.PATH;
import static io.platinur.testkit.model.DigestPromotionRun.PROD;
import static io.platinur.testkit.model.DigestPromotionRun.SOAK;
import static io.platinur.testkit.model.DigestPromotionRun.STAGING;
import static io.platinur.testkit.model.DigestPromotionRun.T0;

import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.Promotion;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackReason;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A reference model of promote by digest on {@link DigestPromotionRun#PATH}, written from ADR-0034's
 * rules alone: per target a stage and what its promotion moves, the pins, the health of every
 * deployed digest, CI, approvals and canary verdicts. Each command answers the outcome the service
 * must give ({@code ok}, {@code skip} for a command with nothing to act on, or the simple name of
 * the refusal) and moves the model on.
 */
final class DigestModel {
  enum Stage { OPEN, MERGED, CANARY, PROMOTED, WITHDRAWN, ROLLING, ROLLED }

  /** One target's latest promotion as the model keeps it. */
  static final class Target {
    Stage stage = Stage.OPEN;
    Promotion promotion;
    int pr;
    int revertPr;
    RollbackReason reason;
    Instant canaryStart;
    boolean closed;
    final Set<String> approvals = new HashSet<>();

    /** As {@code DigestPromotionRun} describes a stored state: {@code Canary #3 since …}. */
    String describe() {
      PullRequestNumber number = PullRequestNumber.of(pr);
      return switch (stage) {
        case OPEN -> "PrOpen " + number;
        case MERGED -> "Merged " + number;
        case CANARY -> "Canary " + number + " since " + canaryStart;
        case PROMOTED -> "Promoted " + number;
        case WITHDRAWN -> "Withdrawn " + number;
        case ROLLING -> "RollingBack " + number + " by " + PullRequestNumber.of(revertPr) + " " + reason;
        case ROLLED -> "RolledBack " + number + " by " + PullRequestNumber.of(revertPr) + " " + reason;
      };
    }
  }

  private record Health(ImageDigest digest, DeploymentState state, Instant runStart) {}

  Instant now = T0;
  Pins pins = INITIAL;
  CiState ci = CiState.GREEN;
  private int nextPr = 1;
  private final Map<PromotionTarget, CanaryVerdict> verdicts = new HashMap<>();
  private final Map<String, Health> health = new HashMap<>();
  final TreeMap<PromotionTarget, Target> targets = new TreeMap<>();

  DigestModel() {
    INITIAL.byEnvironment().forEach((env, services) -> services.forEach((service, digest) ->
        health.put(env + "/" + service, new Health(digest, DeploymentState.SUCCESS, T0.minus(Duration.ofDays(1))))));
  }

  // ---- the world ----------------------------------------------------------------------------

  void build(ServiceName service, ImageDigest digest) {
    pins = pins.with(DEV, service, digest);
    status(DEV, service, digest, DeploymentState.SUCCESS);
  }

  void status(EnvironmentName env, ServiceName service, ImageDigest digest, DeploymentState state) {
    Health before = health.get(env + "/" + service);
    boolean continues = state == DeploymentState.SUCCESS && before != null && before.digest().equals(digest)
        && before.state() == DeploymentState.SUCCESS;
    health.put(env + "/" + service, continues ? before : new Health(digest, state, now));
  }

  void verdict(PromotionTarget target, CanaryVerdict verdict) {
    verdicts.put(target, verdict);
  }

  /** An approval of the open prod PR by {@code reviewer}; skipped when there is none. */
  String approve(ServiceName service, String reviewer) {
    Target t = targets.get(new PromotionTarget(service, PROD));
    if (t == null || t.stage != Stage.OPEN || t.closed) {
      return "skip";
    }
    if (List.of("alice", "bob").contains(reviewer)) {
      t.approvals.add(reviewer);
    }
    return "ok";
  }

  /** A person closes the open promotion or rollback PR; skipped when there is none. */
  String close(PromotionTarget target) {
    Target t = targets.get(target);
    if (t == null || t.closed || (t.stage != Stage.OPEN && t.stage != Stage.ROLLING)) {
      return "skip";
    }
    t.closed = true;
    return "ok";
  }

  private Option<Instant> healthySince(EnvironmentName env, ServiceName service, ImageDigest digest) {
    Health h = health.get(env + "/" + service);
    return h != null && h.digest().equals(digest) && h.state() == DeploymentState.SUCCESS ? Option.some(h.runStart()) : Option.none();
  }

  /** A merge pins the digest, and the CD pipeline deploys it healthy at once. */
  private void pin(PromotionTarget target, ImageDigest digest) {
    pins = pins.with(target.environment(), target.service(), digest);
    status(target.environment(), target.service(), digest, DeploymentState.SUCCESS);
  }

  private boolean gatePasses(PromotionTarget target, Target t) {
    if (ci != CiState.GREEN) {
      return false;
    }
    if (target.environment().equals(PROD)) {
      Option<Instant> since = healthySince(STAGING, target.service(), t.promotion.digest());
      return !t.approvals.isEmpty() && since.isDefined() && !since.get().plus(SOAK).isAfter(now);
    }
    return true;
  }

  private void merge(PromotionTarget target, Target t) {
    pin(target, t.promotion.digest());
    afterMerge(target, t);
  }

  private void afterMerge(PromotionTarget target, Target t) {
    if (target.environment().equals(PROD)) {
      t.stage = Stage.CANARY;
      t.canaryStart = now;
    } else {
      t.stage = Stage.PROMOTED;
    }
  }

  private void openRollback(Target t, RollbackReason reason) {
    t.stage = Stage.ROLLING;
    t.reason = reason;
    t.revertPr = nextPr++;
    t.closed = false;
  }

  /** Judges a running canary: the outcome of complete ({@code CanaryRunning} when it waits). */
  private String judge(PromotionTarget target, Target t) {
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

  // ---- the use cases ------------------------------------------------------------------------

  String promote(DigestCommand.Promote command) {
    PromotionTarget target = new PromotionTarget(command.service(), command.target());
    if (!PATH.contains(command.target())) {
      return "UnknownEnvironment";
    }
    Option<EnvironmentName> source = PATH.source(command.target());
    if (source.isEmpty()) {
      return "IntoFirstEnvironment";
    }
    if (command.from().contains(command.target())) {
      return "IntoItself";
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

  /** The digest a promote command names, if any, given the source's pin. */
  static Option<ImageDigest> named(DigestCommand.Promote command, ImageDigest sourcePin) {
    return switch (command.named()) {
      case NONE -> Option.none();
      case SOURCE_PIN -> Option.some(sourcePin);
      case BUILD_0 -> Option.some(BUILDS.get(0));
      case BUILD_1 -> Option.some(BUILDS.get(1));
      case INITIAL_OF_TARGET -> INITIAL.pin(command.target(), command.service()).orElse(Option.some(BUILDS.get(2)));
    };
  }

  String complete(PromotionTarget target) {
    if (!PATH.contains(target.environment())) {
      return "UnknownEnvironment";
    }
    Target t = targets.get(target);
    if (t == null) {
      return "NoPromotion";
    }
    switch (t.stage) {
      case OPEN:
        if (t.closed) {
          t.stage = Stage.WITHDRAWN; // the closed PR is recorded as what it is
          return "ok";
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

  /** The gate command: the decision while a PR is open, whatever it says; otherwise why there is none. */
  String gate(PromotionTarget target) {
    Target t = targets.get(target);
    if (t == null) {
      return "NoPromotion";
    }
    return switch (t.stage) {
      case OPEN, ROLLING -> t.closed ? "PrClosed" : "ok";
      case CANARY -> "InCanary";
      default -> "NoPromotion";
    };
  }

  String rollback(PromotionTarget target) {
    if (!PATH.contains(target.environment())) {
      return "UnknownEnvironment";
    }
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

  /** Records closed PRs, merges automatic steps whose gate passes, judges canaries; a revert it opens merges at once on green CI. */
  String sync() {
    for (Map.Entry<PromotionTarget, Target> entry : targets.entrySet()) {
      PromotionTarget target = entry.getKey();
      Target t = entry.getValue();
      if (t.stage == Stage.OPEN) {
        if (t.closed) {
          t.stage = Stage.WITHDRAWN;
        } else if (PATH.policyFor(target.environment()).get().mergesAutomatically() && gatePasses(target, t)) {
          merge(target, t);
        }
      } else if (t.stage == Stage.CANARY) {
        judge(target, t);
      }
      if (t.stage == Stage.ROLLING) {
        if (t.closed) {
          t.stage = Stage.MERGED;
          t.closed = false;
        } else if (ci == CiState.GREEN) {
          pin(target, t.promotion.previous().get());
          t.stage = Stage.ROLLED;
        }
      }
    }
    return "ok";
  }
}
