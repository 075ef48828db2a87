package io.platinur.domain.preview;

import static io.platinur.domain.preview.PreviewWorlds.NOW;
import static io.platinur.domain.preview.PreviewWorlds.worlds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.platinur.domain.forge.OpenPullRequest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.proposal.RepoPath;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;

/** Properties of {@link PreviewPolicy#reconcile} over random policies, forges and Git contents. */
class PreviewReconcilePropertiesTest {

  private static QuickTheory theory() {
    return qt().withExamples(250).withShrinkCycles(300);
  }

  @Test
  void reconciling_after_applying_a_plan_plans_nothing() {
    theory().forAll(worlds()).checkAssert(world -> {
      PreviewPlan plan = world.policy().reconcile(world.desired(), world.actual(), NOW);
      PreviewPlan again = world.policy().reconcile(world.desired(), plan.applyTo(world.actual()), NOW);
      assertThat(again.actions()).as("%s\nfirst plan %s", world, plan.actions().map(PreviewAction::message)).isEmpty();
    });
  }

  @Test
  void no_preview_of_a_closed_merged_unselected_or_expired_pull_request_survives() {
    theory().forAll(worlds()).checkAssert(world -> {
      PreviewInventory after = world.policy().reconcile(world.desired(), world.actual(), NOW).applyTo(world.actual());
      for (PullRequestNumber pr : after.previews().keySet()) {
        assertThat(world.desired().open().get(pr).toJavaOptional())
            .as("%s survives in %s", pr, world)
            .hasValueSatisfying(open -> {
              assertThat(world.policy().selects(open)).isTrue();
              assertThat(world.policy().expired(open, NOW)).isFalse();
            });
      }
    });
  }

  @Test
  void the_quota_is_never_exceeded() {
    theory().forAll(worlds()).checkAssert(world -> {
      PreviewInventory after = world.policy().reconcile(world.desired(), world.actual(), NOW).applyTo(world.actual());
      world.policy().quota().forEach(quota -> assertThat(after.previews().size()).as("%s", world).isLessThanOrEqualTo(quota));
    });
  }

  @Test
  void nothing_outside_the_previews_directory_and_nothing_left_alone_is_touched() {
    theory().forAll(worlds()).checkAssert(world -> {
      PreviewPlan plan = world.policy().reconcile(world.desired(), world.actual(), NOW);
      for (RepoPath directory : plan.touchedDirectories(world.layout())) {
        assertThat(directory.value()).as("%s", world).startsWith(world.layout().root().value() + "/");
        assertThat(world.actual().leftAlone().map(UnmanagedDirectory::directory)).as("%s", world).doesNotContain(directory);
      }
      assertThat(plan.leftAlone()).isEqualTo(world.actual().leftAlone());
    });
  }

  @Test
  void no_preview_disappears_or_changes_without_an_action_saying_why() {
    theory().forAll(worlds()).checkAssert(world -> {
      PreviewPlan plan = world.policy().reconcile(world.desired(), world.actual(), NOW);
      PreviewInventory after = plan.applyTo(world.actual());
      for (PreviewEnvironment before : world.actual().previews().values()) {
        if (!after.previews().get(before.pr()).contains(before)) {
          assertThat(plan.actions().filter(a -> a.pr().equals(before.pr())))
              .as("%s in %s", before, world)
              .singleElement()
              .satisfies(action -> assertThat(action.message()).startsWith("Preview of PR " + before.pr().value() + " "));
        }
      }
      for (PreviewAction.Reap reap : plan.reaps()) {
        assertThat(plan.cleanups()).contains(reap.preview());
      }
      assertThat(plan.cleanups()).containsAll(world.actual().pendingCleanups().values());
    });
  }

  @Test
  void every_selected_open_pull_request_left_without_a_preview_has_a_status_or_a_reap_saying_why() {
    theory().forAll(worlds()).checkAssert(world -> {
      PreviewPlan plan = world.policy().reconcile(world.desired(), world.actual(), NOW);
      PreviewInventory after = plan.applyTo(world.actual());
      for (OpenPullRequest pr : world.desired().open().values()) {
        boolean reaped = plan.reaps().exists(r -> r.pr().equals(pr.number()));
        if (world.policy().selects(pr) && !after.previews().containsKey(pr.number()) && !reaped) {
          assertThat(plan.holds().filter(h -> h.pr().equals(pr.number())))
              .as("%s in %s", pr.number(), world)
              .singleElement()
              .satisfies(hold -> {
                if (hold.reason() == PreviewHold.Reason.QUOTA_REACHED) {
                  assertThat(after.previews().size()).isEqualTo(world.policy().quota().get());
                }
              });
        }
      }
    });
  }

  @Test
  void previews_are_reaped_over_the_quota_only_when_more_are_live_than_it_allows() {
    theory().forAll(worlds()).checkAssert(world -> {
      PreviewPlan plan = world.policy().reconcile(world.desired(), world.actual(), NOW);
      int reapedOverQuota = plan.reaps().count(r -> r.reason() == PreviewAction.ReapReason.OVER_QUOTA);
      if (reapedOverQuota > 0) {
        int quota = world.policy().quota().get();
        assertThat(plan.applyTo(world.actual()).previews().size()).as("%s", world).isEqualTo(quota);
        assertThat(plan.creates()).isEmpty();
        PullRequestNumber lowestReaped = plan.reaps().filter(r -> r.reason() == PreviewAction.ReapReason.OVER_QUOTA).map(PreviewAction::pr).min().get();
        assertThat(plan.applyTo(world.actual()).previews().keySet()).allSatisfy(kept -> assertThat(kept).isLessThan(lowestReaped));
      }
    });
  }
}
