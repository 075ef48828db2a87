package io.platinur.port;

import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * Where a lane's state is kept between calls, with compare-and-swap. Git and the forge are the
 * truth; this state is re-derivable by a sync.
 *
 * <p>Contract: {@link #save} succeeds only when the stored version is still {@code expected}
 * ({@code none} meaning nothing is stored yet), and then moves the staging branch to
 * {@code next.stagingHead()} in the same atomic update, so the branch and the state never
 * disagree. The branch is expected where the stored lane left it (on the first save, wherever it
 * is); when it already points at {@code next.stagingHead()} it stays. Otherwise the save fails
 * with {@link PortFailure.Kind#CONFLICT} and changes nothing.
 */
public interface LaneStateStore {

  /** The stored lane and its version, or none when the lane has never been saved. */
  Either<PortFailure, Option<StoredLane>> load();

  /**
   * Stores {@code next} if the stored version is still {@code expected}, moving the staging
   * branch with it; {@code events} are what led to it, kept as the lane's history.
   */
  Either<PortFailure, StoredLane> save(Option<LaneVersion> expected, StagingLane next, Seq<LaneEvent> events, AuditEntry audit);

  /** Every saved change of the lane, oldest first: the lane's audit history. */
  Either<PortFailure, Seq<LaneChange>> history();

  /**
   * One page of the lane's history, newest first: at most {@code limit} changes saved before the
   * change {@code before} (from the newest when none). Page on by passing the version of a page's
   * last change; an empty page means the history is exhausted. {@code INVALID_REQUEST} when
   * {@code limit} is below 1, {@code NOT_FOUND} when {@code before} is no change of this lane.
   *
   * <p>This default reads the whole history; a store that keeps it as a chain reads only the page.
   */
  default Either<PortFailure, Seq<LaneChange>> history(Option<LaneVersion> before, int limit) {
    if (limit < 1) {
      return Either.left(PortFailure.of(PortFailure.Kind.INVALID_REQUEST,
          "A page of the lane's history holds at least one change; asked for " + limit + "."));
    }
    return history().flatMap(all -> {
      Seq<LaneChange> newestFirst = all.reverse();
      if (before.isEmpty()) {
        return Either.right(newestFirst.take(limit));
      }
      int at = newestFirst.indexWhere(change -> change.version().equals(before.get()));
      return at < 0
          ? Either.left(PortFailure.of(PortFailure.Kind.NOT_FOUND, "No change of this lane has version " + before.get().token() + "."))
          : Either.right(newestFirst.drop(at + 1).take(limit));
    });
  }

  /** A stored lane and the version to name when saving over it. */
  record StoredLane(LaneVersion version, StagingLane lane) {
    public StoredLane {
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(lane, "lane");
    }
  }

  /** An opaque token for one stored state; equal tokens mean the same stored state. */
  record LaneVersion(String token) {
    public LaneVersion {
      Objects.requireNonNull(token, "token");
    }
  }
}
