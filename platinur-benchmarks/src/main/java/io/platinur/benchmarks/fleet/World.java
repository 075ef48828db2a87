package io.platinur.benchmarks.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.Semaphore;

/**
 * Virtual time and the one baton of a simulation. Everything happens on virtual time: world events
 * (a build, a deployment, a webhook) run on the scheduler's thread at their instant; hosts run real
 * code on threads of their own ({@link Strand}s), and only one thread runs at any moment: the
 * scheduler hands the baton to a strand and waits until the strand hands it back, which it does
 * when it waits (a port call's latency, a retry's backoff, an idle host). Given the seed, a run is
 * the same every time: no thread ever races another, nothing reads the wall clock, and every random
 * choice comes from {@link #random} in the order the baton passes.
 */
final class World {
  private final PriorityQueue<Event> events = new PriorityQueue<>();
  private final Semaphore scheduler = new Semaphore(0);
  private final List<Strand> strands = new ArrayList<>();
  private final Random random;
  private Instant now;
  private long sequence;
  private Throwable failure;
  private boolean stopping;

  World(Instant start, long seed) {
    this.now = start;
    this.random = new Random(seed);
  }

  private record Event(Instant at, long sequence, Runnable action) implements Comparable<Event> {
    @Override
    public int compareTo(Event other) {
      int byTime = at.compareTo(other.at);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }

  Instant now() {
    return now;
  }

  Random random() {
    return random;
  }

  /** A uniformly random duration between {@code from} and {@code to}. */
  Duration between(Duration from, Duration to) {
    long span = to.toMillis() - from.toMillis();
    return from.plusMillis(span <= 0 ? 0 : (long) (random.nextDouble() * span));
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  void at(Instant when, Runnable action) {
    events.add(new Event(when.isBefore(now) ? now : when, sequence++, action));
  }

  void after(Duration delay, Runnable action) {
    at(now.plus(delay), action);
  }

  /** Runs every event up to {@code end} (on this, the scheduler's, thread); the clock then reads {@code end}. */
  void runUntil(Instant end) {
    while (!events.isEmpty() && !events.peek().at().isAfter(end)) {
      Event next = events.poll();
      now = next.at();
      next.action().run();
      if (failure != null) {
        throw new IllegalStateException("A host failed at " + now + ": " + failure, failure);
      }
    }
    now = end;
  }

  /** Whether events are still waiting. */
  boolean busy() {
    return !events.isEmpty();
  }

  /** Starts a strand running {@code body}; it first runs when {@link #resume}d. */
  Strand strand(String name, Runnable body) {
    Strand strand = new Strand(this, name, body);
    strands.add(strand);
    return strand;
  }

  /** Hands the baton to {@code strand} (from the scheduler's thread) and waits until it hands it back. */
  void resume(Strand strand) {
    strand.go.release();
    scheduler.acquireUninterruptibly();
  }

  /** Hands the baton back to the scheduler (from {@code strand}'s thread) and waits until resumed. */
  void yieldFrom(Strand strand) {
    scheduler.release();
    strand.go.acquireUninterruptibly();
    if (stopping) {
      throw new Strand.Stopped();
    }
  }

  void strandEnded(Strand strand, Throwable thrown) {
    if (thrown != null && failure == null) {
      failure = thrown;
    }
    scheduler.release();
  }

  /** Ends every strand (each one waiting for the baton), so that no thread outlives the run. */
  void shutdown() {
    stopping = true;
    for (Strand strand : strands) {
      if (!strand.ended()) {
        resume(strand);
      }
    }
  }

  /** A thread of the simulation that runs only while it holds the baton. */
  static final class Strand {
    final Semaphore go = new Semaphore(0);
    private final World world;
    private final Thread thread;
    private volatile boolean ended;

    /** Thrown in a strand's thread when the world shuts down, to end it. */
    static final class Stopped extends RuntimeException {
      private static final long serialVersionUID = 1L;

      Stopped() {
        super("the world stopped", null, false, false);
      }
    }

    private Strand(World world, String name, Runnable body) {
      this.world = world;
      this.thread = new Thread(() -> {
        Throwable thrown = null;
        go.acquireUninterruptibly();
        try {
          if (!world.stopping) {
            body.run();
          }
        } catch (Stopped stopped) {
          // the run is over
        } catch (Throwable t) {
          thrown = t;
        } finally {
          ended = true;
          world.strandEnded(this, thrown);
        }
      }, name);
      thread.setDaemon(true);
      thread.start();
    }

    boolean ended() {
      return ended;
    }

    /** Waits {@code duration} of virtual time (on this strand's thread). */
    void sleep(Duration duration) {
      world.after(duration, () -> world.resume(this));
      world.yieldFrom(this);
    }

    /** Waits until the scheduler resumes this strand (on this strand's thread). */
    void park() {
      world.yieldFrom(this);
    }
  }
}
