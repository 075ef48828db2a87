package io.platinur.domain.metrics;

import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Objects;

/**
 * The computation state of delivery metrics: every delivery fact folded so far, and the cursor
 * where reading stopped. Fold what a read of the history brought with {@link #after(DeliveryRead)};
 * ask for the four keys of any window with {@link #report}.
 *
 * <p>Incremental by construction: a ledger that read the history in several steps equals the one
 * that back-filled it in one, whatever the cut points, because each fact is kept by the scope it
 * belongs to and facts of different histories meet only when a report joins them (a revert with
 * the release it reverts, a promotion with the build of its digest). The ledger is a value: it can
 * be dropped and rebuilt from Git at any time, so nothing needs storing beside Git.
 */
public final class DeliveryLedger {
  private final DeliveryCursor cursor;
  private final SortedMap<BranchName, LaneFacts> lanes;
  private final SortedMap<PromotionTarget, TargetFacts> targets;
  private final Map<Tuple2<ServiceName, ImageDigest>, Instant> firstPinned;
  private final SortedSet<HistoryProblem> problems;
  private final long folded;

  private static final Comparator<HistoryProblem> BY_MESSAGE = Comparator.comparing(HistoryProblem::message);

  private record Applied(Instant at, Option<Instant> authored) {}

  private record Release(PullRequestNumber pr, Instant at, Seq<Duration> leadTimes, Seq<Duration> fromCommit) {}

  private record LaneFacts(
      Map<ProposalId, Applied> pending, Vector<Release> releases, Map<PullRequestNumber, CommitId> merges,
      Map<CommitId, DeliveryEvent.ReleaseReverted> reverts) {
    static final LaneFacts NONE = new LaneFacts(HashMap.empty(), Vector.empty(), HashMap.empty(), HashMap.empty());
  }

  private record Deployment(Option<PullRequestNumber> pr, ImageDigest digest, Instant at) {}

  private record Restore(PullRequestNumber pr, Instant detected, Instant at) {}

  private record TargetFacts(Vector<Deployment> deployments, Map<PullRequestNumber, Instant> failures, Vector<Restore> restores) {
    static final TargetFacts NONE = new TargetFacts(Vector.empty(), HashMap.empty(), Vector.empty());
  }

  private DeliveryLedger(
      DeliveryCursor cursor, SortedMap<BranchName, LaneFacts> lanes, SortedMap<PromotionTarget, TargetFacts> targets,
      Map<Tuple2<ServiceName, ImageDigest>, Instant> firstPinned, SortedSet<HistoryProblem> problems, long folded) {
    this.cursor = cursor;
    this.lanes = lanes;
    this.targets = targets;
    this.firstPinned = firstPinned;
    this.problems = problems;
    this.folded = folded;
  }

  /** Nothing read yet: the next read back-fills from the first commit. */
  public static DeliveryLedger start() {
    return new DeliveryLedger(DeliveryCursor.start(), TreeMap.empty(), TreeMap.empty(), HashMap.empty(), TreeSet.empty(BY_MESSAGE), 0);
  }

  /** Where reading stopped: hand it to the next read. */
  public DeliveryCursor cursor() {
    return cursor;
  }

  /** How many events were folded in all. */
  public long folded() {
    return folded;
  }

  /** Every problem met so far, sorted by {@linkplain HistoryProblem#message() message}. */
  public SortedSet<HistoryProblem> problems() {
    return problems;
  }

  /** Every scope the history has facts for, lanes first. */
  public SortedSet<DeliveryScope> scopes() {
    return lanes.keySet().map(DeliveryScope::lane).toSortedSet().addAll(targets.keySet().map(DeliveryScope::target));
  }

  /** This ledger with {@code read} folded in: its problems kept, its events folded in order, its cursor taken. */
  public DeliveryLedger after(DeliveryRead read) {
    DeliveryLedger next = new DeliveryLedger(read.cursor(), lanes, targets, firstPinned,
        problems.addAll(read.problems()), folded);
    for (DeliveryEvent event : read.events()) {
      next = next.fold(event);
    }
    return next;
  }

  private DeliveryLedger fold(DeliveryEvent event) {
    return event.accept(new DeliveryEvent.Visitor<DeliveryLedger>() {
      @Override
      public DeliveryLedger proposalApplied(DeliveryEvent.ProposalApplied applied) {
        return lane(applied.lane(), facts -> facts.pending().put(applied.proposal(), new Applied(applied.at(), applied.authored())),
            (facts, pending) -> new LaneFacts(pending, facts.releases(), facts.merges(), facts.reverts()));
      }

      @Override
      public DeliveryLedger proposalWithdrawn(DeliveryEvent.ProposalWithdrawn withdrawn) {
        return lane(withdrawn.lane(), facts -> facts.pending().remove(withdrawn.proposal()),
            (facts, pending) -> new LaneFacts(pending, facts.releases(), facts.merges(), facts.reverts()));
      }

      @Override
      public DeliveryLedger releaseMerged(DeliveryEvent.ReleaseMerged merged) {
        return lane(merged.lane(), facts -> facts.merges().put(merged.pr(), merged.mergeCommit()),
            (facts, merges) -> new LaneFacts(facts.pending(), facts.releases(), merges, facts.reverts()));
      }

      @Override
      public DeliveryLedger releaseDeployed(DeliveryEvent.ReleaseDeployed deployed) {
        LaneFacts facts = lanes.get(deployed.lane()).getOrElse(LaneFacts.NONE);
        Seq<ProposalId> missing = deployed.proposals().filter(id -> !facts.pending().containsKey(id));
        Seq<Applied> applied = deployed.proposals().flatMap(facts.pending()::get);
        Release release = new Release(deployed.pr(), deployed.at(),
            applied.map(a -> Duration.between(a.at(), deployed.at())),
            applied.flatMap(a -> a.authored().map(authored -> Duration.between(authored, deployed.at()))));
        LaneFacts next = new LaneFacts(facts.pending().removeAll(deployed.proposals()), facts.releases().append(release),
            facts.merges(), facts.reverts());
        DeliveryLedger counted = withLane(deployed.lane(), next);
        return missing.isEmpty() ? counted : counted.withProblem(new HistoryProblem.Gap("lane " + deployed.lane(),
            "the release of PR " + deployed.pr() + " deployed " + missing.mkString(", ") + ", whose apply is not in the lane's history",
            "their lead time is not counted"));
      }

      @Override
      public DeliveryLedger releaseReverted(DeliveryEvent.ReleaseReverted reverted) {
        return lane(reverted.lane(), facts -> facts.reverts().put(reverted.reverted(), reverted),
            (facts, reverts) -> new LaneFacts(facts.pending(), facts.releases(), facts.merges(), reverts));
      }

      @Override
      public DeliveryLedger digestBuilt(DeliveryEvent.DigestBuilt built) {
        PromotionTarget target = new PromotionTarget(built.service(), built.environment());
        Tuple2<ServiceName, ImageDigest> key = Tuple.of(built.service(), built.digest());
        Instant first = firstPinned.get(key).filter(earlier -> earlier.isBefore(built.at())).getOrElse(built.at());
        return withDeployment(target, new Deployment(Option.none(), built.digest(), built.at())).withFirstPinned(key, first);
      }

      @Override
      public DeliveryLedger digestPromotionOpened(DeliveryEvent.DigestPromotionOpened opened) {
        return counted();
      }

      @Override
      public DeliveryLedger digestPromotionWithdrawn(DeliveryEvent.DigestPromotionWithdrawn withdrawn) {
        return counted();
      }

      @Override
      public DeliveryLedger digestDeployed(DeliveryEvent.DigestDeployed deployed) {
        return withDeployment(deployed.target(), new Deployment(Option.some(deployed.pr()), deployed.digest(), deployed.at()));
      }

      @Override
      public DeliveryLedger digestVerified(DeliveryEvent.DigestVerified verified) {
        return counted();
      }

      @Override
      public DeliveryLedger digestRollbackOpened(DeliveryEvent.DigestRollbackOpened opened) {
        TargetFacts facts = targets.get(opened.target()).getOrElse(TargetFacts.NONE);
        if (facts.failures().containsKey(opened.pr())) {
          return counted(); // detected once: a second rollback of the same promotion is the same failure
        }
        return withTarget(opened.target(), new TargetFacts(facts.deployments(), facts.failures().put(opened.pr(), opened.at()), facts.restores()));
      }

      @Override
      public DeliveryLedger digestRollbackWithdrawn(DeliveryEvent.DigestRollbackWithdrawn withdrawn) {
        return counted();
      }

      @Override
      public DeliveryLedger digestRolledBack(DeliveryEvent.DigestRolledBack rolledBack) {
        TargetFacts facts = targets.get(rolledBack.target()).getOrElse(TargetFacts.NONE);
        Option<Instant> detected = facts.failures().get(rolledBack.pr());
        if (detected.isEmpty()) {
          return counted().withProblem(new HistoryProblem.Gap(rolledBack.target().toString(), "the rollback of PR " + rolledBack.pr()
              + " merged, but the history does not record when it was opened", "its time to restore is not counted"));
        }
        return withTarget(rolledBack.target(), new TargetFacts(facts.deployments(), facts.failures(),
            facts.restores().append(new Restore(rolledBack.pr(), detected.get(), rolledBack.at()))));
      }
    });
  }

  // ---- small immutable updates ---------------------------------------------------------------

  private <T> DeliveryLedger lane(BranchName lane, java.util.function.Function<LaneFacts, T> change,
      java.util.function.BiFunction<LaneFacts, T, LaneFacts> rebuild) {
    LaneFacts facts = lanes.get(lane).getOrElse(LaneFacts.NONE);
    return withLane(lane, rebuild.apply(facts, change.apply(facts)));
  }

  private DeliveryLedger withLane(BranchName lane, LaneFacts facts) {
    return new DeliveryLedger(cursor, lanes.put(lane, facts), targets, firstPinned, problems, folded + 1);
  }

  private DeliveryLedger withDeployment(PromotionTarget target, Deployment deployment) {
    TargetFacts facts = targets.get(target).getOrElse(TargetFacts.NONE);
    return withTarget(target, new TargetFacts(facts.deployments().append(deployment), facts.failures(), facts.restores()));
  }

  private DeliveryLedger withTarget(PromotionTarget target, TargetFacts facts) {
    return new DeliveryLedger(cursor, lanes, targets.put(target, facts), firstPinned, problems, folded + 1);
  }

  private DeliveryLedger withFirstPinned(Tuple2<ServiceName, ImageDigest> key, Instant at) {
    return new DeliveryLedger(cursor, lanes, targets, firstPinned.put(key, at), problems, folded);
  }

  private DeliveryLedger withProblem(HistoryProblem problem) {
    return new DeliveryLedger(cursor, lanes, targets, firstPinned, problems.add(problem), folded);
  }

  private DeliveryLedger counted() {
    return new DeliveryLedger(cursor, lanes, targets, firstPinned, problems, folded + 1);
  }

  // ---- reports -------------------------------------------------------------------------------

  /**
   * The four keys of every scope {@code filter} selects over {@code window}, or why there is nothing
   * to show: no scope matches, or nothing was deployed or restored in the window.
   */
  public Either<NoDeliveryData, DeliveryReport> report(MetricsWindow window, MetricsFilter filter) {
    Seq<DeliveryReport.ScopeKeys> selected = scopes().filter(filter::selects).toList().map(scope -> new DeliveryReport.ScopeKeys(scope, keys(scope, window)));
    if (selected.isEmpty() || !selected.exists(scope -> scope.keys().hasData())) {
      return Either.left(new NoDeliveryData(window, filter, selected.isEmpty()));
    }
    return Either.right(new DeliveryReport(window, filter, selected, problems.toList()));
  }

  /** One scope's keys over {@code window}; all zero for a scope the history does not know. */
  public DeliveryKeys keys(DeliveryScope scope, MetricsWindow window) {
    return scope.fold(lane -> laneKeys(lanes.get(lane.staging()).getOrElse(LaneFacts.NONE), window),
        target -> targetKeys(target.target().service(), targets.get(target.target()).getOrElse(TargetFacts.NONE), window));
  }

  private static DeliveryKeys laneKeys(LaneFacts facts, MetricsWindow window) {
    Seq<Release> deployed = facts.releases().filter(release -> window.contains(release.at()));
    int failed = deployed.count(release -> facts.merges().get(release.pr()).exists(facts.reverts()::containsKey));
    Seq<Duration> restores = facts.reverts().values()
        .filter(revert -> window.contains(revert.at()) && facts.merges().containsValue(revert.reverted()))
        .map(revert -> Duration.between(revert.detected(), revert.at()))
        .toList();
    return new DeliveryKeys(deployed.size(), deployed.size() / window.days(),
        new DurationSummary(deployed.flatMap(Release::leadTimes)), new DurationSummary(deployed.flatMap(Release::fromCommit)),
        new ChangeFailureRate(failed, deployed.size()), new DurationSummary(restores));
  }

  private DeliveryKeys targetKeys(ServiceName service, TargetFacts facts, MetricsWindow window) {
    Seq<Deployment> deployed = facts.deployments().filter(deployment -> window.contains(deployment.at()));
    Seq<Duration> leadTimes = deployed.filter(deployment -> deployment.pr().isDefined())
        .flatMap(deployment -> firstPinned.get(Tuple.of(service, deployment.digest())).map(first -> Duration.between(first, deployment.at())));
    int failed = deployed.count(deployment -> deployment.pr().exists(facts.failures()::containsKey));
    Seq<Duration> restores = facts.restores().filter(restore -> window.contains(restore.at()))
        .map(restore -> Duration.between(restore.detected(), restore.at()));
    return new DeliveryKeys(deployed.size(), deployed.size() / window.days(), new DurationSummary(leadTimes),
        new DurationSummary(List.empty()), new ChangeFailureRate(failed, deployed.size()), new DurationSummary(restores));
  }

  // ---- one event's figures, for exporters ------------------------------------------------------

  /**
   * The lead times a deployment event brought, once folded: one per proposal of a release whose
   * apply is recorded; one for a digest promoted into a later environment whose build is recorded;
   * none for anything else.
   */
  public Seq<Duration> leadTimesOf(DeliveryEvent event) {
    if (event instanceof DeliveryEvent.ReleaseDeployed deployed) {
      return lanes.get(deployed.lane()).flatMap(facts -> facts.releases()
          .findLast(release -> release.pr().equals(deployed.pr()) && release.at().equals(deployed.at()))).map(Release::leadTimes)
          .getOrElse(List.empty());
    }
    if (event instanceof DeliveryEvent.DigestDeployed deployed) {
      return firstPinned.get(Tuple.of(deployed.target().service(), deployed.digest()))
          .map(first -> (Seq<Duration>) List.of(Duration.between(first, deployed.at()))).getOrElse(List.empty());
    }
    return List.empty();
  }

  /** The time to restore a restoring event measured, once folded (a revert of a release landed, a rollback merged); none for anything else. */
  public Option<Duration> restoreTimeOf(DeliveryEvent event) {
    if (event instanceof DeliveryEvent.ReleaseReverted reverted) {
      return lanes.get(reverted.lane()).filter(facts -> facts.merges().containsValue(reverted.reverted()))
          .map(facts -> Duration.between(reverted.detected(), reverted.at()));
    }
    if (event instanceof DeliveryEvent.DigestRolledBack rolledBack) {
      return targets.get(rolledBack.target()).flatMap(facts -> facts.failures().get(rolledBack.pr()))
          .map(detected -> Duration.between(detected, rolledBack.at()));
    }
    return Option.none();
  }

  // ---- series per day -------------------------------------------------------------------------

  /** One day of a scope's series: deployments that day, their median lead time, failures detected and restores. */
  public record DayFigures(LocalDate day, int deployments, Option<Duration> medianLeadTime, int failures, int restores) {
    public DayFigures {
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(medianLeadTime, "medianLeadTime");
    }
  }

  /** A scope's figures per day, every day of the window in {@code zone}, days without data included. */
  public record Series(DeliveryScope scope, Seq<DayFigures> days) {
    public Series {
      Objects.requireNonNull(scope, "scope");
      Objects.requireNonNull(days, "days");
    }
  }

  /**
   * Per selected scope, the figures of each day of {@code window} as days begin in {@code zone}:
   * what a chart of deployments per day, the lead-time trend, and failures and restores draws.
   */
  public Seq<Series> daily(MetricsWindow window, MetricsFilter filter, ZoneId zone) {
    Seq<Tuple2<LocalDate, MetricsWindow>> days = days(window, zone);
    return scopes().filter(filter::selects).toList().map(scope -> new Series(scope, days.map(day -> {
      DeliveryKeys keys = keys(scope, day._2);
      return new DayFigures(day._1, keys.deployments(), keys.leadTime().median(), failuresDetected(scope, day._2), keys.timeToRestore().count());
    })));
  }

  /**
   * The figures of each day of {@code window}, as days begin in {@code zone}, added up over every
   * scope {@code filter} selects: deployments, failures and restores summed, and the day's median
   * lead time taken over all the day's samples together (never a median of medians). One line of a
   * chart for a whole environment, a lane, or everything.
   */
  public Seq<DayFigures> dailyTotals(MetricsWindow window, MetricsFilter filter, ZoneId zone) {
    Seq<DeliveryScope> selected = scopes().filter(filter::selects).toList();
    return days(window, zone).map(day -> {
      Seq<DeliveryKeys> keys = selected.map(scope -> keys(scope, day._2));
      return new DayFigures(day._1, keys.map(DeliveryKeys::deployments).sum().intValue(),
          new DurationSummary(keys.flatMap(k -> k.leadTime().samples())).median(),
          selected.map(scope -> failuresDetected(scope, day._2)).sum().intValue(),
          keys.map(k -> k.timeToRestore().count()).sum().intValue());
    });
  }

  /** Each day of {@code window} as days begin in {@code zone}, with the part of the window it covers. */
  private static Seq<Tuple2<LocalDate, MetricsWindow>> days(MetricsWindow window, ZoneId zone) {
    LocalDate first = window.from().atZone(zone).toLocalDate();
    LocalDate last = window.until().minusNanos(1).atZone(zone).toLocalDate();
    return io.vavr.collection.Stream.iterate(first, day -> day.plusDays(1)).takeWhile(day -> !day.isAfter(last)).toVector()
        .map(day -> {
          Instant start = day.atStartOfDay(zone).toInstant();
          Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
          return Tuple.of(day, new MetricsWindow(start.isBefore(window.from()) ? window.from() : start,
              end.isAfter(window.until()) ? window.until() : end));
        });
  }

  /** Failures detected in {@code window}: reverts written (a lane), rollbacks opened (a target). */
  private int failuresDetected(DeliveryScope scope, MetricsWindow window) {
    return scope.fold(
        lane -> lanes.get(lane.staging()).map(facts -> facts.reverts().values()
            .count(revert -> window.contains(revert.detected()) && facts.merges().containsValue(revert.reverted()))).getOrElse(0),
        target -> targets.get(target.target()).map(facts -> facts.failures().values().count(window::contains)).getOrElse(0));
  }

  // ---- equality: a value ----------------------------------------------------------------------

  @Override
  public boolean equals(Object other) {
    return other instanceof DeliveryLedger ledger && cursor.equals(ledger.cursor) && lanes.equals(ledger.lanes)
        && targets.equals(ledger.targets) && firstPinned.equals(ledger.firstPinned) && problems.equals(ledger.problems)
        && folded == ledger.folded;
  }

  @Override
  public int hashCode() {
    return Objects.hash(cursor, lanes, targets, firstPinned, problems, folded);
  }

  @Override
  public String toString() {
    return "DeliveryLedger[" + folded + " events, " + scopes().size() + " scopes, at " + cursor + "]";
  }
}
