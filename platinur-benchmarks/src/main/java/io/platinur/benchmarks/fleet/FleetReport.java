package io.platinur.benchmarks.fleet;

import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PromotionBranch;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.testkit.memory.InMemoryGitOps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a simulated day did: digests built, promoted per step, overtaken, rolled back; lost and
 * doubled promotions and pins that skipped their gate (each must be 0); the busiest minute and hour
 * against each of GitHub's limits; writes per digest promoted to prod; lead time dev → prod; the
 * requests a limit refused and what the pacing made wait.
 */
public record FleetReport(
    FleetSimulation.Settings settings,
    long built,
    Map<String, Long> mergedPerStep,
    long promotedToProd,
    long rolledBack,
    long overtaken,
    List<String> overtakenExamples,
    long lost,
    long doubled,
    long ungatedPins,
    long peakRequestsPerMinute,
    long peakRequestsPerHour,
    long peakCreatingPerMinute,
    Instant peakCreatingPerMinuteAt,
    long peakCreatingPerHour,
    long peakPushesPerMinute,
    Instant peakPushesPerMinuteAt,
    long peakCiPushesPerMinute,
    int peakConcurrent,
    long peakGitReadsPerSecond,
    long minutesOverPushLimit,
    Instant firstOverPushLimit,
    Map<String, Long> refusals,
    Instant firstRefusal,
    long pushes,
    long creating,
    long requests,
    Duration leadP50,
    Duration leadP95,
    Duration leadP99,
    Duration stagingLeadP50,
    Duration stagingLeadP95,
    long pacedWaits,
    Duration pacedMeanWait,
    Duration pacedLongestWait,
    long saveConflicts,
    long crashes,
    long deliveriesLostToCrashes,
    long webhooksDropped,
    Map<String, Long> pushesByKind,
    Map<String, Long> faults,
    Map<String, Long> rollbackReasons,
    Map<String, Long> outcomes) {

  /** Whether the day met the targets: nothing lost, doubled or ungated, and every limit kept. */
  public boolean correct() {
    return lost == 0 && doubled == 0 && ungatedPins == 0;
  }

  public boolean withinLimits() {
    return peakPushesPerMinute <= Forge.PUSHES_PER_MINUTE && peakCreatingPerMinute <= Forge.CREATING_PER_MINUTE
        && peakCreatingPerHour <= Forge.CREATING_PER_HOUR && refusals.isEmpty();
  }

  public String text() {
    StringBuilder out = new StringBuilder();
    out.append(String.format("Fleet day: seed %d, %d services, %d hosts, %s, %s%n", settings.seed(), settings.services(), settings.hosts(),
        hours(settings.day()), settings.mode()));
    out.append(String.format("  digests built %d; merged into %s; completed in prod %d; rolled back in prod %d%n", built, mergedPerStep,
        promotedToProd, rolledBack));
    out.append(String.format("  overtaken before prod (a newer digest of the service went instead) %d, e.g. %s%n", overtaken,
        overtakenExamples));
    out.append(String.format("  lost %d, doubled %d, prod pins that skipped their gate %d%n", lost, doubled, ungatedPins));
    out.append(String.format("  busiest minute: %d pushes (limit %d) at %s; %d content-creating (limit %d) at %s; %d REST requests; CI's own pushes %d%n",
        peakPushesPerMinute, Forge.PUSHES_PER_MINUTE, time(peakPushesPerMinuteAt), peakCreatingPerMinute, Forge.CREATING_PER_MINUTE,
        time(peakCreatingPerMinuteAt), peakRequestsPerMinute, peakCiPushesPerMinute));
    out.append(String.format("  busiest hour: %d content-creating (limit %d), %d REST requests (limit %d); peak concurrency %d (limit %d); "
            + "busiest second: %d Git reads (limit %d)%n",
        peakCreatingPerHour, Forge.CREATING_PER_HOUR, peakRequestsPerHour, Forge.REQUESTS_PER_HOUR, peakConcurrent, Forge.CONCURRENT,
        peakGitReadsPerSecond, Forge.GIT_READS_PER_SECOND));
    out.append(String.format("  pushes made while over the push limit %d, the first at %s; pushes by kind %s%n", minutesOverPushLimit,
        time(firstOverPushLimit), pushesByKind));
    out.append(String.format("  refused by a limit: %s, first at %s%n", refusals, time(firstRefusal)));
    out.append(String.format("  writes: %d pushes, %d content-creating, %d REST requests in all; %.1f writes per digest completed in prod%n", pushes,
        creating, requests, promotedToProd == 0 ? 0.0 : (double) (pushes + creating) / promotedToProd));
    out.append(String.format("  lead time dev → prod (build to canary passed): p50 %s, p95 %s, p99 %s%n", minutes(leadP50), minutes(leadP95),
        minutes(leadP99)));
    out.append(String.format("  from entering staging to canary passed (soak, approval, merge, canary): p50 %s, p95 %s%n",
        minutes(stagingLeadP50), minutes(stagingLeadP95)));
    out.append(String.format("  pacing: %d writes waited, mean %s, longest %s%n", pacedWaits, seconds(pacedMeanWait),
        seconds(pacedLongestWait)));
    out.append(String.format("  record saves that lost their race %d; crashes %d (deliveries lost while down %d); webhooks dropped %d%n",
        saveConflicts, crashes, deliveriesLostToCrashes, webhooksDropped));
    out.append(String.format("  faults injected: %s%n", faults));
    out.append(String.format("  rollbacks opened, by reason: %s%n", rollbackReasons));
    out.append(String.format("  outcomes: %s", outcomes));
    return out.toString();
  }

  private static String hours(Duration d) {
    return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
  }

  private static String minutes(Duration d) {
    return d == null ? "-" : String.format("%.0f min", d.toMillis() / 60_000.0);
  }

  private static String seconds(Duration d) {
    return d == null ? "-" : String.format("%.0f s", d.toMillis() / 1000.0);
  }

  private static String time(Instant at) {
    return at == null ? "never" : at.toString().substring(11, 16);
  }

  /** Collects the figures while the day runs, and reads the rest from the forge at its end. */
  static final class Builder {
    private final Window ciPushes = new Window(Duration.ofMinutes(1));
    private final Map<String, Long> outcomes = new TreeMap<>();
    private long crashes;
    private long lostToCrash;

    void ciPush(Instant at) {
      ciPushes.add(at, 1);
    }

    void crash() {
      crashes++;
    }

    void lostToCrash() {
      lostToCrash++;
    }

    void outcome(String command, String outcome) {
      outcomes.merge(command + " " + outcome, 1L, Long::sum);
    }

    FleetReport build(FleetSimulation.Settings settings, Forge forge, Pacing pacing, InMemoryGitOps gitops, PromotionPath path,
        Map<ServiceName, List<ImageDigest>> builds, Map<String, Instant> builtAt, Instant end) {
      Map<String, Long> mergedPerStep = new TreeMap<>();
      Map<String, Instant> enteredProd = new HashMap<>();
      Map<String, Instant> enteredStaging = new HashMap<>();
      Map<ServiceName, List<String>> reached = new HashMap<>();
      for (Map.Entry<PullRequestNumber, Instant> merged : forge.mergedOnForge.entrySet()) {
        PromotionBranch branch = forge.branchOf(merged.getKey()).get();
        EnvironmentName env = branch.target().environment();
        mergedPerStep.merge((branch.kind() == PromotionBranch.Kind.ROLLBACK ? "rollback " : "") + env, 1L, Long::sum);
        if (branch.kind() == PromotionBranch.Kind.PROMOTION) {
          ImageDigest digest = forge.mergedDigests.get(merged.getKey());
          reached.computeIfAbsent(branch.target().service(), s -> new ArrayList<>()).add(digest.value());
          if (env.equals(FleetSimulation.PROD)) {
            enteredProd.put(digest.value(), merged.getValue());
          } else if (env.equals(FleetSimulation.STAGING)) {
            enteredStaging.put(digest.value(), merged.getValue());
          }
        }
      }
      // a build that never entered prod, of a service where a later build did
      long overtaken = 0;
      List<String> examples = new ArrayList<>();
      for (Map.Entry<ServiceName, List<ImageDigest>> service : builds.entrySet()) {
        List<ImageDigest> built = service.getValue();
        for (int i = 0; i < built.size(); i++) {
          if (enteredProd.containsKey(built.get(i).value())) {
            continue;
          }
          for (int j = i + 1; j < built.size(); j++) {
            if (enteredProd.containsKey(built.get(j).value())) {
              overtaken++;
              if (examples.size() < 2) {
                examples.add(service.getKey() + " " + built.get(i).abbreviated() + " by " + built.get(j).abbreviated());
              }
              break;
            }
          }
        }
      }
      long lost = forge.mergedOnForge.keySet().stream().filter(pr -> !forge.mergedRecorded.containsKey(pr)).count();
      if (System.getenv("FLEET_DEBUG") != null) {
        forge.mergedOnForge.keySet().stream().filter(pr -> !forge.mergedRecorded.containsKey(pr)).forEach(pr -> {
          PromotionBranch branch = forge.branchOf(pr).get();
          System.err.println("LOST " + pr + " " + branch + " merged at " + forge.mergedOnForge.get(pr) + "; recorded now: "
              + forge.load().get().get().on(path).latest(branch.target()).map(p -> p.describe()));
          forge.history(io.vavr.control.Option.none(), 100000).get().filter(change -> change.events().exists(e -> e.toString().contains(
              branch.target().service().value()) && e.toString().contains(branch.target().environment().value())))
              .take(6).forEach(change -> System.err.println("   " + change.audit() + " " + change.events()));
        });
      }
      long doubled = forge.mergedRecorded.values().stream().filter(n -> n > 1).count();
      List<Duration> leads = new ArrayList<>();
      forge.completedInProd.forEach((digest, at) -> {
        Instant built = builtAt.get(digest);
        if (built != null) {
          leads.add(Duration.between(built, at));
        }
      });
      Collections.sort(leads);
      List<Duration> fromStaging = new ArrayList<>();
      forge.completedInProd.forEach((digest, at) -> {
        Instant entered = enteredStaging.get(digest);
        if (entered != null) {
          fromStaging.add(Duration.between(entered, at));
        }
      });
      Collections.sort(fromStaging);
      return new FleetReport(settings, builtAt.size(), mergedPerStep, forge.completedInProd.size(), forge.rolledBackProd, overtaken, examples,
          lost, doubled, forge.ungatedPins, forge.requestsMinute.peak(), forge.requestsHour.peak(), forge.creatingMinute.peak(),
          forge.creatingMinute.peakAt(), forge.creatingHour.peak(), forge.pushesMinute.peak(), forge.pushesMinute.peakAt(), ciPushes.peak(),
          forge.peakConcurrent, forge.gitReadsSecond.peak(), forge.minutesOverPushes.values().stream().mapToLong(Long::longValue).sum(),
          forge.firstOverPushes,
          new TreeMap<>(forge.refusals), forge.firstRefusal, forge.pushesMinute.total(), forge.creatingMinute.total(),
          forge.requestsMinute.total(), percentile(leads, 50), percentile(leads, 95), percentile(leads, 99), percentile(fromStaging, 50), percentile(fromStaging, 95), pacing.waits,
          pacing.waits == 0 ? Duration.ZERO : pacing.waited.dividedBy(pacing.waits), pacing.longestWait,
          forge.saveConflicts, crashes, lostToCrash, forge.webhooksDropped, new TreeMap<>(forge.pushesByKind), new TreeMap<>(forge.faultsInjected), new TreeMap<>(forge.rollbackReasons),
          new TreeMap<>(outcomes));
    }

    private static Duration percentile(List<Duration> sorted, int p) {
      if (sorted.isEmpty()) {
        return null;
      }
      int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
      return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
  }
}
