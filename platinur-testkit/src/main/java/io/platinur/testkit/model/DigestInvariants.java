package io.platinur.testkit.model;

import static io.platinur.testkit.model.DigestPromotionRun.DEV;
import static io.platinur.testkit.model.DigestPromotionRun.INITIAL;
import static io.platinur.testkit.model.DigestPromotionRun.PATH;
import static io.platinur.testkit.model.DigestPromotionRun.PROD;
import static io.platinur.testkit.model.DigestPromotionRun.SERVICES;
import static io.platinur.testkit.model.DigestPromotionRun.STAGING;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.digest.DeploymentHealth;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotions;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.DigestDeployments;
import io.vavr.control.Option;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * ADR-0034's rules, checked after every step from what the adapters report alone (the pins and the
 * deployment statuses), whatever the model says: every pin that changed in environment N+1 arrived
 * by promotion from N — pinned and seen deployed healthy there before; for prod, first in dev, then
 * in staging (build once, no skipping) — or by a rollback that restored exactly the pin from before
 * its promotion.
 */
final class DigestInvariants {
  private final DigestDeployments deployments;
  private final DigestPromotionRun.Coverage coverage;
  /** The digests seen pinned, per environment, with the step each was first seen at. */
  private final Map<EnvironmentName, Map<ImageDigest, Integer>> firstPinned = new HashMap<>();
  /** The (service, digest) pairs seen deployed healthy, per environment. */
  private final Map<EnvironmentName, Set<String>> seenHealthy = new HashMap<>();
  /** The pin each target held just before its latest promotion merged. */
  private final Map<PromotionTarget, ImageDigest> pinBeforeMerge = new HashMap<>();
  private final Set<CommitId> rollbacksChecked = new HashSet<>();
  private Pins lastPins = INITIAL;

  DigestInvariants(DigestDeployments deployments, DigestPromotionRun.Coverage coverage) {
    this.deployments = deployments;
    this.coverage = coverage;
  }

  /** The pins as last observed. */
  Pins lastPins() {
    return lastPins;
  }

  /** Checks the pins and promotions read after step {@code step}; {@code context} tells a failure the steps so far. */
  void observe(Pins pins, DigestPromotions promotions, int step, Supplier<String> context) {
    for (EnvironmentName env : PATH.environments()) {
      for (ServiceName service : SERVICES) {
        ImageDigest now = pins.pin(env, service).get();
        ImageDigest before = lastPins.pin(env, service).get();
        PromotionTarget target = new PromotionTarget(service, env);
        if (!now.equals(before) && !env.equals(DEV)) {
          DigestPromotion latest = promotions.latest(target).getOrElseThrow(() -> new AssertionError(target + " moved with no promotion"));
          if (latest instanceof DigestPromotion.RolledBack rolled) {
            restored(target, now, rolled, context);
          } else {
            arrived(target, env, now, before, latest, context);
          }
        }
        firstPinned.computeIfAbsent(env, e -> new HashMap<>()).putIfAbsent(now, step);
        if (DeploymentHealth.healthySince(deployments.statuses(env, service).get(), env, service, now).isDefined()) {
          seenHealthy.computeIfAbsent(env, e -> new HashSet<>()).add(service + "@" + now);
        }
      }
    }
    lastPins = pins;
  }

  /** A rollback restores the pin from before its promotion, exactly. */
  private void restored(PromotionTarget target, ImageDigest now, DigestPromotion.RolledBack rolled, Supplier<String> context) {
    assertThat(Option.some(now)).as("a rollback restores the pin from before the promotion:%n%s", context.get())
        .isEqualTo(rolled.promotion().previous()).isEqualTo(Option.of(pinBeforeMerge.get(target)));
    synchronized (coverage) {
      if (rollbacksChecked.add(rolled.revertCommit())) {
        coverage.rollbackRestored();
      }
    }
  }

  /** A digest entered {@code env} by promotion: pinned and seen healthy in its source before; into prod, through dev then staging. */
  private void arrived(PromotionTarget target, EnvironmentName env, ImageDigest now, ImageDigest before, DigestPromotion latest,
      Supplier<String> context) {
    ServiceName service = target.service();
    EnvironmentName source = PATH.source(env).get();
    assertThat(now).as("%s entered %s as its promotion's digest:%n%s", service, env, context.get()).isEqualTo(latest.promotion().digest());
    assertThat(seenHealthy.getOrDefault(source, Set.of())).as("build once: %s was deployed healthy in %s before entering %s:%n%s",
        now.abbreviated(), source, env, context.get()).contains(service + "@" + now);
    assertThat(firstPinned.getOrDefault(source, Map.of())).as("pinned in %s before:%n%s", source, context.get()).containsKey(now);
    if (env.equals(PROD)) {
      if (firstPinned.get(DEV).containsKey(now)) {
        assertThat(firstPinned.get(DEV).get(now)).as("%s climbed dev before staging:%n%s", now.abbreviated(), context.get())
            .isLessThan(firstPinned.get(STAGING).get(now));
      } else {
        // never in dev while we watched: staging's own pin from before the run
        assertThat(INITIAL.pin(STAGING, service)).as("%s reached prod without passing dev:%n%s", now.abbreviated(), context.get())
            .contains(now);
      }
      synchronized (coverage) {
        coverage.prodArrived();
      }
    }
    pinBeforeMerge.put(target, before);
  }
}
