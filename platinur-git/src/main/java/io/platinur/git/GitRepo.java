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
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * The repository and the one way refs move here: an atomic batch of compare-and-swaps, as JGit's
 * BareSuperprojectWriter does it (objects first, then the refs, a lost race reported, never
 * retried behind the caller's back). After each successful move the {@link LoosePacker} may start
 * packing in the background.
 */
final class GitRepo {
  /** Test hook: called between writing objects and moving refs, to simulate a crash there. */
  interface CrashPoint {
    void reached(String step);

    CrashPoint NONE = step -> {};
  }

  final Repository repository;
  final GitLaneConfig config;
  final Option<RemoteLink> remote;
  final LoosePacker packer;
  volatile CrashPoint crashPoint = CrashPoint.NONE;

  /** A writer holds a ref lock for milliseconds; a lock file older than this is reported, not retried. */
  static final Duration HELD_LONGER_THAN_A_WRITE = Duration.ofSeconds(2);

  private final java.util.concurrent.atomic.AtomicInteger writesInProgress = new java.util.concurrent.atomic.AtomicInteger();

  GitRepo(Repository repository, GitLaneConfig config) {
    this(repository, config, Option.none());
  }

  GitRepo(Repository repository, GitLaneConfig config, Option<RemoteLink> remote) {
    this.repository = repository;
    this.config = config;
    this.remote = remote;
    this.packer = new LoosePacker(repository);
  }

  /**
   * With a remote, makes the local lane refs what the remote says; without, does nothing.
   *
   * <p>A server lists its refs one by one, not as one snapshot, so a fetch that crosses another
   * host's atomic push can bring the new lane state with the old staging branch, and then the
   * staging head the state records is missing here. That read is torn: fetch again (bounded).
   */
  Either<PortFailure, Void> refresh() {
    if (remote.isEmpty()) {
      return Either.right(null);
    }
    Either<PortFailure, Void> fetched = remote.get().fetch();
    for (int again = 0; again < TORN_READ_REFETCHES && fetched.isRight() && isTornRead(); again++) {
      fetched = remote.get().fetch();
    }
    return fetched;
  }

  private static final int TORN_READ_REFETCHES = 8;

  /** The lane state names a staging head this repository does not have. */
  private boolean isTornRead() {
    try {
      Option<ObjectId> state = read(config.laneStateRef());
      if (state.isEmpty()) {
        return false;
      }
      Either<PortFailure, CommitId> head = GitLaneStateStore.stagingHead(repository, state.get());
      return head.isRight() && !repository.getObjectDatabase().has(objectId(head.get()));
    } catch (IOException e) {
      return false; // the read that follows reports it
    }
  }

  /** {@link #refresh()}, then {@code work}; a failed fetch is the answer. */
  <T> Either<PortFailure, T> fresh(java.util.function.Supplier<Either<PortFailure, T>> work) {
    return refresh().flatMap(done -> work.get());
  }

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
    crashPoint.reached("objects-written");
    if (remote.isDefined()) {
      // The remote is the truth and its server the arbiter: one atomic push with expected old ids.
      return remote.get().push(moves, crashPoint).peek(done -> packer.afterWrite());
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
      crashPoint.reached("refs-moved");
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
      if (age.compareTo(config.staleLockAfter()) > 0) {
        return Option.some(PortFailure.of(Kind.REPOSITORY_DAMAGED, "Lock file " + name + " was left behind "
            + words(age) + " ago, probably by a crashed process. Sync Promotions removes it."));
      }
      return Option.some(PortFailure.of(Kind.UNAVAILABLE, "Lock file " + name + " is held (" + words(age)
          + " old): another Git process is writing to the repository, or one crashed. Try again shortly; "
          + "once it is " + words(config.staleLockAfter()) + " old, Sync Promotions removes it."));
    }
    return Option.none();
  }

  /**
   * Deletes the lock files on the lane's refs (its branches, its state and pull-request refs, and
   * packed-refs) that are older than the stale age, while no write of this repository is in
   * progress. No writer holds a ref lock that long, so such a file was left by a crashed one.
   * Returns one sentence per file removed.
   */
  Seq<String> removeAbandonedLocks() throws IOException {
    File dir = repository.getDirectory();
    java.util.List<File> candidates = new java.util.ArrayList<>(java.util.List.of(new File(dir, "packed-refs.lock"),
        new File(dir, config.staging().refName() + ".lock"), new File(dir, config.production().refName() + ".lock")));
    java.nio.file.Path platinurRefs = dir.toPath().resolve("refs/platinur");
    if (java.nio.file.Files.isDirectory(platinurRefs)) {
      try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(platinurRefs)) {
        walk.filter(p -> p.getFileName().toString().endsWith(".lock")).forEach(p -> candidates.add(p.toFile()));
      }
    }
    List<String> removed = List.empty();
    for (File lock : candidates) {
      long modified = lock.lastModified();
      long now = System.currentTimeMillis();
      if (modified == 0L || now - modified <= config.staleLockAfter().toMillis() || writesInProgress.get() > 0) {
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

  private String relative(File lock) {
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
