package io.platinur.git;

import io.platinur.port.PortFailure;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * A lane's repository as the tests watch it: every ref read counted by name, every atomic move
 * counted, and a crash point that a test sets to make the process "die" between two write steps:
 * {@code objects-written} (before any ref moved), {@code refs-moved} (all moved, nothing answered
 * yet) and, with a remote, {@code push-sent} (the remote took the push, the local cache did not
 * follow).
 */
final class InstrumentedRepo extends GitRepo {
  private final ConcurrentHashMap<String, LongAdder> reads = new ConcurrentHashMap<>();
  private final LongAdder moves = new LongAdder();
  private volatile Consumer<String> crashPoint = step -> { };

  private InstrumentedRepo(Repository repository, GitLaneConfig config, Option<RemoteLink> remote) {
    super(repository, config, remote);
  }

  /** The lane on the bare repository at {@code bare}, with its repository watched. */
  static Lane open(Path bare, GitLaneConfig config) {
    InstrumentedRepo repo = new InstrumentedRepo(GitRefs.openBare(bare).getOrElseThrow(f -> new AssertionError(f.toString())), config,
        Option.none());
    return new Lane(new GitStaging(repo), repo);
  }

  /** The lane kept in {@code remote}, cached at {@code cache}, as {@link GitStaging#openWithRemote} opens it, watched. */
  static Lane openWithRemote(Path cache, GitRemote remote, GitLaneConfig config) {
    Repository repository = GitRefs.openCache(cache).getOrElseThrow(f -> new AssertionError(f.toString()));
    RemoteLink link = new RemoteLink(repository, remote, List.of(config.production().refName(), config.staging().refName()));
    InstrumentedRepo repo = new InstrumentedRepo(repository, config, Option.some(link));
    repo.refresh().flatMap(done -> link.checkAtomicPush()).getOrElseThrow(f -> new AssertionError(f.toString()));
    return new Lane(new GitStaging(repo), repo);
  }

  /** A lane and the repository under it. */
  record Lane(GitStaging git, InstrumentedRepo repo) {}

  /** From now on, {@code crash} is told each step reached; it throws to end the process there. */
  void crashAt(Consumer<String> crash) {
    crashPoint = crash;
  }

  /** How often each ref was read so far. */
  Map<String, Long> reads() {
    return HashMap.ofAll(reads).mapValues(LongAdder::sum);
  }

  /** The atomic moves tried so far. */
  long moves() {
    return moves.sum();
  }

  @Override
  Option<ObjectId> read(String refName) throws IOException {
    reads.computeIfAbsent(refName, name -> new LongAdder()).increment();
    return super.read(refName);
  }

  @Override
  Either<PortFailure, Void> atomically(String why, Seq<RefMove> refMoves) throws IOException {
    moves.increment();
    crashPoint.accept("objects-written");
    Either<PortFailure, Void> moved = super.atomically(why, refMoves);
    if (moved.isRight() && remote.isEmpty()) {
      crashPoint.accept("refs-moved");
    }
    return moved;
  }

  @Override
  void cacheFollows(Seq<RefMove> refMoves) {
    crashPoint.accept("push-sent");
    super.cacheFollows(refMoves);
  }
}
