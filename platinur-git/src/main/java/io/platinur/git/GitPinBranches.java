package io.platinur.git;

import io.platinur.domain.digest.PinFileProblem;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Promotion;
import io.platinur.domain.digest.PromotionBranch;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackPlan;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PinBranches;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.platinur.port.RetryBackoff;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Promotion and rollback branches of a GitOps repository, written as one commit on the GitOps
 * branch whose only change is the pin scalar's bytes (a path-only tree edit, {@link
 * YamlScalarEditor} for the bytes). Writing the same change on the same base again finds it
 * written; two hosts writing it at the same moment both end with it. The commit's author and
 * committer are the name and email of the author given, or Platinur's own identity ({@code
 * Platinur <platinur>}), dated when the commit is written.
 */
final class GitPinBranches implements PinBranches {
  /** How often a branch write is tried when another writer moves or locks the branch at the same moment. */
  private static final int WRITE_ATTEMPTS = 4;

  private final GitRepo git;
  private final PinLayout layout;
  private final RetryBackoff backoff;

  GitPinBranches(GitRepo git, PinLayout layout) {
    this.git = git;
    this.layout = layout;
    this.backoff = git.retryBackoff();
  }

  @Override
  public Either<PortFailure, BranchName> writePromotion(Promotion promotion, CommitId base) {
    return writePromotion(promotion, base, platinur());
  }

  @Override
  public Either<PortFailure, BranchName> writeRollback(RollbackPlan plan, CommitId base) {
    return writeRollback(plan, base, platinur());
  }

  @Override
  public Either<PortFailure, BranchName> writePromotion(Promotion promotion, CommitId base, CommitAuthor author) {
    PromotionTarget target = promotion.target();
    BranchName branch = PromotionBranch.promotion(target).name();
    String message = "Promote " + target.service() + " to " + target.environment() + ": " + promotion.digest().abbreviated() + "\n\n"
        + "Pins " + promotion.digest() + ", pinned and deployed healthy in " + promotion.from() + ".\n\n"
        + "Platinur-Promotion: " + target.service() + "/" + target.environment() + "\n"
        + "Platinur-Digest: " + promotion.digest() + "\n";
    return writePin(branch, base, target, promotion.digest().value(), message, author);
  }

  @Override
  public Either<PortFailure, BranchName> writeRollback(RollbackPlan plan, CommitId base, CommitAuthor author) {
    PromotionTarget target = plan.promotion().target();
    if (plan.promotion().previous().isEmpty()) {
      return Failures.fail(Kind.INVALID_REQUEST, target.service() + " had no pin in " + target.environment()
          + " before the promotion; remove it by hand, Platinur only rewrites a pin.");
    }
    BranchName branch = PromotionBranch.rollback(target).name();
    String message = "Roll back " + target.service() + " in " + target.environment() + " to " + plan.promotion().previous().get().abbreviated()
        + "\n\nThis reverts commit " + plan.mergeCommit() + " (PR " + plan.pr() + ") because " + plan.reason().words() + ".\n\n"
        + "Platinur-Rollback: " + target.service() + "/" + target.environment() + "\n";
    return writePin(branch, base, target, plan.promotion().previous().get().value(), message, author);
  }

  private static CommitAuthor platinur() {
    return new CommitAuthor("Platinur", "platinur", Instant.now());
  }

  /**
   * Writes the pin change, or finds it written. Two hosts promoting one target at once write the
   * same change: the one that loses the ref's compare-and-swap (or meets the other's ref lock) reads
   * again after a short wait and finds it there, so neither fails for the other's write.
   */
  private Either<PortFailure, BranchName> writePin(
      BranchName branch, CommitId base, PromotionTarget target, String value, String message, CommitAuthor author) {
    Either<PortFailure, BranchName> written = writePinOnce(branch, base, target, value, message, author);
    for (int retry = 1; retry < WRITE_ATTEMPTS && written.isLeft() && written.getLeft().isConflict(); retry++) {
      backoff.beforeRetry(retry);
      written = writePinOnce(branch, base, target, value, message, author);
    }
    return written;
  }

  private Either<PortFailure, BranchName> writePinOnce(
      BranchName branch, CommitId base, PromotionTarget target, String value, String message, CommitAuthor author) {
    RepoPath file = layout.pinPath(target.environment(), target.service());
    return git.fresh(() -> Failures.guard(() -> {
      Either<PortFailure, ObjectId> known = git.known(base);
      if (known.isLeft()) {
        return Either.left(known.getLeft());
      }
      ObjectId baseId = known.get();
      ObjectId commit;
      ObjectId treeId;
      try (ObjectInserter inserter = git.repository.newObjectInserter(); ObjectReader reader = inserter.newReader();
          RevWalk walk = new RevWalk(reader)) {
        RevCommit parent = walk.parseCommit(baseId);
        Option<byte[]> content = git.blob(parent, file);
        if (content.isEmpty()) {
          return Failures.fail(Kind.INVALID_REQUEST, new PinFileProblem.FileMissing(file).message());
        }
        Either<PinFileProblem, byte[]> edited = YamlScalarEditor.write(file, content.get(), layout.key(), value);
        if (edited.isLeft()) {
          return Failures.fail(Kind.INVALID_REQUEST, edited.getLeft().message());
        }
        SortedMap<String, TreeRewriter.Edit> edits = new TreeMap<>();
        edits.put(file.value(), TreeRewriter.Edit.write(inserter.insert(Constants.OBJ_BLOB, edited.get())));
        try {
          treeId = new TreeRewriter(reader, inserter).rewrite(parent.getTree(), edits);
        } catch (TreeRewriter.Refused refused) {
          return Either.left(refused.failure());
        }
        Option<ObjectId> existing = git.read(branch.refName());
        if (existing.isDefined()) {
          RevCommit tip = walk.parseCommit(existing.get());
          if (tip.getParentCount() == 1 && tip.getParent(0).equals(baseId) && tip.getTree().equals(treeId)) {
            return Either.right(branch); // the same change on the same base: written already
          }
        }
        // The time is the repository's own, now: deployments are read back from commit times in
        // history order, so a caller's clock must not date a pin change before the commit it follows.
        PersonIdent ident = new PersonIdent(author.name(), author.email(), Instant.now(), ZoneOffset.UTC);
        commit = ProposalCommits.insertCommit(inserter, treeId, baseId, ident, ident, message);
        inserter.flush();
        Either<PortFailure, Void> moved = git.atomically("write " + branch,
            List.of(new RefMove(branch.refName(), existing.getOrElse(ObjectId.zeroId()), commit)));
        return moved.map(done -> branch);
      }
    }));
  }
}
