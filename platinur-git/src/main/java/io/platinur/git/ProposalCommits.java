package io.platinur.git;

import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.time.ZoneOffset;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * What a proposal commit is, written and read back: the proposal's title as subject, a
 * {@code Platinur-Proposal: <id>} trailer, and a {@code Platinur-Unchanged: <path>} trailer for each
 * path the proposal lists whose change was already in the parent (so its file set reads back whole);
 * and the commit and tree helpers the other writers of this package share.
 */
final class ProposalCommits {
  static final String TRAILER = "Platinur-Proposal";
  /** Names a path the proposal lists whose change was already in the parent, so the file set reads back whole. */
  static final String UNCHANGED_TRAILER = "Platinur-Unchanged";

  private ProposalCommits() {}

  static Either<PortFailure, RevCommit> parseCommit(RevWalk walk, CommitId id) throws IOException {
    ObjectId objectId = GitRepo.objectId(id);
    if (!walk.getObjectReader().has(objectId)) {
      return Failures.fail(Kind.NOT_FOUND, "Commit " + id.abbreviated() + " does not exist in the repository.");
    }
    try {
      return Either.right(walk.parseCommit(objectId));
    } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
      return Failures.fail(Kind.INVALID_REQUEST, "Object " + id.abbreviated() + " is not a commit.");
    }
  }

  static Option<ProposalId> proposalIdOf(RevCommit commit) {
    java.util.List<String> values = commit.getFooterLines(TRAILER);
    if (values.size() != 1) {
      return Option.none();
    }
    return io.vavr.control.Try.of(() -> ProposalId.of(values.get(0).trim())).toOption();
  }

  static String message(Proposal proposal, List<RepoPath> unchanged) {
    StringBuilder message = new StringBuilder(proposal.title()).append("\n\n");
    for (RepoPath path : unchanged) {
      message.append(UNCHANGED_TRAILER).append(": ").append(encode(path.value())).append('\n');
    }
    return message.append(TRAILER).append(": ").append(proposal.id().value()).append('\n').toString();
  }

  /** The paths named in {@code Platinur-Unchanged} trailers; none when one of them is not a valid path. */
  static Option<List<RepoPath>> unchangedOf(RevCommit commit) {
    List<RepoPath> out = List.empty();
    for (String value : commit.getFooterLines(UNCHANGED_TRAILER)) {
      io.vavr.control.Validation<String, RepoPath> path = RepoPath.parse(decode(value.trim()));
      if (path.isInvalid()) {
        return Option.none();
      }
      out = out.append(path.get());
    }
    return Option.some(out);
  }

  // A trailer value is one trimmed line: '%' and spaces are escaped so a path survives whole.
  private static String encode(String path) {
    return path.replace("%", "%25").replace(" ", "%20");
  }

  private static String decode(String value) {
    return value.replace("%20", " ").replace("%25", "%");
  }

  static PersonIdent ident(CommitAuthor author) {
    return new PersonIdent(author.name(), author.email(), author.when(), ZoneOffset.UTC);
  }

  static ObjectId insertCommit(
      ObjectInserter inserter, ObjectId tree, ObjectId parent, PersonIdent author, PersonIdent committer, String message)
      throws IOException {
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    commit.setParentId(parent);
    commit.setAuthor(author);
    commit.setCommitter(committer);
    commit.setEncoding(java.nio.charset.StandardCharsets.UTF_8);
    commit.setMessage(message);
    return inserter.insert(commit);
  }

  /** The paths that differ between two trees, with the edit that turns {@code from} into {@code to}. */
  static List<Tuple2<String, TreeRewriter.Edit>> diff(ObjectReader reader, ObjectId from, ObjectId to) throws IOException {
    // ANY_DIFF skips subtrees with equal ids, so this costs what changed, not the repository's size.
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(from);
      walk.addTree(to);
      walk.setRecursive(true);
      walk.setFilter(TreeFilter.ANY_DIFF);
      java.util.List<Tuple2<String, TreeRewriter.Edit>> out = new java.util.ArrayList<>();
      while (walk.next()) {
        FileMode mode = walk.getFileMode(1);
        TreeRewriter.Edit edit = mode == FileMode.MISSING
            ? TreeRewriter.Edit.delete()
            : TreeRewriter.Edit.write(walk.getObjectId(1), mode);
        out.add(new Tuple2<>(walk.getPathString(), edit));
      }
      return List.ofAll(out);
    }
  }
}
