package io.platinur.domain.metrics;

import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.Promotion;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackReason;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;

/**
 * A generated delivery story: a lane and two services on dev → staging → prod, driven by a list of
 * integers (each picks a step and its argument; a step illegal in the current state is skipped), so
 * QuickTheories shrinks a failing story by shrinking the list.
 *
 * <p>Walking the story writes two things side by side: the raw history as the Git adapter keeps it
 * (the lane's saved changes with their events, the reverts on production, every saved state of the
 * digest promotions, every state of dev's pins) and, independently, the reference facts a person
 * would count by hand (each release with its lead times, each promotion's deployment, failure and
 * restore). The test reads the raw history through the code under test and compares with the facts.
 */
final class DeliveryStory {
  static final BranchName LANE = BranchName.of("staging");
  static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");
  static final EnvironmentName DEV = EnvironmentName.of("dev");
  static final EnvironmentName STAGING = EnvironmentName.of("staging");
  static final EnvironmentName PROD = EnvironmentName.of("prod");
  static final List<EnvironmentName> PATH = List.of(DEV, STAGING, PROD);
  static final List<ServiceName> SERVICES = List.of(ServiceName.of("api"), ServiceName.of("web"));

  // ---- the raw history, one record per saved change, in the order they happened ----------------

  /** Which history a record belongs to. */
  enum Stream { LANE, PRODUCTION, STORE, PINS }

  /** One saved record of one history. {@code unreadable}: its text does not parse. */
  record Record(Stream stream, Instant at, Seq<LaneEvent> laneEvents, boolean unreadable,
      Option<DeliveryEvent.ReleaseReverted> revert, Option<Seq<DigestPromotion>> store, Option<SortedMap<ServiceName, ImageDigest>> devPins) {}

  // ---- the reference facts -----------------------------------------------------------------------

  // each fact carries the index of the record that holds it: a read of the first n records sees the facts below n

  record RefRelease(int index, Instant at, Seq<Duration> leadTimes, Seq<Duration> fromCommit, CommitId merge) {}

  record RefDeployment(int index, PromotionTarget target, Option<PullRequestNumber> pr, Instant at, Option<Duration> leadTime) {}

  record RefRestore(int index, DeliveryScope scope, Instant at, Duration took) {}

  final Vector<Record> records;
  final Seq<RefRelease> releases;
  final Map<CommitId, Integer> revertedAt;   // a release's merge → the record of its revert
  final Seq<RefDeployment> deployments;
  final Map<PullRequestNumber, Integer> failedAt;   // a digest promotion's PR → the record of its first rollback
  final Seq<RefRestore> restores;
  final Map<CommitId, Instant> authored;
  final Instant end;
  final List<Integer> steps;

  private DeliveryStory(Builder b, List<Integer> steps) {
    this.records = b.records;
    this.releases = b.releases;
    this.revertedAt = b.revertedAt;
    this.deployments = b.deployments;
    this.failedAt = b.failedAt;
    this.restores = b.restores;
    this.authored = b.authored;
    this.end = b.now;
    this.steps = steps;
  }

  @Override
  public String toString() {
    return "story of " + steps.size() + " steps " + steps + " → " + records.size() + " records";
  }

  /** Walks the steps. */
  static DeliveryStory of(List<Integer> steps) {
    Builder b = new Builder();
    for (ServiceName service : SERVICES) {
      b.build(service);
    }
    for (int step : steps) {
      b.now = b.now.plus(Duration.ofMinutes(1 + (step % 7) * 53L));
      b.step(step % 20, step / 20);
    }
    return new DeliveryStory(b, steps);
  }

  private static final class Builder {
    Instant now = T0;
    Vector<Record> records = Vector.empty();
    int counter;
    // lane
    Vector<ProposalId> batch = Vector.empty();
    Map<ProposalId, Instant> applied = HashMap.empty();   // readable applies only
    Map<ProposalId, Option<Instant>> authoredOf = HashMap.empty();
    Map<CommitId, Instant> authored = HashMap.empty();
    Option<PullRequestNumber> openPr = Option.none();
    Option<PullRequestNumber> mergedPr = Option.none();
    Option<CommitId> mergeCommit = Option.none();
    Vector<CommitId> merges = Vector.empty();
    Map<CommitId, Instant> mergedAt = HashMap.empty();
    Map<CommitId, Integer> revertedAt = HashMap.empty();
    Seq<RefRelease> releases = List.empty();
    // digest
    Map<EnvironmentName, SortedMap<ServiceName, ImageDigest>> pins = HashMap.of(DEV, TreeMap.empty(), STAGING, TreeMap.empty(), PROD, TreeMap.empty());
    Map<io.vavr.Tuple2<ServiceName, ImageDigest>, Instant> built = HashMap.empty();
    SortedMap<PromotionTarget, DigestPromotion> store = TreeMap.empty();
    Seq<RefDeployment> deployments = List.empty();
    Map<PullRequestNumber, Instant> failures = HashMap.empty();
    Map<PullRequestNumber, Integer> failedAt = HashMap.empty();
    Seq<RefRestore> restores = List.empty();

    CommitId commit() {
      return CommitId.of(String.format("%040x", ++counter));
    }

    PullRequestNumber pr() {
      return PullRequestNumber.of(++counter);
    }

    void lane(Seq<LaneEvent> events, boolean unreadable) {
      records = records.append(new Record(Stream.LANE, now, events, unreadable, Option.none(), Option.none(), Option.none()));
    }

    void save(DigestPromotion next) {
      store = store.put(next.target(), next);
      records = records.append(new Record(Stream.STORE, now, List.empty(), false, Option.none(), Option.some(store.values()), Option.none()));
    }

    void build(ServiceName service) {
      ImageDigest digest = ImageDigest.of("sha256:" + String.format("%064x", ++counter));
      pins = pins.put(DEV, pins.get(DEV).get().put(service, digest));
      built = built.put(io.vavr.Tuple.of(service, digest), now);
      deployments = deployments.append(new RefDeployment(records.size(), new PromotionTarget(service, DEV), Option.none(), now, Option.none()));
      records = records.append(new Record(Stream.PINS, now, List.empty(), false, Option.none(), Option.none(), Option.some(pins.get(DEV).get())));
    }

    void step(int kind, int arg) {
      switch (kind) {
        case 0, 1, 2 -> apply(arg);
        case 3 -> unapply(arg);
        case 4 -> discard();
        case 5 -> openOrClose(arg);
        case 6 -> mergeOrSync();
        case 7 -> revert(arg);
        case 8 -> build(SERVICES.get(arg % 2));
        default -> {
          // the first target, from one the argument picks, where the step does something: chains reach prod
          for (int i = 0; i < 4; i++) {
            int size = records.size();
            digest(kind, target(arg + i), arg / 4);
            if (records.size() > size) {
              return;
            }
          }
        }
      }
    }

    // ---- lane steps ----

    void apply(int arg) {
      if (openPr.isDefined() || mergedPr.isDefined()) {
        return;
      }
      ProposalId id = ProposalId.of("p-" + (++counter));
      CommitId commit = commit();
      Option<Instant> writtenAt = arg % 3 == 0 ? Option.none() : Option.some(now.minus(Duration.ofMinutes(arg % 90)));
      writtenAt.forEach(time -> authored = authored.put(commit, time));
      boolean unreadable = arg % 11 == 10;
      if (!unreadable) {
        applied = applied.put(id, now);
        authoredOf = authoredOf.put(id, writtenAt);
      }
      batch = batch.append(id);
      lane(List.of(new LaneEvent.ProposalStaged(new StagedProposal(id, "Change " + id, TreeSet.of(RepoPath.of("models/" + id + ".sql")), commit))),
          unreadable);
    }

    void unapply(int arg) {
      if (openPr.isDefined() || mergedPr.isDefined() || batch.isEmpty()) {
        return;
      }
      ProposalId id = batch.get(arg % batch.size());
      batch = batch.remove(id);
      applied = applied.remove(id);
      lane(List.of(new LaneEvent.ProposalUnstaged(id, List.empty())), false);
    }

    void discard() {
      if (openPr.isDefined() || mergedPr.isDefined() || batch.isEmpty()) {
        return;
      }
      lane(List.of(new LaneEvent.BatchDiscarded(batch)), false);
      batch.forEach(id -> applied = applied.remove(id));
      batch = Vector.empty();
    }

    void openOrClose(int arg) {
      if (openPr.isDefined()) {
        lane(List.of(new LaneEvent.PromotionPrClosed(openPr.get())), false);
        openPr = Option.none();
      } else if (mergedPr.isEmpty() && !batch.isEmpty() && arg % 4 != 3) {
        openPr = Option.some(pr());
        lane(List.of(new LaneEvent.PromotionPrOpened(openPr.get(), commit())), false);
      }
    }

    void mergeOrSync() {
      if (openPr.isDefined()) {
        CommitId merge = commit();
        lane(List.of(new LaneEvent.PromotionPrMerged(openPr.get(), merge)), false);
        mergedPr = openPr;
        mergeCommit = Option.some(merge);
        merges = merges.append(merge);
        mergedAt = mergedAt.put(merge, now);
        openPr = Option.none();
      } else if (mergedPr.isDefined()) {
        lane(List.of(new LaneEvent.PromotionFinalized(mergedPr.get(), batch, commit())), false);
        Seq<ProposalId> counted = batch.filter(applied::containsKey);
        releases = releases.append(new RefRelease(records.size() - 1, now,
            counted.map(id -> Duration.between(applied.get(id).get(), now)),
            counted.flatMap(id -> authoredOf.get(id).get()).map(time -> Duration.between(time, now)),
            mergeCommit.get()));
        batch.forEach(id -> applied = applied.remove(id));
        batch = Vector.empty();
        mergedPr = Option.none();
        mergeCommit = Option.none();
      }
    }

    void revert(int arg) {
      Seq<CommitId> candidates = merges.filter(merge -> !revertedAt.containsKey(merge));
      if (candidates.isEmpty()) {
        return;
      }
      CommitId merge = candidates.get(arg % candidates.size());
      Instant detected = now.minus(Duration.ofSeconds(arg % 600));
      if (detected.isBefore(mergedAt.get(merge).get())) {
        detected = mergedAt.get(merge).get();
      }
      revertedAt = revertedAt.put(merge, records.size());
      DeliveryEvent.ReleaseReverted reverted = new DeliveryEvent.ReleaseReverted(LANE, merge, commit(), detected, now);
      restores = restores.append(new RefRestore(records.size(), DeliveryScope.lane(LANE), now, Duration.between(detected, now)));
      records = records.append(new Record(Stream.PRODUCTION, now, List.empty(), false, Option.some(reverted), Option.none(), Option.none()));
    }

    // ---- digest steps ----

    static PromotionTarget target(int arg) {
      return new PromotionTarget(SERVICES.get(arg % 2), arg / 2 % 2 == 0 ? STAGING : PROD);
    }

    void digest(int kind, PromotionTarget target, int arg) {
      Option<DigestPromotion> latest = store.get(target);
      EnvironmentName env = target.environment();
      ServiceName service = target.service();
      switch (kind) {
        case 9, 10 -> { // promote
          if (latest.exists(p -> !p.isFinished())) {
            return;
          }
          EnvironmentName source = PATH.get(PATH.indexOf(env) - 1);
          Option<ImageDigest> digest = pins.get(source).get().get(service);
          if (digest.isEmpty() || pins.get(env).get().get(service).equals(digest)) {
            return;
          }
          Promotion promotion = new Promotion(target, source, digest.get(), pins.get(env).get().get(service));
          if (arg % 2 == 1) {
            save(new DigestPromotion.Proposed(promotion));
          }
          save(new DigestPromotion.PrOpen(promotion, pr()));
        }
        case 11 -> latest.filter(p -> p instanceof DigestPromotion.PrOpen).forEach(p -> save(((DigestPromotion.PrOpen) p).closedUnmerged()));
        case 12, 13 -> latest.filter(p -> p instanceof DigestPromotion.PrOpen).forEach(p -> {
          DigestPromotion.Merged merged = ((DigestPromotion.PrOpen) p).merged(commit());
          pins = pins.put(env, pins.get(env).get().put(service, merged.promotion().digest()));
          Option<Duration> lead = built.get(io.vavr.Tuple.of(service, merged.promotion().digest())).map(first -> Duration.between(first, now));
          deployments = deployments.append(new RefDeployment(records.size(), target, Option.some(merged.pr()), now, lead));
          save(arg % 3 == 0 ? merged : arg % 3 == 1 ? merged.canaryStarted(now) : merged.promoted());
        });
        case 14 -> latest.filter(p -> p instanceof DigestPromotion.Merged).forEach(p -> save(((DigestPromotion.Merged) p).canaryStarted(now)));
        case 15 -> latest.forEach(p -> {
          if (p instanceof DigestPromotion.Merged merged) {
            save(merged.promoted());
          } else if (p instanceof DigestPromotion.Canary canary) {
            save(canary.passed());
          }
        });
        case 16, 17 -> latest.forEach(p -> {
          RollbackReason reason = kind == 17 ? RollbackReason.REQUESTED : arg % 2 == 0 ? RollbackReason.CANARY_FAILED : RollbackReason.CANARY_TIMED_OUT;
          Option<DigestPromotion.RollingBack> rolling = p instanceof DigestPromotion.Canary canary ? Option.some(canary.rollbackOpened(pr(), reason))
              : kind == 17 && p instanceof DigestPromotion.Merged merged ? Option.some(merged.rollbackOpened(pr(), reason))
              : kind == 17 && p instanceof DigestPromotion.Promoted promoted ? Option.some(promoted.rollbackOpened(pr(), reason))
              : Option.none();
          rolling.forEach(next -> {
            if (!failures.containsKey(next.pr())) {
              failures = failures.put(next.pr(), now);
              failedAt = failedAt.put(next.pr(), records.size());
            }
            save(next);
          });
        });
        case 18 -> latest.filter(p -> p instanceof DigestPromotion.RollingBack).forEach(p -> {
          DigestPromotion.RollingBack rolling = (DigestPromotion.RollingBack) p;
          SortedMap<ServiceName, ImageDigest> here = pins.get(env).get();
          pins = pins.put(env, rolling.promotion().previous().map(previous -> here.put(service, previous)).getOrElse(here.remove(service)));
          restores = restores.append(new RefRestore(records.size(), DeliveryScope.target(target), now, Duration.between(failures.get(rolling.pr()).get(), now)));
          save(rolling.reverted(commit()));
        });
        default -> latest.filter(p -> p instanceof DigestPromotion.RollingBack)
            .forEach(p -> save(((DigestPromotion.RollingBack) p).revertClosedUnmerged()));
      }
    }
  }

  // ---- reading the raw history as the adapter does ------------------------------------------------

  static String source(Stream stream) {
    return switch (stream) {
      case LANE -> "refs/platinur/lanes/staging";
      case PRODUCTION -> "refs/heads/main";
      case STORE -> "refs/platinur/digest-promotions";
      case PINS -> "refs/heads/gitops";
    };
  }

  /**
   * What a read from {@code cursor} brings when the first {@code upTo} records exist: per history,
   * the records after the cursor's position (a record's position is its index in the story),
   * translated by the code under test; the state before a store or pins record is the one at the
   * cursor, as the Git adapter reads it.
   */
  DeliveryRead read(DeliveryCursor cursor, int upTo) {
    Seq<DeliveryEvent> events = List.empty();
    Seq<HistoryProblem> problems = List.empty();
    DeliveryCursor next = cursor;
    for (Stream stream : Stream.values()) {
      String source = source(stream);
      int from = cursor.at(source).map(Integer::parseInt).map(at -> at + 1).getOrElse(0);
      Option<Record> previous = cursor.at(source).map(Integer::parseInt).map(records::get);
      for (int i = from; i < upTo; i++) {
        Record record = records.get(i);
        if (record.stream() != stream) {
          continue;
        }
        String where = source + " at " + i;
        switch (stream) {
          case LANE -> {
            if (record.unreadable()) {
              problems = problems.append(new HistoryProblem.Unreadable(where, "the lane codec cannot read it"));
            } else {
              events = events.appendAll(LaneDelivery.events(LANE, record.laneEvents(), record.at(), authored::get));
            }
          }
          case PRODUCTION -> events = events.append(record.revert().get());
          case STORE -> {
            DigestDelivery.Changes changes = DigestDelivery.changes(
                previous.flatMap(Record::store).getOrElse(List.empty()), record.store().get(), record.at(), where);
            events = events.appendAll(changes.events());
            problems = problems.appendAll(changes.problems());
          }
          case PINS -> events = events.appendAll(DigestDelivery.builds(DEV,
              previous.flatMap(Record::devPins).getOrElse(TreeMap.empty()), record.devPins().get(), record.at()));
        }
        previous = Option.some(record);
        next = next.with(source, Integer.toString(i));
      }
    }
    return new DeliveryRead(events, problems, next);
  }

  // ---- the reference: the four keys counted by hand ------------------------------------------------

  /** The keys of {@code scope} over {@code window} when the first {@code upTo} records exist, counted from the facts. */
  DeliveryKeys reference(DeliveryScope scope, MetricsWindow window, int upTo) {
    return scope.fold(lane -> {
      Seq<RefRelease> deployed = releases.filter(r -> r.index() < upTo && window.contains(r.at()));
      int failed = deployed.count(r -> revertedAt.get(r.merge()).exists(index -> index < upTo));
      return new DeliveryKeys(deployed.size(), deployed.size() / window.days(), new DurationSummary(deployed.flatMap(RefRelease::leadTimes)),
          new DurationSummary(deployed.flatMap(RefRelease::fromCommit)), new ChangeFailureRate(failed, deployed.size()),
          new DurationSummary(restores(scope, window, upTo)));
    }, target -> {
      Seq<RefDeployment> deployed = deployments.filter(d -> d.target().equals(target.target()) && d.index() < upTo && window.contains(d.at()));
      int failed = deployed.count(d -> d.pr().flatMap(failedAt::get).exists(index -> index < upTo));
      return new DeliveryKeys(deployed.size(), deployed.size() / window.days(), new DurationSummary(deployed.flatMap(RefDeployment::leadTime)),
          new DurationSummary(List.empty()), new ChangeFailureRate(failed, deployed.size()), new DurationSummary(restores(scope, window, upTo)));
    });
  }

  private Seq<Duration> restores(DeliveryScope scope, MetricsWindow window, int upTo) {
    return restores.filter(r -> r.scope().equals(scope) && r.index() < upTo && window.contains(r.at())).map(RefRestore::took);
  }

  /** Every scope the story can touch. */
  static Seq<DeliveryScope> allScopes() {
    return List.of(DeliveryScope.lane(LANE)).appendAll(SERVICES.flatMap(service -> PATH.map(env -> DeliveryScope.target(new PromotionTarget(service, env)))));
  }
}
