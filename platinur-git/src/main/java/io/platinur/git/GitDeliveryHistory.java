package io.platinur.git;

import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.metrics.DeliveryCursor;
import io.platinur.domain.metrics.DeliveryEvent;
import io.platinur.domain.metrics.DeliveryRead;
import io.platinur.domain.metrics.DigestDelivery;
import io.platinur.domain.metrics.HistoryProblem;
import io.platinur.domain.metrics.LaneDelivery;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.DeliveryHistory;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.time.Instant;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The delivery history of one repository, read from Git alone: the lane's state ref (each commit
 * one saved change, its message the events and the audit entry), the reverts on the lane's
 * production branch, the digest promotions' store ({@link GitDigestPromotionStore}: each commit the
 * whole state, so consecutive commits give the events) and, when a GitOps branch is named, the
 * builds pinned in its first environment.
 *
 * <p>Each history's position in the cursor is the commit id of the ref's head when it was read; a
 * read walks back from the head only to that commit, so it costs what came after, not the
 * history's length. A history whose ref does not exist yet is skipped until it does.
 */
final class GitDeliveryHistory implements DeliveryHistory {
  private final GitRepo git;
  private final Option<Builds> builds;

  /** Where builds land: the GitOps branch, its pin layout and the first environment of the promotion path. */
  record Builds(BranchName gitops, PinLayout layout, EnvironmentName first) {}

  GitDeliveryHistory(GitRepo git, Option<Builds> builds) {
    this.git = git;
    this.builds = builds;
  }

  /** What one history brought: its events in order, the problems met, and its new position. */
  record Part(Seq<DeliveryEvent> events, Seq<HistoryProblem> problems, String position) {
    static Part of(Seq<DeliveryEvent> events, String position) {
      return new Part(events, List.empty(), position);
    }
  }

  @Override
  public Either<PortFailure, DeliveryRead> readSince(DeliveryCursor cursor) {
    return git.fresh(() -> Failures.guard(() -> {
      Either<PortFailure, DeliveryRead> read = Either.right(DeliveryRead.nothingSince(cursor));
      try (RevWalk walk = new RevWalk(git.repository)) {
        String laneRef = git.config.laneStateRef();
        if (git.read(laneRef).isDefined() || cursor.at(laneRef).isDefined()) {
          read = with(read, laneRef, lane(walk, laneRef, cursor.at(laneRef)));
          String reverts = "reverts:" + git.config.production().refName();
          read = with(read, reverts, GitReleaseReverts.read(git, git.config.staging(), git.config.production(), cursor.at(reverts)));
        }
        String store = GitDigestPromotionStore.REF;
        if (git.read(store).isDefined() || cursor.at(store).isDefined()) {
          read = with(read, store, store(walk, cursor.at(store)));
        }
        if (builds.isDefined()) {
          String source = "builds:" + builds.get().gitops().refName();
          read = with(read, source, GitBuilds.read(git, walk, builds.get(), cursor.at(source)));
        }
      }
      return read;
    }));
  }

  /** {@code read} with a history's part added, or the first failure. */
  private static Either<PortFailure, DeliveryRead> with(Either<PortFailure, DeliveryRead> read, String source, Either<PortFailure, Option<Part>> part) {
    return read.flatMap(r -> part.map(p -> p.map(got -> new DeliveryRead(r.events().appendAll(got.events()), r.problems().appendAll(got.problems()),
        r.cursor().with(source, got.position()))).getOrElse(r)));
  }

  // ---- the lane's state ref ---------------------------------------------------------------------

  private Either<PortFailure, Option<Part>> lane(RevWalk walk, String ref, Option<String> position) throws IOException {
    BranchName lane = git.config.staging();
    return chain(git, walk, ref, position).map(commits -> commits.map(list -> {
      Seq<DeliveryEvent> events = io.vavr.collection.Vector.empty();
      Seq<HistoryProblem> problems = io.vavr.collection.Vector.empty();
      for (RevCommit commit : list._1) {
        String message = commit.getFullMessage();
        int body = message.indexOf("\n\n");
        try {
          LaneCodec.Change change = LaneCodec.decodeChange(body < 0 ? "" : message.substring(body + 2));
          events = events.appendAll(LaneDelivery.events(lane, change.events(), change.audit().at(), id -> authored(walk, id)));
        } catch (LaneCodec.Unreadable e) {
          problems = problems.append(new HistoryProblem.Unreadable(ref + " at " + commit.abbreviate(7).name(), e.getMessage()));
        }
      }
      return new Part(events, problems, list._2);
    }));
  }

  /** The author time of a proposal commit, when the repository has it. */
  private Option<Instant> authored(RevWalk walk, CommitId id) {
    try {
      RevCommit commit = walk.parseCommit(GitRepo.objectId(id));
      return Option.some(commit.getAuthorIdent().getWhenAsInstant());
    } catch (IOException e) {
      return Option.none(); // unapplied or rebuilt away and pruned: its commit time is not known
    }
  }

  // ---- the digest promotions' store -------------------------------------------------------------

  private Either<PortFailure, Option<Part>> store(RevWalk walk, Option<String> position) throws IOException {
    String ref = GitDigestPromotionStore.REF;
    Either<PortFailure, Option<io.vavr.Tuple2<List<RevCommit>, String>>> commits = chain(git, walk, ref, position);
    if (commits.isLeft() || commits.get().isEmpty()) {
      return commits.map(none -> Option.none());
    }
    Seq<DigestPromotion> before = List.empty();
    if (position.isDefined()) {
      Either<PortFailure, Seq<DigestPromotion>> at = GitDigestPromotionStore.stateAt(git.repository, walk.parseCommit(ObjectId.fromString(position.get())));
      before = at.getOrElse(List.empty()); // a damaged state at the cursor was reported when it was read
    }
    Seq<DeliveryEvent> events = io.vavr.collection.Vector.empty();
    Seq<HistoryProblem> problems = io.vavr.collection.Vector.empty();
    for (RevCommit commit : commits.get().get()._1) {
      String where = ref + " at " + commit.abbreviate(7).name();
      Either<PortFailure, Seq<DigestPromotion>> state = GitDigestPromotionStore.stateAt(git.repository, commit);
      if (state.isLeft()) {
        problems = problems.append(new HistoryProblem.Unreadable(where, state.getLeft().message()));
        continue;
      }
      DigestDelivery.Changes changes = DigestDelivery.changes(before, state.get(), commit.getCommitterIdent().getWhenAsInstant(), where);
      events = events.appendAll(changes.events());
      problems = problems.appendAll(changes.problems());
      before = state.get();
    }
    return Either.right(Option.some(new Part(events, problems, commits.get().get()._2)));
  }

  // ---- walking a chain of commits ------------------------------------------------------------

  /**
   * The commits of {@code ref}'s first-parent chain after {@code position}, oldest first, and the
   * head; none when nothing came after. {@code NOT_FOUND} when the chain no longer holds the
   * position (the ref was rewritten or deleted).
   */
  static Either<PortFailure, Option<io.vavr.Tuple2<List<RevCommit>, String>>> chain(GitRefs git, RevWalk walk, String ref,
      Option<String> position) throws IOException {
    Option<ObjectId> head = git.read(ref);
    if (head.isEmpty()) {
      return position.isEmpty() ? Either.right(Option.none()) : rewritten(ref, position.get());
    }
    if (position.contains(head.get().name())) {
      return Either.right(Option.none());
    }
    List<RevCommit> newestLast = List.empty();
    RevCommit at = walk.parseCommit(head.get());
    while (true) {
      if (position.contains(at.name())) {
        break;
      }
      newestLast = newestLast.prepend(at);
      if (at.getParentCount() == 0) {
        if (position.isDefined()) {
          return rewritten(ref, position.get());
        }
        break;
      }
      at = walk.parseCommit(at.getParent(0));
    }
    return Either.right(Option.some(io.vavr.Tuple.of(newestLast, head.get().name())));
  }

  static <T> Either<PortFailure, T> rewritten(String ref, String position) {
    return Failures.fail(Kind.NOT_FOUND, ref + " no longer holds " + position.substring(0, Math.min(7, position.length()))
        + ", where the last read stopped: its history was rewritten. Read it again from the start.");
  }
}
