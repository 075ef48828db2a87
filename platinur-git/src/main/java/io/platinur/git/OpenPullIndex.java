package io.platinur.git;

import io.platinur.domain.repository.BranchName;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The index of open offline pull requests: {@code refs/platinur/open-pulls/<head>/<base>} names the
 * open pull request from {@code head} into {@code base} (it points at one of its record commits),
 * created with it and deleted when it is merged or closed, so the open one is found without
 * reading the others.
 *
 * <p>Where the index disagrees with the records (missing for an open pull request, naming one that
 * is merged, closed or between other branches, or pointing at no record at all) the records are
 * read instead, so the answer is still the truth; the next write puts the index right: opening a
 * pull request replaces it (or writes it for the open one found), a merge or close deletes it.
 */
final class OpenPullIndex {
  static final String OPEN = "refs/platinur/open-pulls/";

  /**
   * What finding the open pull request between two branches learned: the open one (none: there is
   * none), where the index points now, and whether it already says so.
   */
  record Finding(String indexRef, Option<PullRecord.Stored> open, Option<ObjectId> indexAt, boolean indexRight) {
    /** The move that puts the index right, when it is not. */
    Option<RefMove> repair() {
      if (indexRight) {
        return Option.none();
      }
      ObjectId expected = indexAt.getOrElse(ObjectId.zeroId());
      return Option.some(new RefMove(indexRef, expected, open.flatMap(PullRecord.Stored::commit).getOrElse(ObjectId.zeroId())));
    }
  }

  private final GitRefs git;
  private final PullRecords records;

  OpenPullIndex(GitRefs git, PullRecords records) {
    this.git = git;
    this.records = records;
  }

  /** The ref naming the open pull request from {@code head} into {@code base}; {@code /} and {@code %} escaped. */
  static String ref(BranchName head, BranchName base) {
    return OPEN + escape(head.name()) + "/" + escape(base.name());
  }

  private static String escape(String name) {
    return name.replace("%", "%25").replace("/", "%2F");
  }

  /** The open pull request from {@code head} into {@code base}, through the index where it agrees with the records. */
  Either<PortFailure, Finding> find(BranchName head, BranchName base) throws IOException {
    String name = ref(head, base);
    Option<ObjectId> at = git.read(name);
    if (at.isDefined()) {
      Option<PullRecord> named = readable(at.get());
      if (named.isDefined()) {
        Either<PortFailure, PullRecord.Stored> current = records.load(named.get().number());
        if (current.isLeft() && current.getLeft().kind() != Kind.NOT_FOUND) {
          return Either.left(current.getLeft());
        }
        if (current.isRight() && isOpenBetween(current.get().record(), head, base)) {
          return Either.right(new Finding(name, current.toOption(), at, true));
        }
      }
    } else if (git.read(PullNumbering.LAST).isDefined() && agreesInCount()) {
      return Either.right(new Finding(name, Option.none(), at, true));
    }
    // No index, or one that disagrees with the records, in a repository where they may disagree: read them.
    for (Long n : records.refNumbers().sorted()) {
      String ref = PullRecords.ref(io.platinur.domain.forge.PullRequestNumber.of(n));
      Option<ObjectId> id = git.read(ref);
      Option<PullRecord> record = id.flatMap(this::readable);
      if (record.isDefined() && isOpenBetween(record.get(), head, base)) {
        return Either.right(new Finding(name, Option.some(new PullRecord.Stored(id, record.get())), at, false));
      }
    }
    return Either.right(new Finding(name, Option.none(), at, at.isEmpty()));
  }

  /**
   * Deletes the index of {@code record}'s branches when it names this pull request, or one that is
   * no longer open there (or no record at all); an index naming another open pull request stays.
   */
  Option<RefMove> closeMove(PullRecord record) throws IOException {
    String name = ref(record.head(), record.base());
    Option<ObjectId> at = git.read(name);
    if (at.isEmpty()) {
      return Option.none();
    }
    Option<PullRecord> named = readable(at.get());
    if (named.isDefined() && !named.get().number().equals(record.number())) {
      Either<PortFailure, PullRecord.Stored> other = records.load(named.get().number());
      if (other.isRight() && isOpenBetween(other.get().record(), record.head(), record.base())) {
        return Option.none();
      }
    }
    return Option.some(new RefMove(name, at.get(), ObjectId.zeroId()));
  }

  /** Whether there are as many index refs as pull request refs: in a repository written by this version, one each per open pull request. */
  private boolean agreesInCount() throws IOException {
    List<Long> pulls = records.refNumbers();
    return git.repository.getRefDatabase().getRefsByPrefix(OPEN).size() == pulls.size();
  }

  private static boolean isOpenBetween(PullRecord record, BranchName head, BranchName base) {
    return record.isOpen() && record.head().equals(head) && record.base().equals(base);
  }

  /** The record at {@code id}; none when it is not a record (a damaged index, or a damaged pull request read in passing). */
  private Option<PullRecord> readable(ObjectId id) {
    try {
      return records.read(id).toOption();
    } catch (IOException e) {
      return Option.none();
    }
  }
}
