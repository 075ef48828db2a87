package io.platinur.examples.cli;

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
 * steps print nothing, so scripts reading standard error see only what matters.
 */
final class Progress {
  private final PrintWriter err;

  Progress(PrintWriter err) {
    this.err = err;
  }

  <T> T during(String what, Supplier<T> work) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "platinur-progress");
      thread.setDaemon(true);
      return thread;
    });
    AtomicBoolean shown = new AtomicBoolean();
    ScheduledFuture<?> ticks = timer.scheduleAtFixedRate(() -> {
      synchronized (err) {
        err.print(shown.compareAndSet(false, true) ? what + " …" : ".");
        err.flush();
      }
    }, 1, 1, TimeUnit.SECONDS);
    try {
      return work.get();
    } finally {
      ticks.cancel(false);
      timer.shutdownNow();
      try {
        timer.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (err) {
        if (shown.get()) {
          err.println(" done");
        }
      }
    }
  }
}
