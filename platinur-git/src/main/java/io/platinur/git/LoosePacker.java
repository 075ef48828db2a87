package io.platinur.git;

import java.io.File;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.pack.PackConfig;

/**
 * Packs the repository once its loose objects pass the {@code gc.auto} threshold of its
 * configuration (6,700 by default; 0 turns packing off), as {@code git gc --auto} does: counted the
 * way Git counts them (the objects in one of the 256 fan-out directories), packed on a background
 * thread, one run at a time, so a writer never waits for it. Objects younger than
 * {@code gc.pruneExpire} that nothing references stay loose, as with Git, so an object a writer is
 * about to reference is never removed under it; they do not start another run by themselves.
 */
final class LoosePacker implements AutoCloseable {
  /** Git's default for {@code gc.auto}. */
  static final int DEFAULT_THRESHOLD = 6700;

  private final Repository repository;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, "platinur-pack");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile Future<?> last = CompletableFuture.completedFuture(null);
  // Loose objects a run could not pack (young and unreferenced) count against the next run only once.
  private volatile int leftLoose;

  LoosePacker(Repository repository) {
    this.repository = repository;
  }

  /** Called after a write: starts packing in the background when loose objects pass the threshold. */
  void afterWrite() {
    if (running.get() || !overThreshold() || !running.compareAndSet(false, true)) {
      return;
    }
    try {
      last = executor.submit(() -> {
        try {
          if (repository instanceof FileRepository files) {
            GC gc = new GC(files);
            gc.setPackConfig(new PackConfig(repository));
            gc.setAuto(true);
            gc.gc().get();
          }
          leftLoose = looseInOneDirectory();
        } catch (Exception | LinkageError e) {
          // Packing only saves space and time: the next write past the threshold tries again.
        } finally {
          running.set(false);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      running.set(false); // closed meanwhile
    }
  }

  /** Whether loose objects pass the threshold, estimated from one fan-out directory as Git does. */
  boolean overThreshold() {
    int threshold = repository.getConfig().getInt("gc", "auto", DEFAULT_THRESHOLD);
    if (threshold <= 0) {
      return false;
    }
    return looseInOneDirectory() - leftLoose > (threshold + 255) / 256;
  }

  private int looseInOneDirectory() {
    String[] names = new File(repository.getDirectory(), "objects/17").list();
    int loose = 0;
    for (String name : names == null ? new String[0] : names) {
      if (name.length() == 38) {
        loose++;
      }
    }
    return loose;
  }

  /** Test hook: waits for the packing run in progress, if any. */
  void awaitIdle() throws InterruptedException, ExecutionException, TimeoutException {
    last.get(2, TimeUnit.MINUTES);
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
