package io.platinur.git;

import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.vavr.control.Either;
import java.io.IOException;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.LockFailedException;
import org.eclipse.jgit.errors.MissingObjectException;

/**
 * Turns JGit's exceptions into typed port failures at the adapter edge. Messages name refs, paths
 * and object ids only: never file contents, never credentials (JGit's own messages may quote a URL
 * with a password, so they are not passed on for transport errors).
 */
final class Failures {
  private Failures() {}

  static <T> Either<PortFailure, T> fail(Kind kind, String message) {
    return Either.left(PortFailure.of(kind, message));
  }

  static PortFailure of(IOException e) {
    if (e instanceof MissingObjectException missing) {
      return PortFailure.of(Kind.REPOSITORY_DAMAGED,
          "The repository is missing object " + missing.getObjectId().name() + "; run git fsck.");
    }
    if (e instanceof IncorrectObjectTypeException || e instanceof CorruptObjectException) {
      return PortFailure.of(Kind.REPOSITORY_DAMAGED, "The repository holds a damaged object: " + e.getMessage());
    }
    if (e instanceof LockFailedException) {
      return PortFailure.of(Kind.CONFLICT, "Another writer holds a lock in the repository; re-read and retry.");
    }
    return PortFailure.of(Kind.REPOSITORY_DAMAGED, "The repository could not be read or written: " + e.getClass().getSimpleName());
  }

  /** Something JGit does that throws; the thrown IOException becomes a typed failure. */
  @FunctionalInterface
  interface GitWork<T> {
    Either<PortFailure, T> run() throws IOException;
  }

  static <T> Either<PortFailure, T> guard(GitWork<T> work) {
    try {
      return work.run();
    } catch (IOException e) {
      return Either.left(of(e));
    } catch (org.eclipse.jgit.errors.RevWalkException e) {
      return Either.left(PortFailure.of(Kind.REPOSITORY_DAMAGED, "The repository history could not be walked; run git fsck."));
    }
  }
}
