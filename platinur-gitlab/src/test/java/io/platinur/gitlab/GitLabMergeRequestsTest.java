package io.platinur.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.platinur.port.PullRequestHost;
import io.platinur.testkit.forge.ForgeFault;
import io.vavr.control.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What the GitLab adapter does beyond the conformance kit: merge trains, auto-merge, forks, conflicts. */
class GitLabMergeRequestsTest {
  static final BranchName STAGING = BranchName.of("staging");
  static final BranchName MAIN = BranchName.of("main");

  final FakeGitLabSetup setup = new FakeGitLabSetup();

  @AfterEach
  void close() {
    setup.close();
  }

  CommitId push(String file) {
    return CommitId.of(setup.repository.commit("staging", file, file + "\n"));
  }

  static <T> T ok(Either<PortFailure, T> result) {
    return result.getOrElseThrow(f -> new AssertionError("unexpected failure " + f));
  }

  @Nested
  class on_a_project_with_a_merge_train {
    @Test
    void the_merge_joins_the_train_at_the_expected_head_and_answers_enqueued_until_the_train_merges_it() {
      setup.gitlab.enableMergeTrains();
      PullRequestHost host = setup.platform().pullRequests();
      CommitId head = push("a.sql");
      PromotionPullRequest pr = ok(host.openPromotionPr(STAGING, MAIN, "Promote", ""));

      PortFailure answer = host.merge(pr.number(), head).getLeft();

      assertThat(answer.kind()).isEqualTo(Kind.ENQUEUED);
      assertThat(answer.message()).isEqualTo("Merging promotion merge request !1 at " + head.abbreviated()
          + ": GitLab merges it at that head once its pipeline succeeds (merge train or auto-merge). Sync Promotions to learn the outcome.");
      assertThat(setup.gitlab.waitingToMerge(1)).isTrue();
      assertThat(ok(host.state(pr.number()))).isEqualTo(new PullRequestState.Open(head));
      assertThat(setup.gitlab.trainMerges(1)).isTrue();
      assertThat(ok(host.state(pr.number()))).isInstanceOf(PullRequestState.Merged.class);
    }

    @Test
    void a_lost_answer_to_joining_the_train_is_read_back_from_the_train() {
      setup.gitlab.enableMergeTrains();
      PullRequestHost host = setup.platform().pullRequests();
      CommitId head = push("a.sql");
      PromotionPullRequest pr = ok(host.openPromotionPr(STAGING, MAIN, "Promote", ""));
      setup.gitlab.fail(ForgeFault.resetAfter("POST", "/merge_trains/merge_requests/\\d+$"));

      assertThat(host.merge(pr.number(), head).getLeft().kind()).isEqualTo(Kind.ENQUEUED);
      assertThat(setup.gitlab.count("POST", "/merge_trains/")).isEqualTo(1);
    }

    @Test
    void a_head_that_moved_is_a_conflict_and_nothing_joins_the_train() {
      setup.gitlab.enableMergeTrains();
      PullRequestHost host = setup.platform().pullRequests();
      CommitId head = push("a.sql");
      PromotionPullRequest pr = ok(host.openPromotionPr(STAGING, MAIN, "Promote", ""));
      push("b.sql");

      assertThat(host.merge(pr.number(), head).getLeft().kind()).isEqualTo(Kind.CONFLICT);
      assertThat(setup.gitlab.waitingToMerge(1)).isFalse();
    }
  }

  @Nested
  class merging_when_the_pipeline_succeeds {
    @Test
    void a_running_pipeline_sets_auto_merge_and_its_success_merges_at_that_head() {
      PullRequestHost host = setup.platform(setup.settings().mergeWhenPipelineSucceeds(true).build()).pullRequests();
      CommitId head = push("a.sql");
      long pipeline = setup.gitlab.pipeline(head.hex(), "running");
      PromotionPullRequest pr = ok(host.openPromotionPr(STAGING, MAIN, "Promote", ""));

      assertThat(host.merge(pr.number(), head).getLeft().kind()).isEqualTo(Kind.ENQUEUED);
      assertThat(setup.gitlab.state(1)).isEqualTo("opened");

      setup.gitlab.pipelineStatus(pipeline, "success");
      assertThat(ok(host.state(pr.number()))).isInstanceOf(PullRequestState.Merged.class);
      assertThat(setup.repository.contains("main", head.hex())).isTrue();
    }

    @Test
    void a_pipeline_that_already_succeeded_merges_at_once() {
      PullRequestHost host = setup.platform(setup.settings().mergeWhenPipelineSucceeds(true).build()).pullRequests();
      CommitId head = push("a.sql");
      setup.gitlab.pipeline(head.hex(), "success");
      PromotionPullRequest pr = ok(host.openPromotionPr(STAGING, MAIN, "Promote", ""));

      CommitId merge = ok(host.merge(pr.number(), head));

      assertThat(setup.repository.head("main")).contains(merge.hex());
    }

    @Test
    void without_auto_merge_a_project_that_requires_a_green_pipeline_refuses_the_merge() {
      setup.gitlab.requirePipelineSuccess();
      PullRequestHost host = setup.platform().pullRequests();
      CommitId head = push("a.sql");
      setup.gitlab.pipeline(head.hex(), "running");
      PromotionPullRequest pr = ok(host.openPromotionPr(STAGING, MAIN, "Promote", ""));

      PortFailure refused = host.merge(pr.number(), head).getLeft();

      assertThat(refused.kind()).isEqualTo(Kind.REJECTED);
      assertThat(refused.message()).contains("GitLab answered 405").contains("405 Method Not Allowed");
    }
  }

  @Nested
  class which_merge_request_is_the_promotion_merge_request {
    @Test
    void one_from_a_fork_whose_branch_is_named_staging_never_is() {
      PullRequestHost host = setup.platform().pullRequests();
      push("a.sql");
      setup.gitlab.openFromFork("staging", "main", "Looks like a promotion", "mallory");

      assertThat(ok(host.findOpenPromotionPr(STAGING, MAIN))).isEmpty();
      PromotionPullRequest ours = ok(host.openPromotionPr(STAGING, MAIN, "Promote", ""));
      assertThat(ours.number()).isEqualTo(PullRequestNumber.of(2));
    }

    @Test
    void one_opened_in_the_web_interface_is_found_and_not_opened_again() {
      PullRequestHost host = setup.platform().pullRequests();
      push("a.sql");
      long iid = setup.gitlab.openInWebInterface("staging", "main", "Ship it", "ada");

      PromotionPullRequest pr = ok(host.openPromotionPr(STAGING, MAIN, "Promote", ""));

      assertThat(pr.number()).isEqualTo(PullRequestNumber.of(iid));
      assertThat(pr.webUrl().map(Object::toString)).contains("https://gitlab.example.com/acme/platform/-/merge_requests/" + iid);
      assertThat(setup.gitlab.openMergeRequests("staging", "main")).isEqualTo(1);
    }
  }

  @Nested
  class refusals {
    @Test
    void a_merge_request_that_conflicts_with_its_target_is_rejected_before_merging() {
      PullRequestHost host = setup.platform().pullRequests();
      CommitId head = push("a.sql");
      PromotionPullRequest pr = ok(host.openPromotionPr(STAGING, MAIN, "Promote", ""));
      setup.repository.commit("main", "hotfix.sql", "select 2\n");

      PortFailure refused = host.merge(pr.number(), head).getLeft();

      assertThat(refused).isEqualTo(PortFailure.of(Kind.REJECTED,
          "Merging promotion merge request !1 at " + head.abbreviated() + ": it has merge conflicts with its target branch."));
      assertThat(setup.gitlab.count("PUT", "/merge$")).isZero();
    }

    @Test
    void a_blank_title_is_refused_before_anything_is_sent() {
      PullRequestHost host = setup.platform().pullRequests();
      assertThat(host.openPromotionPr(STAGING, MAIN, " ", "").getLeft())
          .isEqualTo(PortFailure.of(Kind.INVALID_REQUEST, "Opening the promotion merge request from staging into main: a title is required."));
      assertThat(setup.gitlab.requests()).isEmpty();
    }

    @Test
    void a_source_branch_gitlab_does_not_have_is_gitlabs_own_words() {
      PullRequestHost host = setup.platform().pullRequests();
      PortFailure refused = host.openPromotionPr(BranchName.of("nowhere"), MAIN, "Promote", "").getLeft();
      assertThat(refused.kind()).isEqualTo(Kind.INVALID_REQUEST);
      assertThat(refused.message()).isEqualTo("Opening the promotion merge request from nowhere into main: GitLab answered 422 to POST "
          + "/projects/acme%2Fplatform/merge_requests (“Source branch \"nowhere\" does not exist”).");
    }
  }
}
