package io.platinur.application.preview;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.forge.PullRequestActivity;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.preview.PreviewAction;
import io.platinur.domain.preview.PreviewEnvironment;
import io.platinur.domain.preview.PreviewPolicy;
import io.platinur.domain.preview.PreviewSelection;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.testkit.memory.InMemoryForge.Faults;
import io.platinur.testkit.memory.InMemoryPreviewResources;
import io.platinur.testkit.memory.InMemoryPreviewStore;
import io.platinur.testkit.memory.InMemoryPullRequests;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PreviewEnvironmentServiceTest {
  private final AtomicReference<Instant> clock = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
  private final InMemoryPullRequests pulls = new InMemoryPullRequests(clock::get);
  private final InMemoryPreviewStore store = new InMemoryPreviewStore();
  private final InMemoryPreviewResources resources = new InMemoryPreviewResources();
  private final PreviewPolicy policy =
      PreviewPolicy.of(PreviewSelection.all(), Option.of(Duration.ofDays(3)), Option.of(5)).get();
  private final PreviewEnvironmentService service =
      PreviewEnvironmentService.builder(store, pulls, pulls).policy(policy).cleanup(resources).clock(clock::get).build();

  static CommitId commit(int i) {
    return CommitId.of(String.format("%02x", 16 + i).repeat(20));
  }

  static ImageDigest digest(int i) {
    return ImageDigest.of("sha256:" + String.format("%02x", 16 + i).repeat(32));
  }

  private PreviewReport reconciled() {
    PreviewReport report = service.reconcile().get();
    store.inventory().previews().values().forEach(resources::provision);
    return report;
  }

  @Nested
  class With_open_pull_requests {

    @Test
    void creates_a_preview_per_built_pull_request_in_one_write_and_the_next_reconcile_changes_nothing() {
      pulls.open(4, "main", commit(0));
      pulls.open(5, "main", commit(1));
      pulls.build(commit(0), digest(0));
      pulls.build(commit(1), digest(1));
      PreviewReport first = reconciled();
      assertThat(first.written()).isTrue();
      assertThat(first.plan().creates()).hasSize(2);
      assertThat(store.inventory().previews().keySet()).containsExactly(PullRequestNumber.of(4), PullRequestNumber.of(5));

      PreviewReport second = reconciled();
      assertThat(second.written()).isFalse();
      assertThat(second.plan().isEmpty()).isTrue();
    }

    @Test
    void moves_a_preview_to_the_new_head_once_it_is_built() {
      pulls.open(4, "main", commit(0));
      pulls.build(commit(0), digest(0));
      reconciled();
      pulls.push(4, commit(1));
      assertThat(reconciled().plan().holds().single().reason()).isEqualTo(io.platinur.domain.preview.PreviewHold.Reason.WAITING_FOR_BUILD);
      pulls.build(commit(1), digest(1));
      assertThat(reconciled().plan().updates().single().to().digest()).isEqualTo(digest(1));
      assertThat(store.inventory().previews().get(PullRequestNumber.of(4)).get().headCommit()).isEqualTo(commit(1));
    }

    @Test
    void a_dry_run_plans_without_writing() {
      pulls.open(4, "main", commit(0));
      pulls.build(commit(0), digest(0));
      assertThat(service.plan().get().creates()).hasSize(1);
      assertThat(store.inventory().previews()).isEmpty();
    }

    @Test
    void a_failed_read_changes_nothing() {
      pulls.open(4, "main", commit(0));
      pulls.build(commit(0), digest(0));
      PortFailure down = PortFailure.of(PortFailure.Kind.UNAVAILABLE, "GitHub answered 502.");
      pulls.injectFaults(call -> call.equals("builds.digestOf") ? Option.of(down) : Option.none());
      assertThat(service.reconcile().getLeft()).isEqualTo(UseCaseFailure.unavailable(down));
      assertThat(store.inventory().previews()).isEmpty();
    }

    @Test
    void a_write_whose_answer_was_lost_is_planned_again_on_a_fresh_read_and_not_written_twice() {
      pulls.open(4, "main", commit(0));
      pulls.build(commit(0), digest(0));
      AtomicInteger writes = new AtomicInteger();
      store.injectFaults(new Faults() {
        @Override
        public Option<PortFailure> before(String call) {
          return Option.none();
        }

        @Override
        public Option<PortFailure> after(String call) {
          return call.equals("previews.write") && writes.getAndIncrement() == 0
              ? Option.some(PortFailure.of(PortFailure.Kind.UNKNOWN_OUTCOME, "The connection dropped after the push."))
              : Option.none();
        }
      });
      java.util.List<Integer> waits = new java.util.ArrayList<>();
      PreviewReport report = service.withBackoff(waits::add).reconcile().get();
      assertThat(waits).containsExactly(1);
      assertThat(writes).hasValue(1);
      assertThat(report.written()).isFalse();
      assertThat(report.plan().actions()).isEmpty();
      assertThat(store.inventory().previews().keySet()).containsExactly(PullRequestNumber.of(4));
    }

    @Test
    void gives_up_after_its_attempts_when_the_previews_keep_changing_and_writes_nothing() {
      pulls.open(4, "main", commit(0));
      pulls.build(commit(0), digest(0));
      store.injectFaults(call -> call.equals("previews.write")
          ? Option.some(PortFailure.of(PortFailure.Kind.CONFLICT, "The previews moved.")) : Option.none());
      java.util.List<Integer> waits = new java.util.ArrayList<>();
      assertThat(service.withMaxAttempts(3).withBackoff(waits::add).reconcile().getLeft()).isEqualTo(UseCaseFailure.unavailable(
          PortFailure.of(PortFailure.Kind.CONFLICT, "The previews kept changing while this ran (3 attempts). Reconcile again.")));
      assertThat(waits).containsExactly(1, 2);
      assertThat(store.inventory().previews()).isEmpty();
    }
  }

  @Nested
  class With_a_live_preview {

    private void live() {
      pulls.open(4, "main", commit(0));
      pulls.build(commit(0), digest(0));
      reconciled();
      assertThat(resources.live()).hasSize(1);
    }

    @Test
    void reaps_it_when_the_pull_request_is_merged_and_cleans_up_outside_git_once() {
      live();
      pulls.merge(4);
      PreviewReport report = reconciled();
      assertThat(report.plan().reaps().single().reason()).isEqualTo(PreviewAction.ReapReason.MERGED);
      assertThat(report.cleanedUp()).hasSize(1);
      assertThat(resources.live()).isEmpty();
      assertThat(store.inventory().pendingCleanups()).isEmpty();
      reconciled();
      assertThat(resources.cleanupCalls()).isEqualTo(1);
    }

    @Test
    void a_crash_between_the_git_write_and_the_cleanup_is_completed_by_the_next_reconcile() {
      live();
      pulls.close(4);
      resources.injectFaults(call -> {
        throw new IllegalStateException("host crashed");
      });
      try {
        service.reconcile();
      } catch (IllegalStateException crashed) {
        assertThat(crashed).hasMessage("host crashed");
      }
      assertThat(store.inventory().previews()).isEmpty();
      assertThat(store.inventory().pendingCleanups().keySet()).containsExactly(PullRequestNumber.of(4));
      assertThat(resources.live()).hasSize(1);

      resources.injectFaults(Faults.NONE);
      PreviewReport next = reconciled();
      assertThat(next.written()).isFalse();
      assertThat(next.cleanedUp().map(PreviewEnvironment::pr)).containsExactly(PullRequestNumber.of(4));
      assertThat(resources.live()).isEmpty();
      assertThat(store.inventory().pendingCleanups()).isEmpty();
    }

    @Test
    void a_failed_cleanup_is_reported_and_stays_pending() {
      live();
      pulls.close(4);
      resources.injectFaults(call -> Option.of(PortFailure.of(PortFailure.Kind.UNAVAILABLE, "database unreachable")));
      PreviewReport report = reconciled();
      assertThat(report.cleanupFailures().single().message())
          .isEqualTo("Cleanup of the preview of PR 4 failed and is retried on the next reconcile: database unreachable");
      assertThat(store.inventory().pendingCleanups().keySet()).containsExactly(PullRequestNumber.of(4));
    }

    @Test
    void a_host_that_loses_the_race_waits_as_its_backoff_says_reads_again_and_writes_once() {
      live();
      pulls.close(4);
      pulls.open(6, "main", commit(0));
      PreviewEnvironmentService other = PreviewEnvironmentService.builder(store, pulls, pulls).policy(policy).cleanup(resources).clock(clock::get).build();
      AtomicInteger writes = new AtomicInteger();
      store.injectFaults(call -> {
        if (call.equals("previews.write") && writes.getAndIncrement() == 0) {
          store.injectFaults(Faults.NONE);
          assertThat(other.reconcile().get().written()).isTrue();
        }
        return Option.none();
      });
      java.util.List<Integer> waits = new java.util.ArrayList<>();
      PreviewReport report = service.withBackoff(waits::add).reconcile().get();
      assertThat(waits).containsExactly(1);
      assertThat(report.written()).isFalse();
      assertThat(store.inventory().previews().keySet()).containsExactly(PullRequestNumber.of(6));
      assertThat(store.inventory().pendingCleanups()).isEmpty();
      assertThat(resources.live()).isEmpty();
    }
  }

  @Test
  void a_webhook_is_only_a_reason_to_reconcile() {
    pulls.open(4, "main", commit(0));
    pulls.build(commit(0), digest(0));
    AtomicInteger reads = new AtomicInteger();
    pulls.injectFaults(call -> {
      reads.incrementAndGet();
      return Option.none();
    });
    assertThat(service.onPullRequestActivity(PullRequestActivity.OTHER).get()).isEmpty();
    assertThat(reads).hasValue(0);
    assertThat(service.onPullRequestActivity(PullRequestActivity.ofWebhookAction("synchronize")).get().get().plan().creates()).hasSize(1);
    assertThat(service.onPullRequestActivity(PullRequestActivity.ofWebhookAction("synchronize")).get().get().written()).isFalse();
  }
}
