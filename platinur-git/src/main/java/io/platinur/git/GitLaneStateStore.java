package io.platinur.git;

import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.AuditEntry;
import io.platinur.port.LaneChange;
import io.platinur.port.LaneStateStore;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The lane's state in its own ref, {@code refs/platinur/lanes/<staging branch>}: a chain of
 * commits, one per save, whose tree holds the lane ({@link LaneTree}: the base and lock, one entry
 * per staged proposal, one per deployed proposal) and whose message records the events and the
 * audit entry of that save. The version token is the state commit's id.
 *
 * <p>{@link #save} moves the state ref and the staging branch in one atomic ref transaction, each
 * from the id the caller last saw: the state ref from {@code expected}, the staging branch from
 * the staging head of the stored lane (or, on the very first save, from wherever it points). When
 * the branch already points at the new lane's staging head (a sync adopting the branch as Git has
 * it), the transaction guards that position instead. Another writer, or anyone moving the staging
 * branch by hand, makes it fail with {@code CONFLICT}, changing nothing.
 *
 * <p>What a change costs does not grow with the lane's past: a save writes only the tree entries
 * that changed and one commit on top of the chain, and the store keeps the last state it read or
 * wrote (keyed by its commit id, so it is exact), reading from there only the entries that differ
 * when another writer moved the lane on. A load of an unchanged lane reads the state ref alone.
 */
final class GitLaneStateStore implements LaneStateStore {
  private final GitRepo git;
  private volatile Known known;

  /** The last state this store read or wrote: its commit and what its tree holds. */
  private record Known(ObjectId commit, LaneTree.Read read) {}

  GitLaneStateStore(GitRepo git) {
    this.git = git;
  }

  @Override
  public Either<PortFailure, Option<StoredLane>> load() {
    return git.fresh(() -> Failures.guard(() -> {
      Option<ObjectId> head = git.read(git.config.laneStateRef());
      if (head.isEmpty()) {
        return Either.right(Option.none());
      }
      return readLane(head.get()).map(lane -> Option.some(new StoredLane(new LaneVersion(head.get().name()), lane)));
    }));
  }

  @Override
  public Either<PortFailure, StoredLane> save(
      Option<LaneVersion> expected, StagingLane next, Seq<LaneEvent> events, AuditEntry audit) {
    Either<PortFailure, Void> fetched = git.refresh();
    if (fetched.isLeft()) {
      return Either.left(fetched.getLeft());
    }
    return Failures.guard(() -> {
      Option<ObjectId> current = git.read(git.config.laneStateRef());
      if (!current.map(ObjectId::name).equals(expected.map(LaneVersion::token))) {
        return Failures.fail(Kind.CONFLICT, "The lane state changed since it was read; re-read the lane and check again.");
      }
      Option<LaneTree.Read> previous = Option.none();
      ObjectId expectedStaging;
      if (current.isDefined()) {
        Either<PortFailure, Known> stored = known(current.get());
        if (stored.isLeft()) {
          return Either.left(stored.getLeft());
        }
        previous = Option.some(stored.get().read());
        expectedStaging = GitRepo.objectId(stored.get().read().lane().stagingHead());
      } else {
        Either<PortFailure, ObjectId> staging = git.require(git.config.staging().refName());
        if (staging.isLeft()) {
          return Either.left(staging.getLeft());
        }
        expectedStaging = staging.get();
      }
      ObjectId nextStaging = GitRepo.objectId(next.stagingHead());
      // A sync that adopts the branch as Git has it (after a crash or a change made outside the
      // lane) stores a lane whose head is where the branch already is: guard that position instead.
      Option<ObjectId> actualStaging = git.read(git.config.staging().refName());
      if (actualStaging.contains(nextStaging)) {
        expectedStaging = nextStaging;
      }
      ObjectId stateCommit;
      ObjectId stateTree;
      try (ObjectInserter inserter = git.repository.newObjectInserter();
          ObjectReader reader = inserter.newReader()) {
        if (!reader.has(nextStaging)) {
          return Failures.fail(Kind.NOT_FOUND, "The lane's staging head " + next.stagingHead().abbreviated()
              + " does not exist in the repository.");
        }
        stateTree = LaneTree.write(reader, inserter, previous, next);
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(stateTree);
        current.forEach(commit::setParentId);
        PersonIdent ident = new PersonIdent("Platinur", "platinur", audit.at(), ZoneOffset.UTC);
        commit.setAuthor(ident);
        commit.setCommitter(ident);
        commit.setEncoding(StandardCharsets.UTF_8);
        commit.setMessage(subject(audit) + "\n\n" + LaneCodec.encodeChange(events, audit));
        stateCommit = inserter.insert(commit);
        inserter.flush();
      }
      List<RefMove> moves = List.of(
          new RefMove(git.config.laneStateRef(), current.getOrElse(ObjectId.zeroId()), stateCommit),
          new RefMove(git.config.staging().refName(), expectedStaging, nextStaging));
      return git.atomically("save lane " + git.config.staging(), moves)
          .map(done -> {
            known = new Known(stateCommit, new LaneTree.Read(stateTree, next, true));
            return new StoredLane(new LaneVersion(stateCommit.name()), next);
          });
    });
  }

  @Override
  public Either<PortFailure, Seq<LaneChange>> history() {
    return git.fresh(() -> Failures.guard(() -> {
      Option<ObjectId> head = git.read(git.config.laneStateRef());
      List<LaneChange> out = List.empty();
      if (head.isEmpty()) {
        return Either.right(out);
      }
      try (RevWalk walk = new RevWalk(git.repository)) {
        RevCommit commit = walk.parseCommit(head.get());
        while (true) {
          Either<PortFailure, LaneChange> change = change(commit);
          if (change.isLeft()) {
            return Either.left(change.getLeft());
          }
          out = out.prepend(change.get());
          if (commit.getParentCount() == 0) {
            break;
          }
          commit = walk.parseCommit(commit.getParent(0));
        }
      }
      return Either.right(out);
    }));
  }

  /** Walks the chain back from the change before {@code before} (or the newest): only the page is read. */
  @Override
  public Either<PortFailure, Seq<LaneChange>> history(Option<LaneVersion> before, int limit) {
    if (limit < 1) {
      return LaneStateStore.super.history(before, limit); // refused before anything is read
    }
    return git.fresh(() -> Failures.guard(() -> {
      try (RevWalk walk = new RevWalk(git.repository)) {
        Option<RevCommit> start;
        if (before.isEmpty()) {
          Option<ObjectId> head = git.read(git.config.laneStateRef());
          start = head.isEmpty() ? Option.none() : Option.some(walk.parseCommit(head.get()));
        } else {
          Option<RevCommit> from = stateCommit(walk, before.get());
          if (from.isEmpty()) {
            return Failures.fail(Kind.NOT_FOUND, "No change of this lane has version " + before.get().token() + ".");
          }
          start = from.get().getParentCount() == 0 ? Option.none() : Option.some(walk.parseCommit(from.get().getParent(0)));
        }
        io.vavr.collection.Vector<LaneChange> page = io.vavr.collection.Vector.empty();
        for (Option<RevCommit> at = start; at.isDefined() && page.size() < limit; ) {
          RevCommit commit = at.get();
          Either<PortFailure, LaneChange> change = change(commit);
          if (change.isLeft()) {
            return Either.left(change.getLeft());
          }
          page = page.append(change.get());
          at = commit.getParentCount() == 0 ? Option.none() : Option.some(walk.parseCommit(commit.getParent(0)));
        }
        return Either.right(page);
      }
    }));
  }

  /** The commit a version token names, when it is a lane state commit (its message a readable change). */
  private static Option<RevCommit> stateCommit(RevWalk walk, LaneVersion version) throws IOException {
    if (!ObjectId.isId(version.token()) || !walk.getObjectReader().has(ObjectId.fromString(version.token()))) {
      return Option.none();
    }
    try {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(version.token()));
      return change(commit).isRight() ? Option.some(commit) : Option.none();
    } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
      return Option.none();
    }
  }

  private static Either<PortFailure, LaneChange> change(RevCommit commit) {
    try {
      String message = commit.getFullMessage();
      int body = message.indexOf("\n\n");
      LaneCodec.Change change = LaneCodec.decodeChange(body < 0 ? "" : message.substring(body + 2));
      return Either.right(new LaneChange(new LaneVersion(commit.name()), change.events(), change.audit()));
    } catch (LaneCodec.Unreadable e) {
      return Failures.fail(Kind.REPOSITORY_DAMAGED, "Lane history entry " + commit.abbreviate(7).name() + ": " + e.getMessage());
    }
  }

  /** The staging head a state commit records, read from its head entry alone (a torn-read check is this cheap). */
  static Either<PortFailure, CommitId> stagingHead(Repository repository, ObjectId stateCommit) throws IOException {
    try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
      return Either.right(LaneTree.stagingHead(reader, walk.parseCommit(stateCommit).getTree()));
    } catch (LaneCodec.Unreadable e) {
      return Failures.fail(Kind.REPOSITORY_DAMAGED, "Lane state " + stateCommit.abbreviate(7).name() + ": " + e.getMessage());
    }
  }

  private Either<PortFailure, StagingLane> readLane(ObjectId stateCommit) throws IOException {
    return known(stateCommit).map(k -> k.read().lane());
  }

  /** The state at {@code stateCommit}: the one known already, or read from the known one, or read whole. */
  private Either<PortFailure, Known> known(ObjectId stateCommit) throws IOException {
    Known last = known;
    if (last != null && last.commit().equals(stateCommit)) {
      return Either.right(last);
    }
    try (ObjectReader reader = git.repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
      RevCommit commit = walk.parseCommit(stateCommit);
      LaneTree.Read read = last == null
          ? LaneTree.read(reader, commit.getTree())
          : LaneTree.readSince(reader, last.read(), commit.getTree());
      Known now = new Known(stateCommit, read);
      known = now;
      return Either.right(now);
    } catch (LaneCodec.Unreadable e) {
      return Failures.fail(Kind.REPOSITORY_DAMAGED, "Lane state " + stateCommit.abbreviate(7).name() + ": " + e.getMessage());
    }
  }

  private String subject(AuditEntry audit) {
    String action = audit.action().replaceAll("\\s+", " ").strip();
    if (action.length() > 100) {
      action = action.substring(0, 100) + "…";
    }
    return "Lane " + git.config.staging() + ": " + (action.isEmpty() ? "update" : action);
  }
}
