package io.platinur.git;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Where offline pull requests' records live. An open pull request {@code n} is the ref
 * {@code refs/platinur/pulls/<n>}, pointing at a chain of record commits, each a tree with one file
 * {@code pull} (the record, {@link PullRecordCodec}); every change (opened, reviewed) is a new commit
 * on the chain. A merged or closed one is a file of the {@link PullArchive}. {@link #load} finds
 * either, reading nothing else.
 */
final class PullRecords {
  static final String PULLS = "refs/platinur/pulls/";
  private static final String RECORD_FILE = "pull";

  private final GitRefs git;
  private final PullArchive archive;

  PullRecords(GitRefs git, PullArchive archive) {
    this.git = git;
    this.archive = archive;
  }

  static String ref(PullRequestNumber pr) {
    return PULLS + pr.value();
  }

  /** The number a {@code refs/platinur/pulls/<n>} ref names; none for any other name. */
  static Option<PullRequestNumber> numberOf(String refName) {
    String tail = refName.substring(PULLS.length());
    return tail.matches("[1-9][0-9]{0,17}") ? Option.some(PullRequestNumber.of(Long.parseLong(tail))) : Option.none();
  }

  /** Pull request {@code pr}: by its ref while it has one, else from its bucket of the archive. */
  Either<PortFailure, PullRecord.Stored> load(PullRequestNumber pr) throws IOException {
    Option<ObjectId> id = git.read(ref(pr));
    if (id.isDefined()) {
      return read(id.get()).map(record -> new PullRecord.Stored(id, record));
    }
    return archive.find(pr)
        .map(found -> found.map(record -> new PullRecord.Stored(Option.none(), record)))
        .getOrElse(() -> Failures.fail(Kind.NOT_FOUND, "Pull request " + pr + " does not exist."));
  }

  /** {@link #load} after a fetch from the remote, if any. */
  Either<PortFailure, PullRecord.Stored> freshLoad(PullRequestNumber pr) throws IOException {
    Either<PortFailure, Void> fetched = git.refresh();
    return fetched.isLeft() ? Either.left(fetched.getLeft()) : load(pr);
  }

  /** The record in record commit {@code recordCommit}. */
  Either<PortFailure, PullRecord> read(ObjectId recordCommit) throws IOException {
    try (ObjectReader reader = git.repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
      RevCommit commit = walk.parseCommit(recordCommit);
      try (TreeWalk tree = TreeWalk.forPath(reader, RECORD_FILE, commit.getTree())) {
        if (tree == null) {
          return Failures.fail(Kind.REPOSITORY_DAMAGED, "Pull request record " + commit.abbreviate(7).name() + " has no ‘pull’ file.");
        }
        String text = new String(reader.open(tree.getObjectId(0), Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8);
        return PullRecordCodec.parse(text, "Pull request record " + commit.abbreviate(7).name());
      }
    }
  }

  /** Writes {@code record} as a record commit on top of {@code previous} (none: the first); moves no ref. */
  ObjectId write(PullRecord record, Option<ObjectId> previous) throws IOException {
    try (ObjectInserter inserter = git.repository.newObjectInserter()) {
      ObjectId blob = inserter.insert(Constants.OBJ_BLOB, PullRecordCodec.encode(record));
      org.eclipse.jgit.lib.TreeFormatter tree = new org.eclipse.jgit.lib.TreeFormatter();
      tree.append(RECORD_FILE, FileMode.REGULAR_FILE, blob);
      ObjectId id = insertRecordCommit(inserter, inserter.insert(tree), previous, record);
      inserter.flush();
      return id;
    }
  }

  /** A commit of a record's tree (its {@code pull} file, or the archive), saying what became of the pull request. */
  static ObjectId insertRecordCommit(ObjectInserter inserter, ObjectId tree, Option<ObjectId> parent, PullRecord record)
      throws IOException {
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    parent.forEach(commit::setParentId);
    PersonIdent ident = new PersonIdent("Platinur", "platinur", Instant.now(), ZoneOffset.UTC);
    commit.setAuthor(ident);
    commit.setCommitter(ident);
    commit.setEncoding(StandardCharsets.UTF_8);
    commit.setMessage("Pull request " + record.number() + ": " + record.state().word + "\n");
    return inserter.insert(commit);
  }

  /** Where the head branch of {@code record} points now, or where it pointed when opened once it is gone. */
  CommitId headNow(PullRecord record) throws IOException {
    return git.read(record.head().refName()).map(GitRefs::commitId).getOrElse(record.openedAt());
  }

  /** The number of every {@code pulls/<n>} ref: the open pull requests (and, in a repository not yet migrated, closed ones). */
  List<Long> refNumbers() throws IOException {
    List<Long> out = List.empty();
    for (Ref ref : git.repository.getRefDatabase().getRefsByPrefix(PULLS)) {
      Option<PullRequestNumber> number = numberOf(ref.getName());
      if (number.isDefined()) {
        out = out.prepend(number.get().value());
      }
    }
    return out;
  }

  /** Every pull request that has a ref, with its record commit, in number order; one unreadable record is the answer. */
  Either<PortFailure, List<Tuple2<ObjectId, PullRecord>>> withRefs() throws IOException {
    List<Tuple2<ObjectId, PullRecord>> out = List.empty();
    for (Long n : refNumbers().sorted()) {
      Option<ObjectId> id = git.read(ref(PullRequestNumber.of(n)));
      if (id.isEmpty()) {
        continue;
      }
      Either<PortFailure, PullRecord> record = read(id.get());
      if (record.isLeft()) {
        return Either.left(record.getLeft());
      }
      out = out.append(new Tuple2<>(id.get(), record.get()));
    }
    return Either.right(out);
  }
}
