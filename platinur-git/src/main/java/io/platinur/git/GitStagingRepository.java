package io.platinur.git;

import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.proposal.Change;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.BranchHeads;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.platinur.port.StagingRepository;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The staging side of a lane in a bare repository. Proposal commits are written straight into the
 * object database (blobs and the trees along the changed paths); branches move only by
 * compare-and-swap.
 *
 * <p>A proposal that changes nothing at all (every write equals the current content, every delete
 * names a missing file) is refused with {@code NOTHING_TO_CHANGE}; a proposal where only some
 * changes are no-ops is applied, and those paths are named in {@code Platinur-Unchanged} trailers,
 * so the file set read back from Git is the proposal's whole file set.
 */
final class GitStagingRepository implements StagingRepository {
  private final GitRepo git;

  GitStagingRepository(GitRepo git) {
    this.git = git;
  }

  @Override
  public Either<PortFailure, BranchHeads> heads() {
    return git.fresh(() -> localHeads());
  }

  private Either<PortFailure, BranchHeads> localHeads() {
    return Failures.guard(() -> git.require(git.config.staging().refName())
        .flatMap(staging -> Failures.guard(() -> git.require(git.config.production().refName()))
            .map(production -> new BranchHeads(GitRepo.commitId(staging), GitRepo.commitId(production)))));
  }

  @Override
  public Either<PortFailure, CommitId> writeProposalCommit(CommitId parent, Proposal proposal, CommitAuthor author) {
    Option<PortFailure> refused = check(proposal);
    if (refused.isDefined()) {
      return Either.left(refused.get());
    }
    return Failures.guard(() -> {
      try (ObjectInserter inserter = git.repository.newObjectInserter();
          ObjectReader reader = inserter.newReader();
          RevWalk walk = new RevWalk(reader)) {
        Either<PortFailure, RevCommit> base = ProposalCommits.parseCommit(walk, parent);
        if (base.isLeft()) {
          return Either.left(base.getLeft());
        }
        SortedMap<String, TreeRewriter.Edit> edits = new TreeMap<>();
        for (Tuple2<RepoPath, Change> change : proposal.changes()) {
          TreeRewriter.Edit edit = change._2.fold(
              write -> {
                try {
                  return TreeRewriter.Edit.write(inserter.insert(Constants.OBJ_BLOB, write.content()));
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              },
              delete -> TreeRewriter.Edit.delete());
          edits.put(change._1.value(), edit);
        }
        ObjectId parentTree = base.get().getTree();
        ObjectId tree;
        try {
          tree = new TreeRewriter(reader, inserter).rewrite(parentTree, edits);
        } catch (TreeRewriter.Refused e) {
          return Either.left(e.failure());
        }
        if (tree.equals(parentTree)) {
          return Failures.fail(Kind.NOTHING_TO_CHANGE,
              "Proposal ‘" + proposal.title() + "’ changes nothing: every file already has the proposed content.");
        }
        java.util.Set<String> changed = new java.util.HashSet<>(ProposalCommits.diff(reader, parentTree, tree).map(e -> e._1).toJavaList());
        List<RepoPath> unchanged = List.ofAll(proposal.fileSet()).filter(path -> !changed.contains(path.value()));
        PersonIdent ident = ProposalCommits.ident(author);
        ObjectId commit =
            ProposalCommits.insertCommit(inserter, tree, base.get(), ident, ident, ProposalCommits.message(proposal, unchanged));
        inserter.flush();
        return Either.right(GitRepo.commitId(commit));
      } catch (java.io.UncheckedIOException e) {
        throw e.getCause();
      }
    });
  }

  @Override
  public Either<PortFailure, Seq<CommitId>> rebuild(CommitId onto, Seq<CommitId> commits, CommitAuthor committer) {
    return Failures.guard(() -> {
      try (ObjectInserter inserter = git.repository.newObjectInserter();
          ObjectReader reader = inserter.newReader();
          RevWalk walk = new RevWalk(reader)) {
        Either<PortFailure, RevCommit> start = ProposalCommits.parseCommit(walk, onto);
        if (start.isLeft()) {
          return Either.left(start.getLeft());
        }
        RevCommit parent = start.get();
        Vector<CommitId> rebuilt = Vector.empty();
        for (CommitId id : commits) {
          Either<PortFailure, RevCommit> parsed = ProposalCommits.parseCommit(walk, id);
          if (parsed.isLeft()) {
            return Either.left(parsed.getLeft());
          }
          RevCommit original = parsed.get();
          if (original.getParentCount() != 1 || ProposalCommits.proposalIdOf(original).isEmpty()) {
            return Failures.fail(Kind.INVALID_REQUEST, "Commit " + id.abbreviated() + " is not a proposal commit.");
          }
          RevCommit originalParent = walk.parseCommit(original.getParent(0));
          SortedMap<String, TreeRewriter.Edit> edits = new TreeMap<>();
          for (Tuple2<String, TreeRewriter.Edit> edit : ProposalCommits.diff(reader, originalParent.getTree(), original.getTree())) {
            edits.put(edit._1, edit._2);
          }
          ObjectId tree;
          try {
            tree = new TreeRewriter(reader, inserter).rewrite(parent.getTree(), edits);
          } catch (TreeRewriter.Refused e) {
            return Either.left(e.failure());
          }
          if (tree.equals(parent.getTree())) {
            return Failures.fail(Kind.NOTHING_TO_CHANGE,
                "Commit " + id.abbreviated() + " would change nothing on top of " + GitRepo.commitId(parent).abbreviated() + ".");
          }
          ObjectId next = ProposalCommits.insertCommit(
              inserter, tree, parent, original.getAuthorIdent(), ProposalCommits.ident(committer), original.getFullMessage());
          inserter.flush();
          parent = walk.parseCommit(next);
          rebuilt = rebuilt.append(GitRepo.commitId(next));
        }
        return Either.right(rebuilt);
      }
    });
  }

  @Override
  public Either<PortFailure, RecordedBatch> readBatch() {
    return Failures.guard(() -> {
      Either<PortFailure, BranchHeads> heads = heads();
      if (heads.isLeft()) {
        return Either.left(heads.getLeft());
      }
      return readBatch(GitRepo.objectId(heads.get().staging()), GitRepo.objectId(heads.get().production()));
    });
  }

  /** The proposal commits on {@code staging} that {@code production} lacks, oldest first. */
  Either<PortFailure, RecordedBatch> readBatch(ObjectId staging, ObjectId production) throws IOException {
    try (ObjectReader reader = git.repository.newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      RevCommit head = walk.parseCommit(staging);
      walk.markStart(head);
      walk.markUninteresting(walk.parseCommit(production));
      java.util.List<RevCommit> newestFirst = new java.util.ArrayList<>();
      for (RevCommit commit : walk) {
        newestFirst.add(commit);
      }
      List<RevCommit> oldestFirst = List.ofAll(newestFirst).reverse();
      if (oldestFirst.isEmpty()) {
        return Either.right(new RecordedBatch(GitRepo.commitId(head), List.empty()));
      }
      RevCommit first = oldestFirst.head();
      if (first.getParentCount() != 1) {
        return notProposal(first);
      }
      ObjectId base = first.getParent(0);
      ObjectId expectedParent = base;
      Vector<StagedProposal> staged = Vector.empty();
      for (RevCommit commit : oldestFirst) {
        Option<ProposalId> id = ProposalCommits.proposalIdOf(commit);
        if (commit.getParentCount() != 1 || !commit.getParent(0).equals(expectedParent) || id.isEmpty()) {
          return notProposal(commit);
        }
        RevCommit parent = walk.parseCommit(commit.getParent(0));
        TreeSet<RepoPath> files = TreeSet.ofAll(ProposalCommits.diff(reader, parent.getTree(), commit.getTree()).map(e -> RepoPath.of(e._1)));
        if (files.isEmpty()) {
          return notProposal(commit);
        }
        Option<List<RepoPath>> unchanged = ProposalCommits.unchangedOf(commit);
        if (unchanged.isEmpty()) {
          return notProposal(commit);
        }
        staged = staged.append(new StagedProposal(
            id.get(), commit.getShortMessage(), files.addAll(unchanged.get()), GitRepo.commitId(commit)));
        expectedParent = commit;
      }
      return Either.right(new RecordedBatch(GitRepo.commitId(base), staged));
    }
  }

  @Override
  public Either<PortFailure, Seq<String>> removeAbandonedLocks() {
    return Failures.guard(() -> Either.right(git.removeAbandonedLocks()));
  }

  @Override
  public Either<PortFailure, CommitId> moveStaging(CommitId expected, CommitId next) {
    return Failures.guard(() -> git.atomically("move " + git.config.staging(),
            List.of(new RefMove(git.config.staging().refName(), GitRepo.objectId(expected), GitRepo.objectId(next))))
        .map(done -> next));
  }

  @Override
  public Either<PortFailure, Boolean> isAncestor(CommitId ancestor, CommitId descendant) {
    return Failures.guard(() -> {
      try (RevWalk walk = new RevWalk(git.repository)) {
        Either<PortFailure, RevCommit> a = ProposalCommits.parseCommit(walk, ancestor);
        Either<PortFailure, RevCommit> d = ProposalCommits.parseCommit(walk, descendant);
        if (a.isLeft()) {
          return Either.left(a.getLeft());
        }
        if (d.isLeft()) {
          return Either.left(d.getLeft());
        }
        return Either.right(nearTip(walk, a.get(), d.get()) || walk.isMergedInto(a.get(), d.get()));
      }
    });
  }

  /** How many commits under the descendant {@link #nearTip} looks at before the full walk. */
  static final int NEAR_TIP = 1024;

  /**
   * Whether {@code ancestor} is among the {@link #NEAR_TIP} commits closest to {@code descendant},
   * breadth first over parents. What Sync Promotions asks about (the merge commit and the
   * proposals it promoted) sits just under the production head, and JGit's full walk goes in
   * commit-time order: with author times older than the merges above them (a host that passes its
   * own times, proposals written ahead of their promotion) it would walk the whole history first,
   * growing with every promotion. Found here, the answer costs the depth, not the history.
   */
  private static boolean nearTip(RevWalk walk, RevCommit ancestor, RevCommit descendant) throws IOException {
    java.util.ArrayDeque<RevCommit> queue = new java.util.ArrayDeque<>(java.util.List.of(descendant));
    java.util.Set<RevCommit> seen = new java.util.HashSet<>(queue);
    for (int visited = 0; visited < NEAR_TIP && !queue.isEmpty(); visited++) {
      RevCommit commit = queue.poll();
      if (commit.equals(ancestor)) {
        return true;
      }
      walk.parseHeaders(commit);
      for (RevCommit parent : commit.getParents()) {
        if (seen.add(parent)) {
          queue.add(parent);
        }
      }
    }
    return false;
  }

  private Option<PortFailure> check(Proposal proposal) {
    // RepoPath already refuses, in these words, every path this checker refuses (RepoPathAgreesWithGitTest):
    // the check stays as the last word before bytes reach Git.
    ObjectChecker checker = new ObjectChecker().setSafeForWindows(true).setSafeForMacOS(true);
    for (Tuple2<RepoPath, Change> change : proposal.changes()) {
      try {
        checker.checkPath(change._1.value());
      } catch (CorruptObjectException e) {
        return Option.some(PortFailure.of(Kind.INVALID_REQUEST,
            "Git refuses the path ‘" + change._1 + "’ (" + e.getMessage() + ")."));
      }
      long size = change._2.fold(write -> (long) write.size(), delete -> 0L);
      if (size > git.config.maxFileBytes()) {
        return Option.some(PortFailure.of(Kind.INVALID_REQUEST,
            "‘" + change._1 + "’ is " + size + " bytes, over the limit of " + git.config.maxFileBytes() + " bytes."));
      }
    }
    return Option.none();
  }

  private static <T> Either<PortFailure, T> notProposal(RevCommit commit) {
    return Failures.fail(Kind.REPOSITORY_DAMAGED,
        "Commit " + commit.abbreviate(7).name() + " on the staging branch is not a proposal commit on top of the batch; "
            + "reset the staging branch or remove it by hand.");
  }
}
