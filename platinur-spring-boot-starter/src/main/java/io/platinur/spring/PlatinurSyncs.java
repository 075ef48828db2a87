package io.platinur.spring;

import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.application.preview.PreviewEnvironmentService;
import io.platinur.domain.Actor;
import io.platinur.port.TimeSource;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The syncs a webhook delivery or the schedule asks for — Sync Promotions, the digest promotions'
 * sync, the preview reconcile — run after the request is answered, one at a time, on the executor.
 * Requests coalesce: asking for a sync that is already waiting adds nothing, so a burst of
 * deliveries costs one sync, and syncs never pile up behind a slow Git server or GitHub. Each sync
 * is safe to repeat; what the last one of each kind answered is kept for the health indicator.
 *
 * <pre>{@code
 * syncs.request(EnumSet.of(PlatinurSyncs.Kind.LANE));   // a host that knows something moved
 * }</pre>
 */
public final class PlatinurSyncs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PlatinurSyncs.class);

  /** What can be synced. */
  public enum Kind {
    /** Sync Promotions on the staging lane. */
    LANE("Sync Promotions"),
    /** The digest promotions' sync: automatic merges, canary verdicts, half-done steps. */
    DIGESTS("digest sync"),
    /** The preview environments' reconcile. */
    PREVIEWS("preview reconcile");

    private final String words;

    Kind(String words) {
      this.words = words;
    }

    /** What it is called in answers and logs. */
    public String words() {
      return words;
    }
  }

  /** How the last sync of one kind ended: when, and the failure's message if it failed. */
  public record LastRun(Instant at, Option<String> failure) {
    public LastRun {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(failure, "failure");
    }
  }

  private final Executor executor;
  private final Actor actor;
  private final TimeSource time;
  private final Map<Kind, Supplier<Either<String, String>>> runs = new EnumMap<>(Kind.class);
  private final Map<Kind, LastRun> last = Collections.synchronizedMap(new EnumMap<>(Kind.class));
  private final Set<Kind> pending = EnumSet.noneOf(Kind.class);
  private final Runnable shutdown;
  private boolean draining;

  PlatinurSyncs(Executor executor, Actor actor, TimeSource time, Option<StagingLaneService> lane,
      Option<DigestPromotionService> digests, Option<PreviewEnvironmentService> previews, Runnable shutdown) {
    this.executor = Objects.requireNonNull(executor, "executor");
    this.actor = Objects.requireNonNull(actor, "actor");
    this.time = Objects.requireNonNull(time, "time");
    this.shutdown = Objects.requireNonNull(shutdown, "shutdown");
    lane.forEach(service -> runs.put(Kind.LANE, () -> service.syncPromotions(actor)
        .bimap(failure -> failure.message(), result -> result.events().isEmpty() ? "nothing to do" : result.events().size() + " event(s)")));
    digests.forEach(service -> runs.put(Kind.DIGESTS, () -> service.sync(actor)
        .bimap(failure -> failure.message(), result -> result.isEmpty() ? "nothing to do" : result.events().size() + " event(s)")));
    previews.forEach(service -> runs.put(Kind.PREVIEWS, () -> service.reconcile()
        .bimap(failure -> failure.message(), report -> report.plan().actions().size() + " action(s)")));
  }

  /** The kinds this host runs (those whose service is configured). */
  public Set<Kind> available() {
    return runs.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(runs.keySet());
  }

  /**
   * Asks for these syncs (those this host does not run are left out) and returns at once; they
   * run on the executor after any sync already running. Answers the kinds that were asked for.
   */
  public Set<Kind> request(Set<Kind> kinds) {
    Set<Kind> wanted = EnumSet.noneOf(Kind.class);
    for (Kind kind : kinds) {
      if (runs.containsKey(kind)) {
        wanted.add(kind);
      }
    }
    boolean start;
    synchronized (pending) {
      pending.addAll(wanted);
      start = !draining && !pending.isEmpty();
      draining = draining || start;
    }
    if (start) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        synchronized (pending) {
          draining = false;
        }
        LOG.warn("Platinur could not start its syncs now ({}); the next request or scheduled sync starts them.", wanted);
      }
    }
    return wanted;
  }

  /** Asks for every sync this host runs: what the schedule does. */
  public Set<Kind> requestAll() {
    return request(EnumSet.allOf(Kind.class));
  }

  /** How the last sync of {@code kind} ended; none before the first. */
  public Option<LastRun> last(Kind kind) {
    return Option.of(last.get(kind));
  }

  /** Who the syncs act as, in the history. */
  public Actor actor() {
    return actor;
  }

  /** Stops the syncs' own thread, when they run on one (not a host's executor). */
  @Override
  public void close() {
    shutdown.run();
  }

  private void drain() {
    while (true) {
      Set<Kind> now;
      synchronized (pending) {
        if (pending.isEmpty()) {
          draining = false;
          return;
        }
        now = EnumSet.copyOf(pending);
        pending.clear();
      }
      for (Kind kind : now) {
        run(kind);
      }
    }
  }

  private void run(Kind kind) {
    Either<String, String> outcome;
    try {
      outcome = runs.get(kind).get();
    } catch (RuntimeException e) {
      // a sync must never stop the ones after it; the next request runs it again
      outcome = Either.left(e.getClass().getSimpleName());
    }
    last.put(kind, new LastRun(time.now(), outcome.swap().toOption()));
    if (outcome.isLeft()) {
      LOG.warn("Platinur's {} failed; the next webhook or scheduled sync tries again: {}", kind.words(), outcome.getLeft());
    } else {
      LOG.debug("Platinur's {}: {}", kind.words(), outcome.get());
    }
  }
}
