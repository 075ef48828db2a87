package io.platinur.git;

import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
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
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The lane's state in its own ref, {@code refs/platinur/lanes/<staging branch>}: a chain of
 * commits, one per save, whose tree holds the serialized lane (file {@code lane}) and whose message
 * records the events and the audit entry of that save. The version token is the state commit's id.
 *
 * <p>{@link #save} moves the state ref and the staging branch in one atomic ref transaction, each
 * from the id the caller last saw: the state ref from {@code expected}, the staging branch from
 * the staging head of the stored lane (or, on the very first save, from wherever it points). When
 * the branch already points at the new lane's staging head (a sync adopting the branch as Git has
 * it), the transaction guards that position instead. Another writer, or anyone moving the staging
 * branch by hand, makes it fail with {@code CONFLICT}, changing nothing.
 */
final class GitLaneStateStore implements LaneStateStore {
  static final String LANE_FILE = "lane";

  private final GitRepo git;

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
      ObjectId expectedStaging;
      if (current.isDefined()) {
        Either<PortFailure, StagingLane> stored = readLane(current.get());
        if (stored.isLeft()) {
          return Either.left(stored.getLeft());
        }
        expectedStaging = GitRepo.objectId(stored.get().stagingHead());
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
      try (ObjectInserter inserter = git.repository.newObjectInserter();
          RevWalk walk = new RevWalk(inserter.newReader())) {
        if (!walk.getObjectReader().has(nextStaging)) {
          return Failures.fail(Kind.NOT_FOUND, "The lane's staging head " + next.stagingHead().abbreviated()
              + " does not exist in the repository.");
        }
        ObjectId blob = inserter.insert(Constants.OBJ_BLOB, LaneCodec.encode(next).getBytes(StandardCharsets.UTF_8));
        TreeFormatter tree = new TreeFormatter();
        tree.append(LANE_FILE, FileMode.REGULAR_FILE, blob);
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(inserter.insert(tree));
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
          .map(done -> new StoredLane(new LaneVersion(stateCommit.name()), next));
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
          LaneCodec.Change change;
          try {
            String message = commit.getFullMessage();
            int body = message.indexOf("\n\n");
            change = LaneCodec.decodeChange(body < 0 ? "" : message.substring(body + 2));
          } catch (LaneCodec.Unreadable e) {
            return Failures.fail(Kind.REPOSITORY_DAMAGED, "Lane history entry " + commit.abbreviate(7).name() + ": " + e.getMessage());
          }
          out = out.prepend(new LaneChange(new LaneVersion(commit.name()), change.events(), change.audit()));
          if (commit.getParentCount() == 0) {
            break;
          }
          commit = walk.parseCommit(commit.getParent(0));
        }
      }
      return Either.right(out);
    }));
  }

  private Either<PortFailure, StagingLane> readLane(ObjectId stateCommit) throws IOException {
    return readLane(git.repository, stateCommit);
  }

  /** The lane a state commit records. */
  static Either<PortFailure, StagingLane> readLane(org.eclipse.jgit.lib.Repository repository, ObjectId stateCommit) throws IOException {
    try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
      RevCommit commit = walk.parseCommit(stateCommit);
      try (TreeWalk tree = TreeWalk.forPath(reader, LANE_FILE, commit.getTree())) {
        if (tree == null) {
          return Failures.fail(Kind.REPOSITORY_DAMAGED, "Lane state " + commit.abbreviate(7).name() + " has no ‘lane’ file.");
        }
        String text = new String(reader.open(tree.getObjectId(0), Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8);
        return Either.right(LaneCodec.decodeLane(text));
      } catch (LaneCodec.Unreadable e) {
        return Failures.fail(Kind.REPOSITORY_DAMAGED, "Lane state " + commit.abbreviate(7).name() + ": " + e.getMessage());
      }
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
