package io.platinur.port;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.Review;
import io.vavr.collection.Seq;
import io.vavr.control.Either;

/** Who opened a pull request and how it was reviewed, for approval gates. */
public interface PullRequestReviews {

  /** Every review of the pull request, each with the head commit it was made on. */
  Either<PortFailure, Seq<Review>> reviews(PullRequestNumber pr);

  /** The login of whoever opened the pull request. */
  Either<PortFailure, String> author(PullRequestNumber pr);

  /** No reviews at all, every PR opened by {@code author}: a host without reviews (offline Git). */
  static PullRequestReviews none(String author) {
    return new PullRequestReviews() {
      @Override
      public Either<PortFailure, Seq<Review>> reviews(PullRequestNumber pr) {
        return Either.right(io.vavr.collection.List.empty());
      }

      @Override
      public Either<PortFailure, String> author(PullRequestNumber pr) {
        return Either.right(author);
      }
    };
  }
}
