package io.platinur.cli;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Tells the user something is happening when a step takes more than a second: after one second
 * it writes "&lt;what&gt; …" to standard error, then a dot a second, and "done" at the end. Quick
 * steps print nothing. Shown only to a person at a terminal (or with {@code PLATINUR_PROGRESS=1}),
 * so scripts reading standard error see only the outcome.
 */
final class Progress {

  /** Calls a tick once a second, from the first second on, until the returned stop is run. */
  interface Ticker {
    Runnable start(Runnable tick);
  }

  private final PrintWriter err;
  private final boolean enabled;
  private final Ticker ticker;

  Progress(PrintWriter err, boolean enabled) {
    this(err, enabled, Progress::everySecond);
  }

  Progress(PrintWriter err, boolean enabled, Ticker ticker) {
    this.err = err;
    this.enabled = enabled;
    this.ticker = ticker;
  }

  /** Shown when standard error is a terminal, or when {@code PLATINUR_PROGRESS} is {@code 1}. */
  static boolean wanted() {
    String forced = System.getenv("PLATINUR_PROGRESS");
    return forced != null ? forced.equals("1") : System.console() != null;
  }

  <T> T during(String what, Supplier<T> work) {
    if (!enabled) {
      return work.get();
    }
    AtomicBoolean shown = new AtomicBoolean();
    Runnable stop = ticker.start(() -> {
      synchronized (err) {
        err.print(shown.compareAndSet(false, true) ? what + " …" : ".");
        err.flush();
      }
    });
    try {
      return work.get();
    } finally {
      stop.run();
      synchronized (err) {
        if (shown.get()) {
          err.println(" done");
        }
      }
    }
  }

  /** The real clock: a daemon thread ticking once a second. */
  private static Runnable everySecond(Runnable tick) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "platinur-progress");
      thread.setDaemon(true);
      return thread;
    });
    ScheduledFuture<?> ticks = timer.scheduleAtFixedRate(tick, 1, 1, TimeUnit.SECONDS);
    return () -> {
      ticks.cancel(false);
      timer.shutdownNow();
      try {
        timer.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }
}
