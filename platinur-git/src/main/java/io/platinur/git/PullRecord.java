package io.platinur.git;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.forge.Review;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One offline pull request as its record says (see {@link PullRecordCodec} for the text): its
 * branches, state, merge commit, the head it was opened at, title and body, who opened it and every
 * review it was given, in order.
 */
record PullRecord(
    PullRequestNumber number, BranchName head, BranchName base, State state, Option<CommitId> merge, CommitId openedAt,
    String title, String body, String author, List<Review> reviews) {

  /** Who opens a pull request when the host names nobody: Platinur itself. */
  static final String PLATINUR = "platinur";

  /** A pull request's state, with the word its record uses. */
  enum State {
    OPEN("open"), MERGED("merged"), CLOSED("closed");

    final String word;

    State(String word) {
      this.word = word;
    }

    static Option<State> of(String word) {
      return List.of(values()).find(state -> state.word.equals(word));
    }
  }

  /** A pull request just opened: no merge, no reviews. */
  static PullRecord opened(PullRequestNumber number, BranchName head, BranchName base, CommitId openedAt, String title, String body,
      String author) {
    return new PullRecord(number, head, base, State.OPEN, Option.none(), openedAt, title, body, author, List.empty());
  }

  PullRecord merged(CommitId mergeCommit) {
    return new PullRecord(number, head, base, State.MERGED, Option.some(mergeCommit), openedAt, title, body, author, reviews);
  }

  PullRecord closed() {
    return new PullRecord(number, head, base, State.CLOSED, Option.none(), openedAt, title, body, author, reviews);
  }

  PullRecord reviewed(Review review) {
    return new PullRecord(number, head, base, state, merge, openedAt, title, body, author, reviews.append(review));
  }

  boolean isOpen() {
    return state == State.OPEN;
  }

  /** The state a forge would report, {@code headNow} being where the head branch points while the pull request is open. */
  PullRequestState forgeState(CommitId headNow) {
    return switch (state) {
      case MERGED -> new PullRequestState.Merged(merge.get());
      case CLOSED -> new PullRequestState.ClosedUnmerged();
      case OPEN -> new PullRequestState.Open(headNow);
    };
  }

  /** A pull request as stored: its record, and the record commit its ref points at while it has one (not once archived). */
  record Stored(Option<ObjectId> commit, PullRecord record) {}
}
