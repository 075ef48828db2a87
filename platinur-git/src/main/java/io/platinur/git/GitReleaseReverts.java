package io.platinur.git;

import io.platinur.domain.metrics.DeliveryEvent;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Reverts on a lane's production branch: commits whose message says {@code This reverts commit
 * <id>}, as {@code git revert} and a forge's revert button write. The failure was detected when the
 * revert was written (its author time); production was restored when the revert reached the
 * branch: the time of the first commit on the branch's first-parent line that contains it (the
 * revert PR's merge, or the revert itself when pushed straight). Whether the reverted commit is a
 * release's merge is for the ledger to tell. A digest rollback (its {@code Platinur-Rollback}
 * trailer) is left to the digest promotions' history.
 */
final class GitReleaseReverts {
  private static final Pattern REVERTS = Pattern.compile("This reverts commit ([0-9a-f]{40}|[0-9a-f]{64})\\b");

  private GitReleaseReverts() {}

  static Either<PortFailure, Option<GitDeliveryHistory.Part>> read(GitRefs git, BranchName lane, BranchName production, Option<String> position)
      throws IOException {
    String ref = production.refName();
    Option<ObjectId> head = git.read(ref);
    if (head.isEmpty()) {
      return position.isEmpty() ? Either.right(Option.none()) : GitDeliveryHistory.rewritten(ref, position.get());
    }
    if (position.contains(head.get().name())) {
      return Either.right(Option.none());
    }
    Seq<Revert> reverts = io.vavr.collection.Vector.empty();
    try (RevWalk walk = new RevWalk(git.repository)) {
      RevCommit tip = walk.parseCommit(head.get());
      if (position.isDefined()) {
        ObjectId stopped = ObjectId.fromString(position.get());
        if (!git.repository.getObjectDatabase().has(stopped) || !walk.isMergedInto(walk.parseCommit(stopped), tip)) {
          return GitDeliveryHistory.rewritten(ref, position.get());
        }
        walk.reset();
        walk.markUninteresting(walk.parseCommit(stopped));
      }
      walk.markStart(tip);
      for (RevCommit commit : walk) {
        String message = commit.getFullMessage();
        // a digest rollback says so too, but reverts a pin, not a release: its own history counts it
        if (message.contains("This reverts commit ") && !message.contains("\nPlatinur-Rollback: ")) {
          Matcher matcher = REVERTS.matcher(message);
          if (matcher.find()) {
            reverts = reverts.append(new Revert(commit.copy(), CommitId.of(matcher.group(1)), commit.getAuthorIdent().getWhenAsInstant()));
          }
        }
      }
    }
    if (reverts.isEmpty()) {
      return Either.right(Option.some(GitDeliveryHistory.Part.of(List.empty(), head.get().name())));
    }
    Either<PortFailure, Option<io.vavr.Tuple2<List<RevCommit>, String>>> line;
    try (RevWalk walk = new RevWalk(git.repository)) {
      line = GitDeliveryHistory.chain(git, walk, ref, position);
    }
    if (line.isLeft()) {
      return Either.left(line.getLeft());
    }
    io.vavr.collection.Vector<RevCommit> firstParents = line.get().get()._1.toVector();
    Seq<io.vavr.Tuple2<Integer, DeliveryEvent>> found = io.vavr.collection.Vector.empty();
    try (RevWalk walk = new RevWalk(git.repository)) {
      for (Revert revert : reverts) {
        int landed = firstContaining(walk, firstParents, revert.commit());
        RevCommit landing = firstParents.get(landed);
        found = found.append(io.vavr.Tuple.of(landed, new DeliveryEvent.ReleaseReverted(lane, revert.reverted(),
            GitRepo.commitId(revert.commit()), revert.written(), landing.getCommitterIdent().getWhenAsInstant())));
      }
    }
    return Either.right(Option.some(GitDeliveryHistory.Part.of(found.sortBy(io.vavr.Tuple2::_1).map(io.vavr.Tuple2::_2), head.get().name())));
  }

  /** A revert found: its commit, the commit it reverts, and when it was written. */
  private record Revert(ObjectId commit, CommitId reverted, java.time.Instant written) {}

  /** The first commit of the first-parent line (oldest first) that contains {@code commit}: reachability only grows along it. */
  private static int firstContaining(RevWalk walk, io.vavr.collection.IndexedSeq<RevCommit> line, ObjectId commit) throws IOException {
    int low = 0;
    int high = line.size() - 1;
    while (low < high) {
      int middle = (low + high) >>> 1;
      walk.reset();
      if (walk.isMergedInto(walk.parseCommit(commit), walk.parseCommit(line.get(middle)))) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }
}
