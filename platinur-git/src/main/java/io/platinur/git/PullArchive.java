package io.platinur.git;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.port.PortFailure;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The archive of merged and closed offline pull requests: one ref, {@code refs/platinur/pulls-closed},
 * a commit chain whose tree holds each record as the file {@code <bucket>/<n>} (256 buckets:
 * {@code n} modulo 256 in two hex digits). It is read only for the pull request asked and rewritten
 * only along that bucket, so the refs do not grow with the pull requests ever opened (Git rewrites
 * the whole packed-refs file on an atomic update: every ref kept would cost every later write).
 */
final class PullArchive {
  static final String CLOSED = "refs/platinur/pulls-closed";

  private final GitRefs git;

  PullArchive(GitRefs git) {
    this.git = git;
  }

  /** Where the archive keeps pull request {@code pr}: bucket {@code n} modulo 256 (two hex digits), file {@code n}. */
  static String path(PullRequestNumber pr) {
    return String.format("%02x/%d", pr.value() % 256, pr.value());
  }

  /** Pull request {@code pr} as archived; none when the archive does not hold it. */
  Option<Either<PortFailure, PullRecord>> find(PullRequestNumber pr) throws IOException {
    Option<ObjectId> archive = git.read(CLOSED);
    if (archive.isEmpty()) {
      return Option.none();
    }
    try (ObjectReader reader = git.repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
      RevCommit commit = walk.parseCommit(archive.get());
      try (TreeWalk entry = TreeWalk.forPath(reader, path(pr), commit.getTree())) {
        if (entry == null) {
          return Option.none();
        }
        String where = "Archived pull request " + pr + " (" + commit.abbreviate(7).name() + ")";
        return Option.some(PullRecordCodec.parse(
            new String(reader.open(entry.getObjectId(0), Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8), where));
      }
    }
  }

  /**
   * The move that files {@code records} (merged or closed; the first says what the commit is about)
   * into the archive: a new archive commit whose tree has each record at its path.
   */
  RefMove file(Seq<PullRecord> records) throws IOException {
    java.util.SortedMap<String, TreeRewriter.Edit> edits = new java.util.TreeMap<>();
    try (ObjectInserter inserter = git.repository.newObjectInserter(); ObjectReader reader = inserter.newReader()) {
      for (PullRecord record : records) {
        edits.put(path(record.number()), TreeRewriter.Edit.write(inserter.insert(Constants.OBJ_BLOB, PullRecordCodec.encode(record))));
      }
      Option<ObjectId> archive = git.read(CLOSED);
      ObjectId tree;
      try (RevWalk walk = new RevWalk(reader)) {
        tree = new TreeRewriter(reader, inserter).rewrite(archive.isEmpty() ? null : walk.parseCommit(archive.get()).getTree(), edits);
      } catch (TreeRewriter.Refused e) {
        throw new IOException("The pull request archive " + CLOSED + " is damaged: " + e.getMessage(), e);
      }
      ObjectId next = PullRecords.insertRecordCommit(inserter, tree, archive, records.head());
      inserter.flush();
      return new RefMove(CLOSED, archive.getOrElse(ObjectId.zeroId()), next);
    }
  }

  /** Every number in the archive: reads its whole tree, so only for taking a number when the newest is unknown. */
  List<Long> numbers() throws IOException {
    Option<ObjectId> archive = git.read(CLOSED);
    List<Long> out = List.empty();
    if (archive.isEmpty()) {
      return out;
    }
    try (ObjectReader reader = git.repository.newObjectReader(); RevWalk walk = new RevWalk(reader);
        TreeWalk tree = new TreeWalk(reader)) {
      tree.addTree(walk.parseCommit(archive.get()).getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        String name = tree.getNameString();
        if (name.matches("[1-9][0-9]{0,17}")) {
          out = out.prepend(Long.parseLong(name));
        }
      }
    }
    return out;
  }
}
