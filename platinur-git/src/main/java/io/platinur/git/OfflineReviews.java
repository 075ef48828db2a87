package io.platinur.git;

import io.platinur.domain.InvalidValueException;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.Review;
import io.platinur.domain.forge.ReviewState;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.platinur.port.PullRequestReviews;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Reviews of the offline pull requests ({@link GitStaging#offlineReviews()}), so a step that needs
 * an approval (ADR-0034's staging → prod) can pass with no forge. A review is kept in the pull
 * request's own record, with the head commit it was given on and its time, and stays with the
 * record when it is merged or closed; {@link #reviews} and {@link #author} answer the approval gate
 * as a forge's reviews do.
 *
 * <pre>{@code
 * OfflineReviews reviews = git.offlineReviews();
 * reviews.approve(PullRequestNumber.of(3), "lisa", clock.instant());   // lisa approves PR #3's head now
 * }</pre>
 *
 * <p>As on GitHub, an approval is of the pull request's current head: once the head moves it is an
 * older head's and the gate no longer counts it; and a pull request's author cannot approve it.
 */
public final class OfflineReviews implements PullRequestReviews {
  private static final int LONGEST_LOGIN = 100;

  private final OfflinePullRequestHost host;

  OfflineReviews(OfflinePullRequestHost host) {
    this.host = host;
  }

  /** Every review of {@code pr}, oldest first; {@code NOT_FOUND} when there is no such pull request. */
  @Override
  public Either<PortFailure, Seq<Review>> reviews(PullRequestNumber pr) {
    return host.record(pr).map(PullRecord::reviews);
  }

  /** Who opened {@code pr}: the login given to {@link GitStaging#offlinePullRequestsOpenedBy}, else {@code platinur}. */
  @Override
  public Either<PortFailure, String> author(PullRequestNumber pr) {
    return host.record(pr).map(PullRecord::author);
  }

  /**
   * Records that {@code reviewer} approves the current head of open pull request {@code pr} at
   * {@code at}, and returns the review. Refused, recording nothing: with {@code REJECTED} when the
   * reviewer opened the pull request (letter case aside, as the gate compares logins) or it is
   * merged or closed; {@code NOT_FOUND} when there is no such pull request. Throws
   * {@link InvalidValueException} for a blank login, one with control characters or one longer than
   * 100 characters.
   */
  public Either<PortFailure, Review> approve(PullRequestNumber pr, String reviewer, Instant at) {
    Objects.requireNonNull(pr, "pr");
    Objects.requireNonNull(at, "at");
    String login = login(reviewer);
    return host.review(pr, (record, head) -> login.toLowerCase(Locale.ROOT).equals(record.author().toLowerCase(Locale.ROOT))
        ? Failures.fail(Kind.REJECTED, login + " opened PR " + pr + " and cannot approve it: an approval counts only from someone"
            + " other than the pull request's author.")
        : Either.right(new Review(login, ReviewState.APPROVED, head, at)));
  }

  /** Records {@code review} of open pull request {@code pr} as given, whoever gives it and of whichever commit. */
  Either<PortFailure, Review> record(PullRequestNumber pr, Review review) {
    return host.review(pr, (record, head) -> Either.right(review));
  }

  /** A login as given, trimmed; refused when blank, with control characters or longer than 100 characters. */
  static String login(String given) {
    String login = given == null ? "" : given.strip();
    if (login.isEmpty() || login.length() > LONGEST_LOGIN || login.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidValueException("‘" + (given == null ? "" : given.replaceAll("\\p{Cntrl}", "?"))
          + "’ is not a login: give a name of 1 to " + LONGEST_LOGIN + " characters without control characters.");
    }
    return login;
  }
}
