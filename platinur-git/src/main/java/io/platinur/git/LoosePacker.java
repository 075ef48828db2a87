package io.platinur.git;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.internal.storage.pack.PackWriter;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.pack.PackConfig;

/**
 * Packs the repository's loose objects once they pass the {@code gc.auto} threshold of its
 * configuration (6,700 by default; 0 turns packing off), as {@code git gc --auto} does: counted the
 * way Git counts them (the objects in one of the 256 fan-out directories), on a background thread,
 * one run at a time, so a writer never waits for it.
 *
 * <p>A run packs only the loose objects into one new pack and then removes the loose copies, as
 * {@code git repack -d -l} and {@code git prune-packed} do, so its cost follows the number of loose
 * objects, not the size of the repository. Nothing is deleted that is not in a pack, so an object a
 * writer is about to reference is never lost. Once the packs pass {@code gc.autoPackLimit} (50 by
 * default) a run repacks the whole repository into one pack instead, as Git does; that full repack
 * keeps packs younger than {@code gc.prunePackExpire} (an hour by default), and with them any young
 * object nothing references yet.
 */
final class LoosePacker implements AutoCloseable {
  /** Git's default for {@code gc.auto}. */
  static final int DEFAULT_THRESHOLD = 6700;
  /** Git's default for {@code gc.autoPackLimit}. */
  static final int DEFAULT_PACK_LIMIT = 50;

  private final Repository repository;
  private final ExecutorService executor;
  private final AtomicBoolean running = new AtomicBoolean();
  // Loose objects a run left (written while it ran) count against the next run only once.
  private volatile int leftLoose;

  /** Packs on a background thread of its own. */
  LoosePacker(Repository repository) {
    this(repository, Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "platinur-pack");
      thread.setDaemon(true);
      return thread;
    }));
  }

  /** Packs on {@code executor}, which {@link #close()} shuts down. */
  LoosePacker(Repository repository, ExecutorService executor) {
    this.repository = repository;
    this.executor = executor;
  }

  /** Called after a write: starts packing in the background when loose objects pass the threshold. */
  void afterWrite() {
    if (running.get() || !overThreshold() || !running.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.execute(() -> {
        try {
          if (repository instanceof FileRepository files) {
            if (packs(files) >= packLimit()) {
              repackEverything(files);
            } else {
              packLooseObjects(files);
            }
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

  private int packLimit() {
    int limit = repository.getConfig().getInt("gc", "autoPackLimit", DEFAULT_PACK_LIMIT);
    return limit <= 0 ? Integer.MAX_VALUE : limit;
  }

  private static void repackEverything(FileRepository files) throws Exception {
    GC gc = new GC(files);
    gc.setPackConfig(new PackConfig(files));
    gc.setAuto(false);
    gc.gc().get();
  }

  /**
   * Writes every loose object into one new pack (its index last, so no reader sees a pack without
   * one), then deletes the loose objects that a pack now holds.
   */
  private static void packLooseObjects(FileRepository files) throws IOException {
    List<ObjectId> loose = looseObjects(files);
    if (loose.isEmpty()) {
      return;
    }
    File packDirectory = files.getObjectDatabase().getPackDirectory();
    Files.createDirectories(packDirectory.toPath());
    try (ObjectReader reader = files.newObjectReader();
        RevWalk walk = new RevWalk(reader);
        PackWriter writer = new PackWriter(new PackConfig(files), reader)) {
      List<RevObject> objects = new ArrayList<>(loose.size());
      for (ObjectId id : loose) {
        try {
          objects.add(walk.parseAny(id));
        } catch (MissingObjectException gone) {
          // removed meanwhile (another packer): nothing to pack
        }
      }
      if (objects.isEmpty()) {
        return;
      }
      writer.preparePack(objects.iterator());
      File pack = File.createTempFile("incoming_", ".pack", packDirectory);
      File index = File.createTempFile("incoming_", ".idx", packDirectory);
      try {
        // on disk before the loose copies go: a crash after the prune must not lose an object
        try (FileOutputStream out = new FileOutputStream(pack)) {
          writer.writePack(NullProgressMonitor.INSTANCE, NullProgressMonitor.INSTANCE, out);
          out.flush();
          out.getChannel().force(true);
        }
        try (FileOutputStream out = new FileOutputStream(index)) {
          writer.writeIndex(out);
          out.flush();
          out.getChannel().force(true);
        }
        String name = "pack-" + writer.computeName().name();
        File finalPack = new File(packDirectory, name + ".pack");
        File finalIndex = new File(packDirectory, name + ".idx");
        if (!finalPack.exists()) {
          Files.move(pack.toPath(), finalPack.toPath(), StandardCopyOption.ATOMIC_MOVE);
          Files.move(index.toPath(), finalIndex.toPath(), StandardCopyOption.ATOMIC_MOVE);
          files.getObjectDatabase().openPack(finalPack);
        }
      } finally {
        Files.deleteIfExists(pack.toPath());
        Files.deleteIfExists(index.toPath());
      }
    }
    new GC(files).prunePacked();
  }

  private static List<ObjectId> looseObjects(FileRepository files) {
    List<ObjectId> found = new ArrayList<>();
    File objects = files.getObjectDatabase().getDirectory();
    for (int fanOut = 0; fanOut < 256; fanOut++) {
      String prefix = String.format("%02x", fanOut);
      String[] names = new File(objects, prefix).list();
      for (String name : names == null ? new String[0] : names) {
        if (name.length() == 38 && ObjectId.isId(prefix + name)) {
          found.add(ObjectId.fromString(prefix + name));
        }
      }
    }
    return found;
  }

  private static int packs(FileRepository files) {
    String[] names = files.getObjectDatabase().getPackDirectory().list();
    int packs = 0;
    for (String name : names == null ? new String[0] : names) {
      if (name.startsWith("pack-") && name.endsWith(".pack")) {
        packs++;
      }
    }
    return packs;
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

  /** Waits for a packing run in progress (at most 30 s), then takes no more. */
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
