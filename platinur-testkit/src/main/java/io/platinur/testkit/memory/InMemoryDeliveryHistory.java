package io.platinur.testkit.memory;

import io.platinur.domain.digest.DigestDeployment;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotionEvent;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.metrics.DeliveryCursor;
import io.platinur.domain.metrics.DeliveryEvent;
import io.platinur.domain.metrics.DeliveryRead;
import io.platinur.domain.metrics.DigestDelivery;
import io.platinur.domain.metrics.HistoryProblem;
import io.platinur.domain.metrics.LaneDelivery;
import io.platinur.domain.repository.BranchName;
import io.platinur.port.AuditEntry;
import io.platinur.port.DeliveryHistory;
import io.platinur.port.DigestPromotionChange;
import io.platinur.port.DigestPromotionStore;
import io.platinur.port.LaneChange;
import io.platinur.port.LaneStateStore;
import io.platinur.port.PortFailure;
import io.platinur.port.TimeSource;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * The delivery history of in-memory adapters, for tests of code that reads delivery metrics: a
 * lane's saved changes from any {@link LaneStateStore}'s history, the digest promotions saved
 * through {@link #recording(DigestPromotionStore)} (each save kept with the time it was made), and
 * the builds of an {@link InMemoryGitOps}: the healthy deployments recorded in the first
 * environment, each with a new digest. An in-memory production branch holds no reverts, so none are
 * read. Positions are the lane's version token, the number of saves read, and the number of builds
 * read per service.
 */
public final class InMemoryDeliveryHistory implements DeliveryHistory {
  private final BranchName lane;
  private final LaneStateStore lanes;
  private final InMemoryGitOps gitops;
  private final EnvironmentName first;
  private final TimeSource time;
  private Vector<Saved> saves = Vector.empty();

  private record Saved(Instant at, Seq<DigestPromotion> promotions) {}

  public InMemoryDeliveryHistory(BranchName lane, LaneStateStore lanes, InMemoryGitOps gitops, EnvironmentName first, TimeSource time) {
    this.lane = Objects.requireNonNull(lane, "lane");
    this.lanes = Objects.requireNonNull(lanes, "lanes");
    this.gitops = Objects.requireNonNull(gitops, "gitops");
    this.first = Objects.requireNonNull(first, "first");
    this.time = Objects.requireNonNull(time, "time");
  }

  /** {@code store}, with every successful save kept for this history, at the time source's now. */
  public DigestPromotionStore recording(DigestPromotionStore store) {
    return new DigestPromotionStore() {
      @Override
      public Either<PortFailure, Option<Stored>> load() {
        return store.load();
      }

      @Override
      public Either<PortFailure, Stored> save(
          Option<String> expected, Seq<DigestPromotion> latest, Seq<DigestPromotionEvent> events, AuditEntry audit) {
        synchronized (InMemoryDeliveryHistory.this) {
          return store.save(expected, latest, events, audit).peek(saved -> saves = saves.append(new Saved(time.now(), latest)));
        }
      }

      @Override
      public Either<PortFailure, Seq<DigestPromotionChange>> history(Option<String> before, int limit) {
        return store.history(before, limit);
      }
    };
  }

  @Override
  public synchronized Either<PortFailure, DeliveryRead> readSince(DeliveryCursor cursor) {
    String laneSource = "lane:" + lane;
    return lanes.history().flatMap(changes -> {
      Seq<DeliveryEvent> events = io.vavr.collection.Vector.empty();
      Seq<HistoryProblem> problems = io.vavr.collection.Vector.empty();
      DeliveryCursor next = cursor;
      Option<String> at = cursor.at(laneSource);
      int from = at.isEmpty() ? 0 : changes.indexWhere(change -> change.version().token().equals(at.get())) + 1;
      if (from == 0 && at.isDefined()) {
        return notFound(laneSource, at.get());
      }
      for (LaneChange change : changes.drop(from)) {
        events = events.appendAll(LaneDelivery.events(lane, change.events(), change.audit().at(), commit -> Option.none()));
        next = next.with(laneSource, change.version().token());
      }
      Either<PortFailure, Integer> saved = count(cursor, "digest-promotions", saves.size());
      if (saved.isLeft()) {
        return Either.left(saved.getLeft());
      }
      Seq<DigestPromotion> before = saved.get() == 0 ? io.vavr.collection.List.empty() : saves.get(saved.get() - 1).promotions();
      for (int i = saved.get(); i < saves.size(); i++) {
        DigestDelivery.Changes found = DigestDelivery.changes(before, saves.get(i).promotions(), saves.get(i).at(), "digest promotions save " + (i + 1));
        events = events.appendAll(found.events());
        problems = problems.appendAll(found.problems());
        before = saves.get(i).promotions();
        next = next.with("digest-promotions", Integer.toString(i + 1));
      }
      for (ServiceName service : gitops.current().get().pins().services()) {
        Seq<DigestDeployment> built = gitops.statuses(first, service).get().filter(d -> d.state() == DeploymentState.SUCCESS);
        String source = "builds:" + first + "/" + service;
        Either<PortFailure, Integer> read = count(cursor, source, built.size());
        if (read.isLeft()) {
          return Either.left(read.getLeft());
        }
        SortedMap<ServiceName, ImageDigest> pinned = read.get() == 0 ? TreeMap.empty() : TreeMap.of(service, built.get(read.get() - 1).digest());
        for (DigestDeployment build : built.drop(read.get())) {
          SortedMap<ServiceName, ImageDigest> now = TreeMap.of(service, build.digest());
          events = events.appendAll(DigestDelivery.builds(first, pinned, now, build.at()));
          pinned = now;
        }
        if (built.size() > read.get()) {
          next = next.with(source, Integer.toString(built.size()));
        }
      }
      return Either.right(new DeliveryRead(events, problems, next));
    });
  }

  private static Either<PortFailure, Integer> count(DeliveryCursor cursor, String source, int available) {
    Option<String> at = cursor.at(source);
    if (at.isEmpty()) {
      return Either.right(0);
    }
    Option<Integer> n = Option.of(at.get()).filter(text -> text.matches("[0-9]{1,9}")).map(Integer::parseInt);
    return n.filter(read -> read <= available).<Either<PortFailure, Integer>>map(Either::right).getOrElse(() -> notFound(source, at.get()));
  }

  private static <T> Either<PortFailure, T> notFound(String source, String position) {
    return Either.left(PortFailure.of(PortFailure.Kind.NOT_FOUND, source + " no longer holds " + position
        + ", where the last read stopped. Read it again from the start."));
  }
}
