package io.platinur.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.Review;
import io.platinur.domain.forge.ReviewState;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestReviews;
import io.vavr.collection.List;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PullRequestReviews} must do, for approval gates: list every submitted review of
 * a PR in the order it was submitted, each with its reviewer, state, the head commit it was made on
 * and its own time; name the PR's author; and say {@code NOT_FOUND} for a PR that does not exist.
 */
public abstract class PullRequestReviewsContract {

  /** A forge with no PRs yet, for one test; closed after it. */
  public interface World extends AutoCloseable {
    PullRequestReviews reviews();

    /** A PR opened by {@code author}; returns its number. */
    PullRequestNumber openedBy(String author);

    /**
     * The forge records {@code review} of {@code pr} as submitted. Reviews come in the order of their
     * times, and a PR's head only moves on: a review's commit is the PR's head at its time (a forge
     * such as GitLab knows the commit an approval was for only from that).
     */
    void reviewed(PullRequestNumber pr, Review review);

    /** {@code login} starts a review of {@code pr} and does not submit it (where the forge has such a thing). */
    default void startedReview(PullRequestNumber pr, String login, CommitId commit) {}

    @Override
    default void close() {}
  }

  protected abstract World newWorld();

  protected static final CommitId HEAD = CommitId.of("ecdd80bb57125d7ba9641ffaa4d7d2c19d3f3091");
  protected static final CommitId OLDER_HEAD = CommitId.of("6dcb09b5b57875f334f61aebed695e2e4193db5e");
  protected static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  protected World world;

  @BeforeEach
  void startWorld() {
    world = newWorld();
  }

  @AfterEach
  void closeWorld() throws Exception {
    world.close();
  }

  @Test
  void a_pr_nobody_reviewed_has_no_reviews_and_names_its_author() {
    PullRequestNumber pr = world.openedBy("release-bot");
    assertThat(world.reviews().reviews(pr).get()).isEmpty();
    assertThat(world.reviews().author(pr).get()).isEqualTo("release-bot");
  }

  @Test
  void every_submitted_review_comes_back_in_order_with_its_head_commit_and_time() {
    PullRequestNumber pr = world.openedBy("release-bot");
    List<Review> submitted = List.of(
        new Review("hubot", ReviewState.APPROVED, OLDER_HEAD, T0),
        new Review("hubot", ReviewState.DISMISSED, OLDER_HEAD, T0.plusSeconds(300)),
        new Review("octocat", ReviewState.APPROVED, HEAD, T0.plusSeconds(600)),
        new Review("mona", ReviewState.CHANGES_REQUESTED, HEAD, T0.plusSeconds(1200)),
        new Review("lisa", ReviewState.COMMENTED, HEAD, T0.plusSeconds(1800)),
        new Review("release-bot", ReviewState.APPROVED, HEAD, T0.plusSeconds(2400)));
    submitted.forEach(review -> world.reviewed(pr, review));
    world.startedReview(pr, "pending-person", HEAD);
    assertThat(world.reviews().reviews(pr).get()).containsExactlyElementsOf(submitted);
    assertThat(world.reviews().author(pr).get()).isEqualTo("release-bot");
  }

  @Test
  void reviews_of_one_pr_are_not_those_of_another() {
    PullRequestNumber one = world.openedBy("release-bot");
    PullRequestNumber two = world.openedBy("ada");
    world.reviewed(one, new Review("octocat", ReviewState.APPROVED, HEAD, T0));
    assertThat(world.reviews().reviews(two).get()).isEmpty();
    assertThat(world.reviews().author(two).get()).isEqualTo("ada");
    assertThat(world.reviews().reviews(one).get()).hasSize(1);
  }

  @Test
  void a_pr_that_does_not_exist_is_not_found() {
    world.openedBy("release-bot");
    PullRequestNumber missing = PullRequestNumber.of(999);
    assertThat(world.reviews().reviews(missing).getLeft().kind()).isEqualTo(PortFailure.Kind.NOT_FOUND);
    assertThat(world.reviews().author(missing).getLeft().kind()).isEqualTo(PortFailure.Kind.NOT_FOUND);
  }
}
