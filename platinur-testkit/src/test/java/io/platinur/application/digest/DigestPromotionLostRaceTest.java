package io.platinur.application.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Actor;
import io.platinur.domain.digest.CompleteRejection;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotionEvent;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinKey;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.PromoteRejection;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.PromotionDiff;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.forge.ReviewState;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.proposal.RepoPath;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.AuditEntry;
import io.platinur.port.DigestPromotionChange;
import io.platinur.port.DigestPromotionStore;
import io.platinur.port.PinSnapshot;
import io.platinur.port.PinnedDigests;
import io.platinur.port.PortFailure;
import io.platinur.port.memory.InMemoryDigestPromotionStore;
import io.platinur.testkit.memory.InMemoryGitOps;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A host that loses a race to another host is never answered with an internal error, and never
 * told it did what the other did (issue #26, 1 and 2): the loser of two promotes of one target is
 * refused with the "already open" message; a complete or sync whose merge another host recorded
 * first, or that finds the PR merged by another host, is answered as done. Each race is played out
 * deterministically: the rival acts at the exact moment the host is about to save, or to read.
 */
class DigestPromotionLostRaceTest {
  static final ServiceName API = ServiceName.of("api");
  static final EnvironmentName DEV = EnvironmentName.of("dev");
  static final EnvironmentName STAGING = EnvironmentName.of("staging");
  static final EnvironmentName PROD = EnvironmentName.of("prod");
  static final ImageDigest BUILT = ImageDigest.of("sha256:" + "a1".repeat(32));
  static final ImageDigest OLD = ImageDigest.of("sha256:" + "c3".repeat(32));
  static final BranchName MAIN = BranchName.of("main");
  static final PromotionTarget API_STAGING = new PromotionTarget(API, STAGING);
  static final PromotionTarget API_PROD = new PromotionTarget(API, PROD);

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
  final InMemoryGitOps gitops = new InMemoryGitOps(MAIN, PinLayout.standard(),
      Pins.none().with(DEV, API, BUILT).with(STAGING, API, BUILT).with(PROD, API, OLD), now::get);
  final InMemoryDigestPromotionStore store = new InMemoryDigestPromotionStore();
  final DigestPromotionService rival = host(store, gitops);

  DigestPromotionLostRaceTest() {
    gitops.deploy(DEV, API, BUILT, DeploymentState.SUCCESS, now.get().minus(Duration.ofDays(1)));
    gitops.deploy(STAGING, API, BUILT, DeploymentState.SUCCESS, now.get().minus(Duration.ofDays(1)));
    gitops.deploy(PROD, API, OLD, DeploymentState.SUCCESS, now.get().minus(Duration.ofDays(1)));
  }

  DigestPromotionService host(DigestPromotionStore promotions, PinnedDigests pins) {
    return new DigestPromotionService(PromotionPath.standard(), PinLayout.standard(), MAIN,
        new DigestPromotionService.Ports(pins, gitops, gitops, gitops, gitops, gitops, gitops, gitops, promotions), now::get);
  }

  /** The shared store, where {@code rivalFirst} runs once, just before this host's first save. */
  DigestPromotionStore losingOnce(Runnable rivalFirst) {
    AtomicBoolean first = new AtomicBoolean(true);
    return new DigestPromotionStore() {
      @Override
      public Either<PortFailure, Option<Stored>> load() {
        return store.load();
      }

      @Override
      public Either<PortFailure, Stored> save(Option<String> expected, Seq<DigestPromotion> latest, Seq<DigestPromotionEvent> events,
          AuditEntry audit) {
        if (first.getAndSet(false)) {
          rivalFirst.run();
        }
        return store.save(expected, latest, events, audit);
      }

      @Override
      public Either<PortFailure, Seq<DigestPromotionChange>> history(Option<String> before, int limit) {
        return store.history(before, limit);
      }
    };
  }

  /** The prod promotion PR is open and approved; api is healthy in staging for a day. */
  PullRequestNumber approvedIntoProd() {
    PullRequestNumber pr = rival.promote(PromoteRequest.of(API, PROD), Actor.of("ana")).get().pr();
    gitops.review(pr, "bob", ReviewState.APPROVED);
    return pr;
  }

  DigestPromotion recorded(PromotionTarget target) {
    return store.load().get().get().on(PromotionPath.standard()).latest(target).get();
  }

  @Nested
  class Promoting_one_target_from_two_hosts {
    @Test
    void the_loser_is_refused_as_already_open_never_told_it_opened_the_pr() {
      AtomicReference<Either<UseCaseFailure<PromoteRejection>, DigestPromotion.PrOpen>> winner = new AtomicReference<>();
      DigestPromotionService loser = host(losingOnce(() -> winner.set(rival.promote(PromoteRequest.of(API, PROD), Actor.of("host-2")))), gitops);

      Either<UseCaseFailure<PromoteRejection>, DigestPromotion.PrOpen> lost = loser.promote(PromoteRequest.of(API, PROD), Actor.of("host-1"));

      assertThat(winner.get().get().pr()).isEqualTo(PullRequestNumber.of(1));
      assertThat(lost.getLeft().<Object>fold(refused -> refused, port -> port)).isInstanceOf(PromoteRejection.PromotionInProgress.class);
      assertThat(lost.getLeft().message()).isEqualTo("A promotion of api to prod is already open: PR #1. Merge or close it before promoting again.");
      assertThat(gitops.pullCount()).as("one PR, opened once").isEqualTo(1);
      assertThat(store.history(Option.none(), 10).get().map(change -> change.audit().actor().name())).as("recorded once, by the winner")
          .containsExactly("host-2");
    }
  }

  @Nested
  class Completing_a_promotion_another_host_moves_on {
    @Test
    void a_merge_whose_record_another_host_saved_first_is_answered_as_done() {
      PullRequestNumber pr = approvedIntoProd();
      now.set(now.get().plus(Duration.ofHours(2)));
      DigestPromotionService host = host(losingOnce(() -> rival.sync(Actor.of("cron")).get()), gitops);

      Either<UseCaseFailure<CompleteRejection>, DigestPromotion> done = host.complete(API_PROD, Actor.of("host-1"));

      assertThat(done.isRight()).as("answered as done, but: %s", done).isTrue();
      assertThat(done.get()).isInstanceOf(DigestPromotion.Canary.class);
      assertThat(done.get().mergedPr()).contains(pr);
      assertThat(recorded(API_PROD)).isEqualTo(done.get());
      assertThat(store.history(Option.none(), 10).get().map(change -> change.audit().actor().name())).as("the sync recorded the merge; the host nothing more")
          .containsExactly("cron", "ana");
    }

    @Test
    void a_pr_another_host_merged_before_it_was_recorded_is_recorded_as_merged() {
      PullRequestNumber pr = approvedIntoProd();
      now.set(now.get().plus(Duration.ofHours(2)));
      CommitId merge = gitops.merge(pr, ((PullRequestState.Open) gitops.state(pr).get()).head()).get();

      Either<UseCaseFailure<CompleteRejection>, DigestPromotion> done = host(store, gitops).complete(API_PROD, Actor.of("host-1"));

      assertThat(done.get()).isEqualTo(new DigestPromotion.Canary(recorded(API_PROD).promotion(), pr, merge, now.get()));
    }

    @Test
    void a_pr_a_person_closed_before_it_was_recorded_is_recorded_as_withdrawn() {
      PullRequestNumber pr = approvedIntoProd();
      gitops.close(pr).get();

      Either<UseCaseFailure<CompleteRejection>, DigestPromotion> done = host(store, gitops).complete(API_PROD, Actor.of("host-1"));

      assertThat(done.get()).isEqualTo(new DigestPromotion.Withdrawn(recorded(API_PROD).promotion(), pr));
      assertThat(done.get().describe()).isEqualTo("PR #1 closed unmerged");
    }

    @Test
    void a_host_whose_evidence_is_read_while_another_merges_is_never_told_the_pr_does_not_change_the_pin() {
      PullRequestNumber pr = approvedIntoProd();
      now.set(now.get().plus(Duration.ofHours(2)));
      AtomicBoolean mergedMeanwhile = new AtomicBoolean();
      PinnedDigests mergingWhileRead = new PinnedDigests() {
        @Override
        public Either<PortFailure, PinSnapshot> current() {
          return gitops.current();
        }

        @Override
        public Either<PortFailure, PinSnapshot> at(CommitId commit) {
          return gitops.at(commit);
        }

        @Override
        public Either<PortFailure, PromotionDiff> diff(CommitId head, RepoPath pinFile, PinKey key) {
          if (!mergedMeanwhile.getAndSet(true)) {
            gitops.merge(pr, head).get(); // another host merges just before this one reads what the PR changes
          }
          // as Git answers once the head is in the branch (their merge base is the head): nothing changes
          return gitops.diff(head, pinFile, key).map(diff -> new PromotionDiff(io.vavr.collection.TreeSet.empty(), diff.pinAfter(), false));
        }

        @Override
        public Either<PortFailure, SortedMap<EnvironmentName, SortedMap<String, String>>> environmentFiles(
            CommitId commit, Seq<EnvironmentName> environments) {
          return gitops.environmentFiles(commit, environments);
        }
      };

      Either<UseCaseFailure<CompleteRejection>, DigestPromotion> done = host(store, mergingWhileRead).complete(API_PROD, Actor.of("host-1"));

      assertThat(mergedMeanwhile).isTrue();
      assertThat(done.isRight()).as("answered as done, but: %s", done.isLeft() ? done.getLeft().message() : "").isTrue();
      assertThat(done.get()).isInstanceOf(DigestPromotion.Canary.class);
    }
  }

  @Nested
  class Syncing_while_another_host_syncs {
    @Test
    void a_sync_that_merged_and_lost_the_save_race_records_nothing_twice_and_succeeds() {
      gitops.pinDirectly(DEV, API, ImageDigest.of("sha256:" + "d4".repeat(32)));
      gitops.deploy(DEV, API, ImageDigest.of("sha256:" + "d4".repeat(32)), DeploymentState.SUCCESS, now.get());
      rival.promote(PromoteRequest.of(API, STAGING), Actor.of("ana")).get();
      DigestPromotionService host = host(losingOnce(() -> rival.sync(Actor.of("cron-2")).get()), gitops);

      Either<UseCaseFailure<io.platinur.application.core.NoRefusal>, PromotionSync> synced = host.sync(Actor.of("cron-1"));

      assertThat(synced.isRight()).as("succeeded, but: %s", synced).isTrue();
      assertThat(recorded(API_STAGING)).isInstanceOf(DigestPromotion.Promoted.class);
      assertThat(store.history(Option.none(), 10).get().map(change -> change.audit().actor().name())).containsExactly("cron-2", "ana");
    }
  }
}
