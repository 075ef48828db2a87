package io.platinur.git;

import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * A repository and the one way refs move in it: an atomic batch of compare-and-swaps, as JGit's
 * BareSuperprojectWriter does it (objects first, then the refs, a lost race reported, never
 * retried behind the caller's back). With a remote, the remote is the truth: reads fetch first and
 * every move is one atomic push. After each successful move the {@link LoosePacker} may start
 * packing in the background. The lane ({@link GitRepo}) and the previews both move refs here.
 *
 * <p>Every ref is read through {@link #read} and every move goes through {@link #atomically}, then
 * (with a remote) {@link #cacheFollows}: one method per step, so what a use case costs in Git, and
 * what a process that dies between two steps leaves, can be observed by a subclass.
 */
class GitRefs {
  final Repository repository;
  final Option<RemoteLink> remote;
  final LoosePacker packer;
  final Duration staleLockAfter;

  /** A writer holds a ref lock for milliseconds; a lock file older than this is reported, not retried. */
  static final Duration HELD_LONGER_THAN_A_WRITE = Duration.ofSeconds(2);

  final java.util.concurrent.atomic.AtomicInteger writesInProgress = new java.util.concurrent.atomic.AtomicInteger();

  GitRefs(Repository repository, Duration staleLockAfter, Option<RemoteLink> remote) {
    this(repository, staleLockAfter, remote, new LoosePacker(repository));
  }

  GitRefs(Repository repository, Duration staleLockAfter, Option<RemoteLink> remote, LoosePacker packer) {
    this.repository = repository;
    this.staleLockAfter = staleLockAfter;
    this.remote = remote;
    this.packer = packer;
  }

  /** With a remote, makes the local refs what the remote says; without, does nothing. */
  Either<PortFailure, Void> refresh() {
    return remote.isDefined() ? remote.get().fetch() : Either.right(null);
  }

  /** How a lock file left behind is removed, as the end of a sentence: {@code Sync Promotions removes it}. */
  String abandonedLockRemedy() {
    return "delete it once no Git process is running on the repository";
  }

  /** {@link #refresh()}, then {@code work}; a failed fetch is the answer. */
  <T> Either<PortFailure, T> fresh(java.util.function.Supplier<Either<PortFailure, T>> work) {
    return refresh().flatMap(done -> work.get());
  }

  /** Where {@code refName} points in the local repository (the cache, with a remote); none when it does not exist. */
  Option<ObjectId> read(String refName) throws IOException {
    Ref ref = repository.getRefDatabase().exactRef(refName);
    return ref == null || ref.getObjectId() == null ? Option.none() : Option.some(ref.getObjectId());
  }

  Either<PortFailure, ObjectId> require(String refName) throws IOException {
    return read(refName)
        .toEither(() -> PortFailure.of(Kind.NOT_FOUND, "The repository has no ref " + refName + "."));
  }

  /**
   * Moves every ref in {@code moves} from its expected id to its next one, all or none. A ref that
   * is not where the caller expected it, or a lock held by another writer for a moment, is a
   * {@code CONFLICT}; a lock file held longer than a write takes is {@code UNAVAILABLE}, and one
   * older than the stale age, left behind by a crashed process, {@code REPOSITORY_DAMAGED}.
   */
  Either<PortFailure, Void> atomically(String why, Seq<RefMove> moves) throws IOException {
    // A lock file older than any write holds one is not a race to retry: say at once what it is.
    Option<PortFailure> held = heldLock(moves, HELD_LONGER_THAN_A_WRITE);
    if (held.isDefined()) {
      return Either.left(held.get());
    }
    writesInProgress.incrementAndGet();
    try {
      return move(why, moves);
    } finally {
      writesInProgress.decrementAndGet();
    }
  }

  private Either<PortFailure, Void> move(String why, Seq<RefMove> moves) throws IOException {
    if (remote.isDefined()) {
      // The remote is the truth and its server the arbiter: one atomic push with expected old ids.
      return remote.get().push(moves).peek(done -> {
        cacheFollows(moves);
        packer.afterWrite();
      });
    }
    BatchRefUpdate update = repository.getRefDatabase().newBatchUpdate();
    update.setAtomic(true);
    update.setAllowNonFastForwards(true);
    update.setRefLogIdent(new PersonIdent("Platinur", "platinur", Instant.now(), ZoneOffset.UTC));
    update.setRefLogMessage("platinur: " + why, false);
    java.util.List<ReceiveCommand> commands = new java.util.ArrayList<>();
    for (RefMove move : moves) {
      ReceiveCommand command = new ReceiveCommand(move.expected(), move.next(), move.refName());
      commands.add(command);
      update.addCommand(command);
    }
    try (RevWalk walk = new RevWalk(repository)) {
      update.execute(walk, NullProgressMonitor.INSTANCE);
    }
    List<ReceiveCommand> done = List.ofAll(commands);
    if (done.forAll(c -> c.getResult() == ReceiveCommand.Result.OK)) {
      packer.afterWrite();
      return Either.right(null);
    }
    if (done.exists(c -> c.getResult() == ReceiveCommand.Result.REJECTED_MISSING_OBJECT)) {
      return Failures.fail(Kind.NOT_FOUND, "A commit to move " + names(moves) + " to does not exist in the repository.");
    }
    Option<PortFailure> heldNow = heldLock(moves, HELD_LONGER_THAN_A_WRITE);
    if (heldNow.isDefined()) {
      return Either.left(heldNow.get());
    }
    // A lock failure or a moved ref: both mean another writer got there first. Nothing changed.
    return Failures.fail(Kind.CONFLICT,
        names(moves) + " changed since it was read (" + why + "); re-read the lane and check again.");
  }

  /** After a push the remote took: the local cache's refs follow (best effort; the next fetch overwrites them). */
  void cacheFollows(Seq<RefMove> moves) {
    remote.forEach(link -> link.follow(moves));
  }

  private static String names(Seq<RefMove> moves) {
    return moves.map(RefMove::refName).mkString(" and ");
  }

  /**
   * A lock file on one of the refs (or on packed-refs) older than {@code heldFor}: a writer holds a
   * ref lock for milliseconds, so one held longer is reported as what it is, with its age, instead
   * of being retried as a lost race. One older than the stale age was left by a crashed process.
   */
  private Option<PortFailure> heldLock(Seq<RefMove> moves, Duration heldFor) {
    File dir = repository.getDirectory();
    Seq<File> locks = moves.map(m -> new File(dir, m.refName() + ".lock")).append(new File(dir, "packed-refs.lock"));
    long now = System.currentTimeMillis();
    for (File lock : locks) {
      long modified = lock.lastModified();
      if (modified == 0L || now - modified <= heldFor.toMillis()) {
        continue;
      }
      String name = relative(lock);
      Duration age = Duration.ofMillis(now - modified);
      if (age.compareTo(staleLockAfter) > 0) {
        String remedy = abandonedLockRemedy();
        return Option.some(PortFailure.of(Kind.REPOSITORY_DAMAGED, "Lock file " + name + " was left behind "
            + words(age) + " ago, probably by a crashed process. " + Character.toUpperCase(remedy.charAt(0)) + remedy.substring(1) + "."));
      }
      return Option.some(PortFailure.of(Kind.UNAVAILABLE, "Lock file " + name + " is held (" + words(age)
          + " old): another Git process is writing to the repository, or one crashed. Try again shortly; "
          + "once it is " + words(staleLockAfter) + " old, " + abandonedLockRemedy() + "."));
    }
    return Option.none();
  }

  String relative(File lock) {
    return repository.getDirectory().toPath().relativize(lock.toPath()).toString().replace(File.separatorChar, '/');
  }

  /** An age in words: seconds below two minutes, minutes below two hours, then hours. */
  static String words(Duration age) {
    long seconds = age.toSeconds();
    if (seconds < 120) {
      return seconds + " s";
    }
    return seconds < 7200 ? seconds / 60 + " min" : seconds / 3600 + " h";
  }

  /**
   * Opens an existing bare repository. {@code NOT_FOUND} when there is none at {@code bareRepository},
   * {@code REPOSITORY_DAMAGED} when it is not bare (a working tree could be changed under Platinur's feet).
   */
  static Either<PortFailure, Repository> openBare(Path bareRepository) {
    if (!Files.isDirectory(bareRepository)) {
      return Failures.fail(Kind.NOT_FOUND, "There is no repository at " + bareRepository + ".");
    }
    if (Files.exists(bareRepository.resolve(Constants.DOT_GIT))) {
      return Failures.fail(Kind.REPOSITORY_DAMAGED,
          bareRepository + " is a working tree, not a bare repository; clone it with --bare.");
    }
    Repository repository;
    try {
      repository = new FileRepositoryBuilder().setGitDir(bareRepository.toFile()).setMustExist(true).build();
    } catch (IOException | IllegalArgumentException e) {
      return Failures.fail(Kind.NOT_FOUND, "There is no Git repository at " + bareRepository + ".");
    }
    if (!repository.isBare()) {
      repository.close();
      return Failures.fail(Kind.REPOSITORY_DAMAGED, bareRepository + " is not a bare repository; clone it with --bare.");
    }
    return Either.right(repository);
  }

  /**
   * Creates a bare repository at {@code directory}, which must not exist or be empty, with a reflog
   * for every ref; the caller closes it.
   */
  static Either<PortFailure, Repository> createBare(Path directory) throws IOException {
    if (Files.exists(directory)) {
      try (var entries = Files.list(directory)) {
        if (entries.findAny().isPresent()) {
          return Failures.fail(Kind.INVALID_REQUEST, directory + " is not empty; choose a new directory.");
        }
      }
    }
    Repository repository = new FileRepositoryBuilder().setGitDir(directory.toFile()).setBare().build();
    repository.create(true);
    repository.getConfig().setString("core", null, "logallrefupdates", "true");
    repository.getConfig().save();
    return Either.right(repository);
  }

  /** Opens the local bare cache of a remote at {@code localCache}, creating it when missing. */
  static Either<PortFailure, Repository> openCache(Path localCache) {
    Repository repository;
    try {
      if (!Files.exists(localCache.resolve("HEAD"))) {
        try (Repository created = new FileRepositoryBuilder().setGitDir(localCache.toFile()).setBare().build()) {
          created.create(true);
        }
      }
      repository = new FileRepositoryBuilder().setGitDir(localCache.toFile()).setMustExist(true).build();
    } catch (IOException | IllegalStateException e) {
      return Failures.fail(Kind.INVALID_REQUEST, "Could not create or open the local cache at " + localCache + ".");
    }
    if (!repository.isBare()) {
      repository.close();
      return Failures.fail(Kind.REPOSITORY_DAMAGED, localCache + " is not a bare repository.");
    }
    return Either.right(repository);
  }

  /**
   * Deletes the lock files on {@code refNames}, on every ref under the ref directories {@code
   * refDirectories} and on packed-refs that are older than the stale age, while no write of this
   * repository is in progress. No writer holds a ref lock that long, so such a file was left by a
   * crashed one; a younger one is left where it is. Returns one sentence per file removed.
   */
  Seq<String> removeAbandonedLocks(Seq<String> refNames, Seq<String> refDirectories) throws IOException {
    File dir = repository.getDirectory();
    java.util.List<File> candidates = new java.util.ArrayList<>();
    candidates.add(new File(dir, "packed-refs.lock"));
    refNames.distinct().forEach(name -> candidates.add(new File(dir, name + ".lock")));
    refDirectories.forEach(directory -> addLockFiles(new File(dir, directory), candidates));
    List<String> removed = List.empty();
    for (File lock : candidates.stream().distinct().toList()) {
      long modified = lock.lastModified();
      long now = System.currentTimeMillis();
      if (modified == 0L || now - modified <= staleLockAfter.toMillis() || writesInProgress.get() > 0) {
        continue;
      }
      // Deleted only if it is still the same file, untouched since it was looked at.
      if (lock.lastModified() == modified && lock.delete()) {
        removed = removed.append("Removed lock file " + relative(lock) + ", left behind " + words(Duration.ofMillis(now - modified))
            + " ago by a crashed writer.");
      }
    }
    return removed;
  }

  /**
   * Adds the lock files under {@code directory}, walked with plain directory listings: this runs on
   * every sync, and a listing per directory costs less than a walk that reads every entry's
   * attributes. A name that cannot be listed is a ref file.
   */
  private static void addLockFiles(File directory, java.util.List<File> found) {
    String[] names = directory.list();
    if (names == null) {
      return;
    }
    for (String name : names) {
      File entry = new File(directory, name);
      if (name.endsWith(".lock")) {
        found.add(entry);
      } else {
        addLockFiles(entry, found);
      }
    }
  }

  /**
   * Exponential backoff with full jitter, as {@link GitStaging#retryBackoff()} documents: a local ref
   * update takes milliseconds, a push to a remote tens of them.
   */
  io.platinur.port.RetryBackoff retryBackoff() {
    return remote.isDefined()
        ? GitStaging.jitteredBackoff(Duration.ofMillis(20), Duration.ofMillis(500))
        : GitStaging.jitteredBackoff(Duration.ofMillis(5), Duration.ofMillis(250));
  }

  static CommitId commitId(ObjectId id) {
    return CommitId.of(id.name());
  }

  static ObjectId objectId(CommitId id) {
    return ObjectId.fromString(id.hex());
  }

  static boolean isValidRefName(String name) {
    return Repository.isValidRefName(name) && name.startsWith(Constants.R_REFS);
  }
}
