package io.platinur.domain.preview;

import static io.platinur.domain.preview.PreviewWorlds.NOW;
import static io.platinur.domain.preview.PreviewWorlds.commit;
import static io.platinur.domain.preview.PreviewWorlds.digest;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PreviewPolicyTest {
  private static final PreviewPolicy EVERY = PreviewPolicy.everyPullRequest();

  static OpenPullRequest pr(long n, CommitId head) {
    return pr(n, head, "main", NOW.minus(Duration.ofHours(1)));
  }

  static OpenPullRequest pr(long n, CommitId head, String base, Instant updated, String... labels) {
    return new OpenPullRequest(PullRequestNumber.of(n), BranchName.of("feature-" + n), BranchName.of(base), head,
        TreeSet.of(labels), updated);
  }

  static PreviewDemand demand(List<OpenPullRequest> open, long... merged) {
    return PreviewDemand.of(open, HashMap.of(commit(0), digest(0, 1), commit(1), digest(1, 1)),
        TreeSet.ofAll(List.ofAll(merged).map(PullRequestNumber::of))).get();
  }

  static PreviewEnvironment preview(long n, CommitId head, int digestCommit) {
    Instant created = NOW.minus(Duration.ofDays(1));
    return new PreviewEnvironment(PullRequestNumber.of(n), head, digest(digestCommit, 1), created, created);
  }

  static PreviewPolicy policy(PreviewSelection selection, Duration ttl, Integer quota) {
    return PreviewPolicy.of(selection, Option.of(ttl), Option.of(quota)).get();
  }

  @Nested
  class With_no_preview_yet {

    @Test
    void creates_one_for_each_open_pull_request_with_a_build() {
      PreviewPlan plan = EVERY.reconcile(demand(List.of(pr(4, commit(0)), pr(5, commit(1)))), PreviewInventory.empty(), NOW);
      assertThat(plan.creates().map(c -> c.preview()))
          .containsExactly(PreviewEnvironment.create(PullRequestNumber.of(4), commit(0), digest(0, 1), NOW),
              PreviewEnvironment.create(PullRequestNumber.of(5), commit(1), digest(1, 1), NOW));
      assertThat(plan.actions().head().message())
          .isEqualTo("Preview of PR 4 created at 1010101 (sha256:111111111111): the PR is open and selected.");
    }

    @Test
    void holds_a_pull_request_whose_head_has_no_build_yet() {
      PreviewPlan plan = EVERY.reconcile(demand(List.of(pr(4, commit(3)))), PreviewInventory.empty(), NOW);
      assertThat(plan.isEmpty()).isTrue();
      assertThat(plan.holds()).containsExactly(new PreviewHold(PullRequestNumber.of(4), PreviewHold.Reason.WAITING_FOR_BUILD,
          "PR 4 waits for a preview: no build of its head 1313131 yet."));
    }

    @Test
    void gives_one_only_to_pull_requests_the_selection_names() {
      List<OpenPullRequest> open = List.of(
          pr(1, commit(0), "main", NOW, "Preview"), pr(2, commit(0), "release", NOW, "preview"), pr(3, commit(0), "main", NOW));
      assertThat(policy(PreviewSelection.labelled("preview"), Duration.ofDays(1), 9).reconcile(demand(open), PreviewInventory.empty(), NOW)
              .creates().map(PreviewAction::pr).map(PullRequestNumber::value))
          .containsExactly(1L, 2L);
      assertThat(policy(PreviewSelection.intoBase(BranchName.of("main")), Duration.ofDays(1), 9).reconcile(demand(open), PreviewInventory.empty(), NOW)
              .creates().map(PreviewAction::pr).map(PullRequestNumber::value))
          .containsExactly(1L, 3L);
    }

    @Test
    void refuses_the_newest_pull_requests_past_the_quota_with_a_status_and_evicts_nothing() {
      PreviewInventory actual = PreviewInventory.of(List.of(preview(9, commit(0), 0)));
      PreviewPlan plan = policy(PreviewSelection.all(), Duration.ofDays(3), 2)
          .reconcile(demand(List.of(pr(9, commit(0)), pr(4, commit(0)), pr(5, commit(1)))), actual, NOW);
      assertThat(plan.creates().map(PreviewAction::pr)).containsExactly(PullRequestNumber.of(4));
      assertThat(plan.reaps()).isEmpty();
      assertThat(plan.holds()).containsExactly(new PreviewHold(PullRequestNumber.of(5), PreviewHold.Reason.QUOTA_REACHED,
          "PR 5 waits for a preview: the quota of 2 live previews is reached."));
    }

    @Test
    void says_preview_for_a_quota_of_one_and_previews_otherwise() {
      PreviewInventory actual = PreviewInventory.of(List.of(preview(9, commit(0), 0)));
      for (int quota : new int[] {0, 1, 2}) {
        PreviewInventory live = quota < 2 ? actual : PreviewInventory.of(List.of(preview(9, commit(0), 0), preview(8, commit(0), 0)));
        PreviewPlan plan = policy(PreviewSelection.all(), Duration.ofDays(3), quota)
            .reconcile(demand(List.of(pr(9, commit(0)), pr(8, commit(0)), pr(5, commit(1)))), live, NOW);
        assertThat(plan.holds().filter(h -> h.reason() == PreviewHold.Reason.QUOTA_REACHED).map(PreviewHold::message)).contains(
            "PR 5 waits for a preview: the quota of " + quota + (quota == 1 ? " live preview" : " live previews") + " is reached.");
      }
    }

    @Test
    void gives_none_to_a_pull_request_idle_for_longer_than_the_time_to_live() {
      PreviewPlan plan = policy(PreviewSelection.all(), Duration.ofDays(3), 5)
          .reconcile(demand(List.of(pr(4, commit(0), "main", Instant.parse("2026-11-28T12:00:00Z")))), PreviewInventory.empty(), NOW);
      assertThat(plan.isEmpty()).isTrue();
      assertThat(plan.holds().single().message())
          .isEqualTo("PR 4 has no preview: no update since 2026-11-28T12:00:00Z, longer than the time to live of 3d. Its next update brings the preview back.");
    }

    @Test
    void leaves_a_directory_it_did_not_create_alone_and_holds_its_pull_request() {
      UnmanagedDirectory foreign = new UnmanagedDirectory(RepoPath.of("previews/pr-4"), Option.of(PullRequestNumber.of(4)),
          UnmanagedDirectory.Kind.NOT_CREATED_BY_PLATINUR, "values.yaml has no Platinur marker");
      PreviewPlan plan = EVERY.reconcile(demand(List.of(pr(4, commit(0)))), PreviewInventory.empty().withLeftAlone(List.of(foreign)), NOW);
      assertThat(plan.isEmpty()).isTrue();
      assertThat(plan.leftAlone()).containsExactly(foreign);
      assertThat(foreign.message()).isEqualTo("previews/pr-4 is left alone: Platinur did not create it (values.yaml has no Platinur marker).");
      assertThat(plan.holds().single().reason()).isEqualTo(PreviewHold.Reason.DIRECTORY_OCCUPIED);
    }

    @Test
    void waits_for_the_cleanup_of_a_reopened_pull_requests_previous_preview() {
      PreviewInventory actual = PreviewInventory.empty().withPendingCleanup(preview(4, commit(0), 0));
      PreviewPlan plan = EVERY.reconcile(demand(List.of(pr(4, commit(1)))), actual, NOW);
      assertThat(plan.isEmpty()).isTrue();
      assertThat(plan.cleanups()).containsExactly(preview(4, commit(0), 0));
      assertThat(plan.holds().single().message())
          .isEqualTo("PR 4 waits for a preview: the cleanup of its previous preview is not finished.");
      PreviewPlan afterCleanup = EVERY.reconcile(demand(List.of(pr(4, commit(1)))), actual.cleanedUp(List.of(PullRequestNumber.of(4))), NOW);
      assertThat(afterCleanup.creates().map(PreviewAction::pr)).containsExactly(PullRequestNumber.of(4));
    }
  }

  @Nested
  class With_a_live_preview {
    private final PreviewInventory actual = PreviewInventory.of(List.of(preview(4, commit(0), 0)));

    @Test
    void moves_it_to_a_new_head_once_that_head_is_built_keeping_its_creation_time() {
      PreviewPlan plan = EVERY.reconcile(demand(List.of(pr(4, commit(1)))), actual, NOW);
      PreviewAction.Update update = plan.updates().single();
      assertThat(update.reason()).isEqualTo(PreviewAction.UpdateReason.NEW_HEAD);
      assertThat(update.to()).isEqualTo(new PreviewEnvironment(PullRequestNumber.of(4), commit(1), digest(1, 1), NOW.minus(Duration.ofDays(1)), NOW));
      assertThat(update.message())
          .isEqualTo("Preview of PR 4 moved from 1010101 to 1111111 (sha256:212121212121): the PR has a new head.");
    }

    @Test
    void keeps_it_at_its_old_head_while_the_new_head_is_not_built() {
      PreviewPlan plan = EVERY.reconcile(demand(List.of(pr(4, commit(2)))), actual, NOW);
      assertThat(plan.isEmpty()).isTrue();
      assertThat(plan.holds().single().message()).isEqualTo("Preview of PR 4 stays at 1010101: no build of its new head 1212121 yet.");
    }

    @Test
    void moves_it_when_its_head_was_built_again_into_another_digest() {
      PreviewDemand rebuilt = PreviewDemand.of(List.of(pr(4, commit(0))), HashMap.of(commit(0), digest(0, 2)), TreeSet.empty()).get();
      PreviewAction.Update update = EVERY.reconcile(rebuilt, actual, NOW).updates().single();
      assertThat(update.reason()).isEqualTo(PreviewAction.UpdateReason.NEW_DIGEST);
      assertThat(update.message()).isEqualTo("Preview of PR 4 moved to sha256:121212121212: its head 1010101 was built again.");
    }

    @Test
    void changes_nothing_when_it_runs_the_current_build() {
      PreviewPlan plan = EVERY.reconcile(demand(List.of(pr(4, commit(0)))), actual, NOW);
      assertThat(plan.isEmpty()).isTrue();
      assertThat(plan.holds()).isEmpty();
    }

    @Test
    void reaps_it_when_the_pull_request_was_closed_and_cleans_it_up() {
      PreviewPlan plan = EVERY.reconcile(demand(List.empty()), actual, NOW);
      assertThat(plan.reaps().single().reason()).isEqualTo(PreviewAction.ReapReason.CLOSED);
      assertThat(plan.reaps().single().message()).isEqualTo("Preview of PR 4 reaped: the PR was closed.");
      assertThat(plan.cleanups()).containsExactly(preview(4, commit(0), 0));
      assertThat(plan.applyTo(actual).pendingCleanups().keySet()).containsExactly(PullRequestNumber.of(4));
    }

    @Test
    void reaps_it_when_the_pull_request_was_merged() {
      PreviewPlan plan = EVERY.reconcile(demand(List.empty(), 4), actual, NOW);
      assertThat(plan.reaps().single().message()).isEqualTo("Preview of PR 4 reaped: the PR was merged.");
    }

    @Test
    void reaps_it_when_its_label_is_removed() {
      PreviewPlan plan = policy(PreviewSelection.labelled("preview"), Duration.ofDays(3), 5)
          .reconcile(demand(List.of(pr(4, commit(0)))), actual, NOW);
      assertThat(plan.reaps().single().message())
          .isEqualTo("Preview of PR 4 reaped: the PR is no longer one of the pull requests labelled ‘preview’.");
    }

    @Test
    void reaps_it_once_the_pull_request_is_idle_for_the_time_to_live_to_the_second() {
      PreviewPolicy ttl = policy(PreviewSelection.all(), Duration.ofHours(30), 5);
      Instant updated = NOW.minus(Duration.ofHours(30));
      assertThat(ttl.reconcile(demand(List.of(pr(4, commit(0), "main", updated.plusSeconds(1)))), actual, NOW).isEmpty()).isTrue();
      assertThat(ttl.timeLeft(pr(4, commit(0), "main", updated.plusSeconds(1)), NOW)).contains(Duration.ofSeconds(1));
      assertThat(ttl.reconcile(demand(List.of(pr(4, commit(0), "main", updated))), actual, NOW).reaps().single().message())
          .isEqualTo("Preview of PR 4 reaped: no update since 2026-11-30T06:00:00Z, longer than the time to live of 1d 6h.");
    }

    @Test
    void reaps_the_newest_when_more_are_live_than_a_lowered_quota_allows() {
      PreviewInventory three = PreviewInventory.of(List.of(preview(4, commit(0), 0), preview(6, commit(0), 0), preview(5, commit(0), 0)));
      PreviewPlan plan = policy(PreviewSelection.all(), Duration.ofDays(3), 1)
          .reconcile(demand(List.of(pr(4, commit(0)), pr(5, commit(0)), pr(6, commit(0)))), three, NOW);
      assertThat(plan.reaps().map(PreviewAction::pr).map(PullRequestNumber::value)).containsExactly(5L, 6L);
      assertThat(plan.reaps().head().message())
          .isEqualTo("Preview of PR 5 reaped: 3 previews were live, more than the quota of 1; the newest pull requests give theirs up first.");
    }

    @Test
    void reaps_the_only_live_preview_under_a_quota_of_zero_in_the_singular() {
      PreviewPlan plan = policy(PreviewSelection.all(), Duration.ofDays(3), 0).reconcile(demand(List.of(pr(4, commit(0)))), actual, NOW);
      assertThat(plan.reaps().single().message())
          .isEqualTo("Preview of PR 4 reaped: 1 preview was live, more than the quota of 0; the newest pull requests give theirs up first.");
    }
  }

  @Test
  void refuses_a_policy_with_a_non_positive_time_to_live_or_a_negative_quota_naming_both() {
    assertThat(PreviewPolicy.of(PreviewSelection.all(), Option.of(Duration.ZERO), Option.of(-1)).getError()).containsExactly(
        "A preview time to live must be positive, got PT0S.",
        "A preview quota must not be negative, got -1.");
  }

  @Test
  void refuses_a_forge_answer_that_lists_one_pull_request_twice() {
    assertThat(PreviewDemand.of(List.of(pr(4, commit(0)), pr(4, commit(1))), HashMap.empty(), TreeSet.empty()).getError())
        .isEqualTo("Pull request #4 is listed twice among the open pull requests.");
  }
}
