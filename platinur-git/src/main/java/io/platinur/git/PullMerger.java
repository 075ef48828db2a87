package io.platinur.git;

import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ThreeWayMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The merge commit an offline pull request's merge writes: the head branch merged into the base
 * branch (parents base, then head), with the head's tree when the base is behind it and Git's
 * recursive three-way merge otherwise; a conflict is refused, nothing written.
 */
final class PullMerger {
  private final GitRefs git;

  PullMerger(GitRefs git) {
    this.git = git;
  }

  /** The merge commit of {@code headId} into {@code baseId} for {@code record}, written but on no ref. */
  Either<PortFailure, ObjectId> mergeCommit(PullRecord record, ObjectId headId, ObjectId baseId) throws IOException {
    try (ObjectInserter inserter = git.repository.newObjectInserter(); RevWalk walk = new RevWalk(inserter.newReader())) {
      RevCommit head = walk.parseCommit(headId);
      RevCommit base = walk.parseCommit(baseId);
      if (walk.isMergedInto(head, base)) {
        return Failures.fail(Kind.REJECTED, "‘" + record.base() + "’ already contains ‘" + record.head() + "’; nothing to merge.");
      }
      ObjectId tree;
      if (walk.isMergedInto(base, head)) {
        tree = head.getTree();
      } else {
        ThreeWayMerger merger = MergeStrategy.RECURSIVE.newMerger(git.repository, true);
        if (!merger.merge(base, head)) {
          return Failures.fail(Kind.REJECTED,
              "Pull request " + record.number() + " conflicts with ‘" + record.base() + "’; it cannot be merged.");
        }
        tree = merger.getResultTreeId();
      }
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree);
      commit.setParentIds(base, head);
      PersonIdent ident = new PersonIdent("Platinur", "platinur", Instant.now(), ZoneOffset.UTC);
      commit.setAuthor(ident);
      commit.setCommitter(ident);
      commit.setEncoding(StandardCharsets.UTF_8);
      commit.setMessage("Merge pull request " + record.number() + " from " + record.head() + "\n\n" + record.title() + "\n");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return Either.right(id);
    }
  }
}
