package io.platinur.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.domain.InvalidValueException;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.Review;
import io.platinur.domain.forge.ReviewState;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestReviews;
import io.platinur.testkit.contract.PullRequestReviewsContract;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reviews of offline pull requests: the reviews contract, and approving on a real bare repository, checked with the git command line. */
class OfflineReviewsTest extends PullRequestReviewsContract {
  static final Instant NOON = Instant.parse("2026-11-24T12:00:00Z");

  @TempDir Path dir;
  GitStaging git;
  GitCli cli;
  int topics;

  @Override
  protected World newWorld() {
    git = Fixtures.init(dir);
    cli = new GitCli(dir.resolve("lane.git"));
    return new World() {
      @Override
      public PullRequestReviews reviews() {
        return git.offlineReviews();
      }

      @Override
      public PullRequestNumber openedBy(String author) {
        return openTopic(author).number();
      }

      @Override
      public void reviewed(PullRequestNumber pr, Review review) {
        git.offlineReviews().record(pr, review).get();
      }
    };
  }

  @AfterEach
  void repository_stays_valid() {
    git.close();
    cli.assertFsckClean();
  }

  /** A new branch one commit past main, and a pull request from it into main opened by {@code author}. */
  PromotionPullRequest openTopic(String author) {
    String branch = "topic-" + ++topics;
    cli.run("update-ref", "refs/heads/" + branch, cli.runWithInput(branch + "\n", "commit-tree", "main^{tree}", "-p", "main").strip());
    return git.offlinePullRequestsOpenedBy(author).openPromotionPr(BranchName.of(branch), Fixtures.MAIN, "Topic", "").get();
  }

  String record(PromotionPullRequest pr) {
    return cli.run("cat-file", "blob", "refs/platinur/pulls/" + pr.number().value() + ":pull");
  }

  @Test
  void an_approval_is_of_the_current_head_by_the_reviewer_at_the_time_given_and_kept_in_the_record() {
    PromotionPullRequest pr = openTopic("ana");
    CommitId head = CommitId.of(cli.revParse("topic-1"));

    Review approval = git.offlineReviews().approve(pr.number(), " lisa ", NOON).get();

    assertThat(approval).isEqualTo(new Review("lisa", ReviewState.APPROVED, head, NOON));
    assertThat(git.offlineReviews().reviews(pr.number()).get()).containsExactly(approval);
    assertThat(git.offlineReviews().author(pr.number()).get()).isEqualTo("ana");
    assertThat(record(pr)).endsWith("author\tana\nreview\tAPPROVED\t" + head.hex() + "\t2026-11-24T12:00:00Z\tlisa\n");
    assertThat(cli.log("refs/platinur/pulls/1")).hasSize(2);
  }

  @Test
  void the_author_cannot_approve_their_own_pull_request_whatever_the_letter_case() {
    PromotionPullRequest pr = openTopic("ana");
    String before = cli.revParse("refs/platinur/pulls/1");

    for (String login : new String[] {"ana", "ANA"}) {
      PortFailure refused = git.offlineReviews().approve(pr.number(), login, NOON).getLeft();
      assertThat(refused.kind()).isEqualTo(PortFailure.Kind.REJECTED);
      assertThat(refused.message()).isEqualTo(login + " opened PR #1 and cannot approve it: an approval counts only from someone other than "
          + "the pull request's author.");
      assertThat(refused.message()).matches(DocumentedMessages.containing("cannot approve it"));
    }
    assertThat(cli.revParse("refs/platinur/pulls/1")).isEqualTo(before);
    assertThat(git.offlineReviews().reviews(pr.number()).get()).isEmpty();
  }

  @Test
  void an_approval_stays_with_the_head_it_was_given_on_when_the_head_moves() {
    PromotionPullRequest pr = openTopic("ana");
    CommitId approved = git.offlineReviews().approve(pr.number(), "lisa", NOON).get().commit();
    cli.run("update-ref", "refs/heads/topic-1", cli.runWithInput("more\n", "commit-tree", "topic-1^{tree}", "-p", "topic-1").strip());

    Review kept = git.offlineReviews().reviews(pr.number()).get().single();

    assertThat(kept.commit()).isEqualTo(approved).isNotEqualTo(CommitId.of(cli.revParse("topic-1")));
    assertThat(git.offlineReviews().approve(pr.number(), "lisa", NOON.plusSeconds(60)).get().commit())
        .isEqualTo(CommitId.of(cli.revParse("topic-1")));
  }

  @Test
  void reviews_stay_with_a_closed_pull_request_which_takes_no_more() {
    PromotionPullRequest pr = openTopic("ana");
    Review approval = git.offlineReviews().approve(pr.number(), "lisa", NOON).get();
    git.offlinePullRequests().close(pr.number()).get();

    assertThat(git.offlineReviews().reviews(pr.number()).get()).containsExactly(approval);
    assertThat(git.offlineReviews().author(pr.number()).get()).isEqualTo("ana");
    assertThat(cli.run("cat-file", "blob", "refs/platinur/pulls-closed:01/1")).contains("state\tclosed\n", "\tlisa\n");
    PortFailure refused = git.offlineReviews().approve(pr.number(), "omar", NOON).getLeft();
    assertThat(refused.kind()).isEqualTo(PortFailure.Kind.REJECTED);
    assertThat(refused.message()).isEqualTo("Pull request #1 is closed; only an open pull request is reviewed.");
    assertThat(refused.message().replace("closed", "merged")).matches(DocumentedMessages.containing("only an open pull request is reviewed"));
  }

  @Test
  void a_pull_request_platinur_opened_is_its_own_and_its_record_is_what_earlier_versions_wrote() {
    cli.run("update-ref", "refs/heads/staging", cli.runWithInput("work\n", "commit-tree", "main^{tree}", "-p", "main").strip());
    PromotionPullRequest pr = git.offlinePullRequests().openPromotionPr(Fixtures.STAGING, Fixtures.MAIN, "Promote", "").get();

    assertThat(git.offlineReviews().author(pr.number()).get()).isEqualTo("platinur");
    assertThat(record(pr)).isEqualTo("platinur-pull 1\nnumber\t1\nhead\tstaging\nbase\tmain\nstate\topen\nopened-at\t"
        + cli.revParse("staging") + "\ntitle\tPromote\nbody\t\n");
  }

  @Test
  void a_login_that_is_blank_multi_line_or_too_long_is_refused_before_anything_is_read() {
    PromotionPullRequest pr = openTopic("ana");
    for (String login : new String[] {" ", "li\nsa", "x".repeat(101)}) {
      assertThatThrownBy(() -> git.offlineReviews().approve(pr.number(), login, NOON)).isInstanceOf(InvalidValueException.class)
          .hasMessageEndingWith("is not a login: give a name of 1 to 100 characters without control characters.")
          .hasMessageMatching(DocumentedMessages.containing("is not a login").pattern());
      assertThatThrownBy(() -> git.offlinePullRequestsOpenedBy(login)).isInstanceOf(InvalidValueException.class);
    }
    assertThat(git.offlineReviews().reviews(pr.number()).get()).isEmpty();
  }
}
