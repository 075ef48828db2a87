package io.platinur.git;

import io.platinur.domain.repository.BranchName;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;

/**
 * What the lost attempts of opening one pull request say. A lost compare-and-swap is usually another
 * writer getting there first, and the next attempt decides again. Two other causes are told apart,
 * because no wait heals them: {@code pulls-last} behind a pull request that exists (its number is
 * taken: the next attempt takes one past every number in use, and its write puts {@code pulls-last}
 * right), and refs Git refuses although nobody moved them (a lock file that stays, a ref in the
 * way): then the answer says which and what to do, instead of "try again".
 */
final class OpeningRace {
  private final GitRefs git;
  private final BranchName head;
  private final BranchName base;
  private boolean numbersBehind;
  private Option<String> refused = Option.none();

  OpeningRace(GitRefs git, BranchName head, BranchName base) {
    this.git = git;
    this.head = head;
    this.base = base;
  }

  /** Whether the next attempt must take a number past every number in use. */
  boolean numbersBehind() {
    return numbersBehind;
  }

  /** An attempt that moved {@code moves} (the pull request's ref first, {@code pulls-last} last) lost. */
  void lost(List<RefMove> moves) throws IOException {
    git.refresh();
    RefMove created = moves.head();
    RefMove last = moves.last();
    if (at(last.refName()).equals(last.expected()) && !at(created.refName()).equals(ObjectId.zeroId())) {
      numbersBehind = true; // nobody took the number now: it was taken before pulls-last says
      refused = Option.none();
      return;
    }
    boolean anyMoved = false;
    for (RefMove move : moves) {
      anyMoved |= !at(move.refName()).equals(move.expected());
    }
    refused = anyMoved ? Option.none() : Option.some(unmovedButRefused(moves));
  }

  /** The answer once every attempt lost. */
  <T> Either<PortFailure, T> exhausted(int attempts) {
    String opening = "Pull request from ‘" + head + "’ into ‘" + base + "’ was not opened: ";
    if (refused.isDefined()) {
      return Failures.fail(Kind.REPOSITORY_DAMAGED, opening + refused.get());
    }
    return Failures.fail(Kind.CONFLICT,
        opening + "other writers kept changing this repository's pull requests (" + attempts + " attempts). Try again.");
  }

  private ObjectId at(String refName) throws IOException {
    return git.read(refName).getOrElse(ObjectId.zeroId());
  }

  private String unmovedButRefused(List<RefMove> moves) throws IOException {
    java.io.File dir = git.repository.getDirectory();
    for (java.io.File lock : moves.map(m -> new java.io.File(dir, m.refName() + ".lock")).append(new java.io.File(dir, "packed-refs.lock"))) {
      if (lock.exists()) {
        return "Lock file " + git.relative(lock) + " is held by another Git process, or was left by one that crashed. Delete it once no"
            + " Git process is running on the repository, then try again.";
      }
    }
    for (RefMove move : moves) {
      Option<String> blocker = inTheWay(move.refName());
      if (blocker.isDefined()) {
        return blocker.get() + " is in the way of " + move.refName() + ", so Git refuses to write it. Delete it (git update-ref -d "
            + blocker.get() + ") if nothing needs it, then try again.";
      }
    }
    return "Git refused to write " + moves.map(RefMove::refName).mkString(", ")
        + " although no other writer changed them. Check them with git for-each-ref refs/platinur/ and the repository with git fsck,"
        + " then try again.";
  }

  /** A ref that keeps {@code refName} from being written: one under it, or one at a directory above it. */
  private Option<String> inTheWay(String refName) throws IOException {
    java.util.List<Ref> under = git.repository.getRefDatabase().getRefsByPrefix(refName + "/");
    if (!under.isEmpty()) {
      return Option.some(under.get(0).getName());
    }
    for (int slash = refName.indexOf('/', "refs/".length()); slash > 0; slash = refName.indexOf('/', slash + 1)) {
      String above = refName.substring(0, slash);
      if (git.repository.getRefDatabase().exactRef(above) != null) {
        return Option.some(above);
      }
    }
    return Option.none();
  }
}
