package io.platinur.git;

import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.forge.Review;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.OpenPullRequests;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.platinur.port.PullRequestHost;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.time.Instant;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Pull requests on plain Git, so the whole promotion lifecycle runs without a forge. Where each
 * part lives: the records ({@link PullRecords}, text in {@link PullRecordCodec}), the archive of
 * merged and closed ones ({@link PullArchive}), numbers ({@link PullNumbering}), the index of open
 * ones ({@link OpenPullIndex}), the merge commit ({@link PullMerger}) and the layout before 1.0
 * ({@link LegacyPulls}). This class is the forge's side of it: open, find, list, merge, close and
 * review, each one compare-and-swap of refs, tried again after a lost race through {@link Retries}.
 *
 * <p>Merging writes a merge commit of the head branch into the base branch; merging or closing
 * files the final record into the archive and deletes the pull request's refs, base branch
 * included, in one atomic update. Pull requests are opened in the name of {@code author}, whose
 * own approval is refused. For previews, {@link #listOpen} reads the open pull requests' records
 * only: each at its head branch's tip, updated when its record or its head last changed (the later
 * commit time). Offline pull requests carry no labels.
 */
final class OfflinePullRequestHost implements PullRequestHost, OpenPullRequests {
  /** Lost races tried again, with the backoff's waits between, before the answer says so. */
  static final int MAX_ATTEMPTS = 16;

  private final GitRefs git;
  private final String author;
  private final Retries retries;
  private final PullRecords records;
  private final PullArchive archive;
  private final PullNumbering numbering;
  private final OpenPullIndex index;
  private final LegacyPulls legacy;
  private final PullMerger merger;

  OfflinePullRequestHost(GitRefs git, String author, Retries retries) {
    this.git = git;
    this.author = author;
    this.retries = retries;
    this.archive = new PullArchive(git);
    this.records = new PullRecords(git, archive);
    this.numbering = new PullNumbering(git, records, archive);
    this.index = new OpenPullIndex(git, records);
    this.legacy = new LegacyPulls(git, records);
    this.merger = new PullMerger(git);
  }

  /** The same pull requests, opened in the name of {@code login}. */
  OfflinePullRequestHost openedBy(String login) {
    return new OfflinePullRequestHost(git, login, retries);
  }

  @Override
  public Either<PortFailure, PromotionPullRequest> openPromotionPr(BranchName head, BranchName base, String title, String body) {
    if (head.equals(base)) {
      return Failures.fail(Kind.INVALID_REQUEST, "A pull request needs two different branches, got ‘" + head + "’ twice.");
    }
    if (title == null || title.isBlank() || body == null) {
      return Failures.fail(Kind.INVALID_REQUEST, "A pull request needs a title and a body (which may be empty).");
    }
    OpeningRace race = new OpeningRace(git, head, base);
    return Failures.guard(() -> retries.run(() -> openOnce(head, base, title, body, race), () -> race.exhausted(retries.maxAttempts())));
  }

  private Option<Either<PortFailure, PromotionPullRequest>> openOnce(BranchName head, BranchName base, String title, String body,
      OpeningRace race) throws IOException {
    Either<PortFailure, OpenPullIndex.Finding> found = git.refresh().flatMap(done -> Failures.guard(() -> index.find(head, base)));
    if (found.isLeft()) {
      return Retries.answer(Either.left(found.getLeft()));
    }
    if (found.get().open().isDefined()) {
      repairQuietly(found.get());
      return Retries.answer(pullRequest(found.get().open().get().record()));
    }
    Either<PortFailure, ObjectId> headId = git.require(head.refName());
    Either<PortFailure, ObjectId> baseId = headId.isLeft() ? headId : git.require(base.refName());
    if (baseId.isLeft()) {
      return Retries.answer(Either.left(baseId.getLeft()));
    }
    try (RevWalk walk = new RevWalk(git.repository)) {
      if (walk.isMergedInto(walk.parseCommit(headId.get()), walk.parseCommit(baseId.get()))) {
        return Retries.answer(Failures.fail(Kind.REJECTED,
            "‘" + base + "’ already contains every commit of ‘" + head + "’; nothing to promote."));
      }
    }
    Either<PortFailure, PullNumbering.Taken> taken = race.numbersBehind() ? numbering.pastEverything() : numbering.next();
    if (taken.isLeft()) {
      return Retries.answer(Either.left(taken.getLeft()));
    }
    PullRequestNumber number = taken.get().number();
    PullRecord record = PullRecord.opened(number, head, base, GitRefs.commitId(headId.get()), title, body, author);
    ObjectId written = records.write(record, Option.none());
    List<RefMove> moves = List.of(RefMove.create(PullRecords.ref(number), written),
        new RefMove(found.get().indexRef(), found.get().indexAt().getOrElse(ObjectId.zeroId()), written), taken.get().lastMove(written));
    Either<PortFailure, Void> created = git.atomically("open pull request " + number, moves);
    if (created.isRight()) {
      return Retries.answer(Either.right(new PromotionPullRequest(number, head, base, record.openedAt(), Option.none())));
    }
    if (!created.getLeft().isConflict()) {
      return Retries.answer(Either.left(created.getLeft()));
    }
    race.lost(moves);
    return Retries.again();
  }

  /** Writes the index for an open pull request found without it; another writer's move wins, the next write tries again. */
  private void repairQuietly(OpenPullIndex.Finding finding) {
    finding.repair().forEach(move -> Failures.guard(() -> git.atomically("index open pull request", List.of(move))));
  }

  @Override
  public Either<PortFailure, Option<PromotionPullRequest>> findOpenPromotionPr(BranchName head, BranchName base) {
    return git.fresh(() -> Failures.guard(() -> index.find(head, base).flatMap(found -> Failures.guard(() ->
        found.open().isEmpty() ? Either.right(Option.none()) : pullRequest(found.open().get().record()).map(Option::some)))));
  }

  private Either<PortFailure, PromotionPullRequest> pullRequest(PullRecord record) throws IOException {
    return Either.right(new PromotionPullRequest(record.number(), record.head(), record.base(), records.headNow(record), Option.none()));
  }

  @Override
  public Either<PortFailure, Seq<OpenPullRequest>> listOpen() {
    return git.fresh(() -> Failures.guard(() -> records.withRefs().flatMap(all -> Failures.guard(() -> {
      List<OpenPullRequest> open = List.empty();
      try (RevWalk walk = new RevWalk(git.repository)) {
        for (Tuple2<ObjectId, PullRecord> record : all.filter(r -> r._2.isOpen())) {
          PullRecord r = record._2;
          ObjectId head = GitRefs.objectId(records.headNow(r));
          int updated = Math.max(walk.parseCommit(record._1).getCommitTime(), walk.parseCommit(head).getCommitTime());
          open = open.append(new OpenPullRequest(r.number(), r.head(), r.base(), GitRefs.commitId(head),
              io.vavr.collection.TreeSet.empty(), Instant.ofEpochSecond(updated)));
        }
      }
      return Either.right(open);
    }))));
  }

  @Override
  public Either<PortFailure, PullRequestState> state(PullRequestNumber pr) {
    return git.fresh(() -> Failures.guard(() -> records.load(pr).flatMap(current -> Failures.guard(() ->
        Either.right(current.record().forgeState(records.headNow(current.record())))))));
  }

  @Override
  public Either<PortFailure, CommitId> merge(PullRequestNumber pr, CommitId expectedHead) {
    return Failures.guard(() -> retries.run(() -> mergeOnce(pr, expectedHead),
        () -> Failures.fail(Kind.CONFLICT, "Pull request " + pr + " kept changing while being merged; retry.")));
  }

  private Option<Either<PortFailure, CommitId>> mergeOnce(PullRequestNumber pr, CommitId expectedHead) throws IOException {
    Either<PortFailure, PullRecord.Stored> loaded = records.freshLoad(pr);
    if (loaded.isLeft()) {
      return Retries.answer(Either.left(loaded.getLeft()));
    }
    PullRecord record = loaded.get().record();
    switch (record.state()) {
      case MERGED:
        return Retries.answer(Either.right(record.merge().get()));
      case CLOSED:
        return Retries.answer(Failures.fail(Kind.REJECTED, "Pull request " + pr + " is closed; it cannot be merged."));
      default:
        break;
    }
    ObjectId recordId = loaded.get().commit().get();
    Either<PortFailure, ObjectId> headId = git.require(record.head().refName());
    Either<PortFailure, ObjectId> baseId = headId.isLeft() ? headId : git.require(record.base().refName());
    if (baseId.isLeft()) {
      return Retries.answer(Either.left(baseId.getLeft()));
    }
    if (!headId.get().name().equals(expectedHead.hex())) {
      return Retries.answer(Failures.fail(Kind.CONFLICT, "The head of pull request " + pr + " moved to "
          + headId.get().abbreviate(7).name() + "; expected " + expectedHead.abbreviated() + "."));
    }
    Either<PortFailure, ObjectId> mergeCommit = merger.mergeCommit(record, headId.get(), baseId.get());
    if (mergeCommit.isLeft()) {
      return Retries.answer(Either.left(mergeCommit.getLeft()));
    }
    PullRecord merged = record.merged(GitRefs.commitId(mergeCommit.get()));
    Either<PortFailure, Void> moved = git.atomically("merge pull request " + pr,
        List.of(new RefMove(record.base().refName(), baseId.get(), mergeCommit.get())).appendAll(filed(merged, recordId)));
    if (moved.isRight()) {
      return Retries.answer(Either.right(GitRefs.commitId(mergeCommit.get())));
    }
    if (!moved.getLeft().isConflict()) {
      return Retries.answer(Either.left(moved.getLeft()));
    }
    if (unmoved(record.base().refName(), baseId.get(), PullRecords.ref(pr), recordId)) {
      return Retries.again(); // only the archive or an open-pulls ref moved (another pull request closed meanwhile): again
    }
    // A concurrent merge of the same pull request is success for both callers; a base branch
    // or a record moved by someone else is theirs to decide.
    Either<PortFailure, PullRecord.Stored> now = records.freshLoad(pr);
    if (now.isRight() && now.get().record().state() == PullRecord.State.MERGED) {
      return Retries.answer(Either.right(now.get().record().merge().get()));
    }
    return Retries.answer(Either.left(moved.getLeft()));
  }

  /** Whether both refs are still where they were read: a lost race was then on another ref of the update. */
  private boolean unmoved(String base, ObjectId baseId, String record, ObjectId recordId) throws IOException {
    return git.refresh().isRight() && git.read(base).contains(baseId) && git.read(record).contains(recordId);
  }

  @Override
  public Either<PortFailure, PullRequestState> close(PullRequestNumber pr) {
    return Failures.guard(() -> retries.run(() -> {
      Either<PortFailure, PullRecord.Stored> loaded = records.freshLoad(pr);
      if (loaded.isLeft() || !loaded.get().record().isOpen()) {
        return Retries.answer(loaded.map(stored -> stored.record().forgeState(stored.record().openedAt())));
      }
      Either<PortFailure, Void> moved = git.atomically("close pull request " + pr,
          filed(loaded.get().record().closed(), loaded.get().commit().get()));
      return moved.isLeft() && moved.getLeft().isConflict()
          ? Retries.again()
          : Retries.answer(moved.map(done -> new PullRequestState.ClosedUnmerged()));
    }, () -> Failures.fail(Kind.CONFLICT, "Pull request " + pr + " kept changing while being closed; retry.")));
  }

  /**
   * The ref moves that file {@code record} (merged or closed) into the archive: the archive moves,
   * the pull request's ref (at {@code recordCommit}) and its index are deleted, and the records a
   * repository kept under {@code pulls/<n>} refs before the archive are filed along, their refs deleted.
   */
  private List<RefMove> filed(PullRecord record, ObjectId recordCommit) throws IOException {
    List<LegacyPulls.Kept> along = legacy.toFileAlong(record.number());
    return List.of(new RefMove(PullRecords.ref(record.number()), recordCommit, ObjectId.zeroId()))
        .appendAll(along.map(LegacyPulls.Kept::delete))
        .append(archive.file(List.of(record).appendAll(along.map(LegacyPulls.Kept::record))))
        .appendAll(index.closeMove(record));
  }

  // ---- reviews (see OfflineReviews) ---------------------------------------------------------------

  /** Decides the review to record on an open pull request, given its record and its head now; a refusal records nothing. */
  @FunctionalInterface
  interface ReviewDecision {
    Either<PortFailure, Review> decide(PullRecord record, CommitId headNow);
  }

  /** Records the review {@code decision} makes on open pull request {@code pr}: a new record commit on its ref. */
  Either<PortFailure, Review> review(PullRequestNumber pr, ReviewDecision decision) {
    return Failures.guard(() -> retries.run(() -> {
      Either<PortFailure, PullRecord.Stored> loaded = records.freshLoad(pr);
      if (loaded.isLeft()) {
        return Retries.answer(Either.left(loaded.getLeft()));
      }
      PullRecord record = loaded.get().record();
      if (!record.isOpen()) {
        return Retries.answer(Failures.fail(Kind.REJECTED,
            "Pull request " + pr + " is " + record.state().word + "; only an open pull request is reviewed."));
      }
      Either<PortFailure, Review> review = decision.decide(record, records.headNow(record));
      if (review.isLeft()) {
        return Retries.answer(review);
      }
      ObjectId recordId = loaded.get().commit().get();
      ObjectId next = records.write(record.reviewed(review.get()), Option.some(recordId));
      Either<PortFailure, Void> moved = git.atomically("review pull request " + pr,
          List.of(new RefMove(PullRecords.ref(pr), recordId, next)));
      return moved.isLeft() && moved.getLeft().isConflict() ? Retries.again() : Retries.answer(moved.map(done -> review.get()));
    }, () -> Failures.fail(Kind.CONFLICT, "Pull request " + pr + " kept changing while being reviewed; retry.")));
  }

  /** Pull request {@code pr}'s record, wherever it is. */
  Either<PortFailure, PullRecord> record(PullRequestNumber pr) {
    return git.fresh(() -> Failures.guard(() -> records.load(pr).map(PullRecord.Stored::record)));
  }
}
