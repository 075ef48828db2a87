package io.platinur.git;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.port.PortFailure;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Offline pull request numbers. {@code refs/platinur/pulls-last} points at the newest pull request's
 * first record; opening one moves it from there to the new record in the same atomic update that
 * creates the pull request, so two machines opening at once get one number each, and taking the
 * next number reads no other pull request.
 *
 * <p>Where {@code pulls-last} is missing (a repository from before it), cannot be read, or is behind
 * the pull requests that exist (moved back by hand: the number it offers is taken), the next number
 * is one past every number in use, and the write that takes it puts {@code pulls-last} right.
 */
final class PullNumbering {
  static final String LAST = "refs/platinur/pulls-last";

  /** A number taken, and where {@code pulls-last} was when it was taken. */
  record Taken(PullRequestNumber number, Option<ObjectId> lastAt) {
    /** Moves {@code pulls-last} to the new pull request's record. */
    RefMove lastMove(ObjectId record) {
      return new RefMove(LAST, lastAt.getOrElse(ObjectId.zeroId()), record);
    }
  }

  private final GitRefs git;
  private final PullRecords records;
  private final PullArchive archive;

  PullNumbering(GitRefs git, PullRecords records, PullArchive archive) {
    this.git = git;
    this.records = records;
    this.archive = archive;
  }

  /** The number after the newest; past every number in use when {@code pulls-last} is missing or unreadable. */
  Either<PortFailure, Taken> next() throws IOException {
    Option<ObjectId> last = git.read(LAST);
    if (last.isDefined()) {
      Either<PortFailure, PullRecord> newest = records.read(last.get());
      if (newest.isRight()) {
        return Either.right(new Taken(PullRequestNumber.of(newest.get().number().value() + 1), last));
      }
    }
    return pastEverything();
  }

  /** One past every number in use: {@code pulls-last}'s, every pull request's ref and the archive's. */
  Either<PortFailure, Taken> pastEverything() throws IOException {
    Option<ObjectId> last = git.read(LAST);
    List<Long> used = records.refNumbers().appendAll(archive.numbers());
    if (last.isDefined()) {
      Either<PortFailure, PullRecord> newest = records.read(last.get());
      used = newest.isRight() ? used.append(newest.get().number().value()) : used;
    }
    return Either.right(new Taken(PullRequestNumber.of(used.max().getOrElse(0L) + 1), last));
  }
}
