package io.platinur.domain.lock;

import static io.platinur.domain.Examples.commit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.domain.InvalidValueException;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.forge.PullRequestState;
import io.platinur.domain.lock.ReleaseLock.AwaitingMainSync;
import io.platinur.domain.lock.ReleaseLock.PromotionPrOpen;
import io.platinur.domain.lock.ReleaseLock.Unlocked;
import io.vavr.control.Either;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReleaseLockTest {
  private static final PullRequestNumber PR = PullRequestNumber.of(42);

  private static String which(ReleaseLock lock) {
    return lock.fold(u -> "unlocked", open -> "open " + open.pr(), awaiting -> "awaiting " + awaiting.pr() + " " + awaiting.mergeCommit().abbreviated());
  }

  @Test
  void has_the_exact_messages_of_the_product() {
    assertThat(ReleaseLock.PROMOTION_PR_OPEN_MESSAGE)
        .isEqualTo("A promotion PR is open. Merge or close it in GitHub before applying more staging changes.");
    assertThat(ReleaseLock.AWAITING_MAIN_SYNC_MESSAGE)
        .isEqualTo("A merged promotion is being finalized from GitHub main. Sync Promotions before applying another staging change.");
  }

  @Nested
  class Unlocked_state {
    private final Unlocked lock = ReleaseLock.unlocked();

    @Test
    void is_not_locked_and_folds_to_the_unlocked_branch() {
      assertThat(lock.isLocked()).isFalse();
      assertThat(which(lock)).isEqualTo("unlocked");
      assertThat(lock).isSameAs(ReleaseLock.unlocked());
      assertThat(lock.toString()).isEqualTo("Unlocked");
    }

    @Test
    void opens_a_promotion_pr() {
      assertThat(lock.open(PR)).isEqualTo(new PromotionPrOpen(PR));
    }
  }

  @Nested
  class Promotion_pr_open {
    private final PromotionPrOpen lock = ReleaseLock.unlocked().open(PR);

    @Test
    void is_locked_and_folds_to_the_open_branch() {
      assertThat(lock.isLocked()).isTrue();
      assertThat(which(lock)).isEqualTo("open #42");
    }

    @Test
    void unlocks_when_closed_unmerged() {
      assertThat(lock.closedUnmerged()).isSameAs(ReleaseLock.unlocked());
    }

    @Test
    void awaits_main_sync_when_merged() {
      assertThat(lock.merged(commit(7))).isEqualTo(new AwaitingMainSync(PR, commit(7)));
    }

    @Test
    void needs_a_pr_number() {
      assertThatThrownBy(() -> new PromotionPrOpen(null)).isInstanceOf(NullPointerException.class).hasMessage("pr");
    }
  }

  @Nested
  class Awaiting_main_sync {
    private final AwaitingMainSync lock = ReleaseLock.unlocked().open(PR).merged(commit(7));

    @Test
    void is_locked_and_folds_to_the_awaiting_branch() {
      assertThat(lock.isLocked()).isTrue();
      assertThat(which(lock)).isEqualTo("awaiting #42 0000000");
      assertThat(lock.mergeCommit()).isEqualTo(commit(7));
      assertThat(lock.pr()).isEqualTo(PR);
    }

    @Test
    void unlocks_when_synced() {
      assertThat(lock.synced()).isSameAs(ReleaseLock.unlocked());
    }

    @Test
    void needs_a_merge_commit() {
      assertThatThrownBy(() -> new AwaitingMainSync(PR, null)).isInstanceOf(NullPointerException.class).hasMessage("mergeCommit");
    }
  }

  @Nested
  class Transition_function {
    private final PullRequestNumber other = PullRequestNumber.of(43);
    private final ReleaseLock unlocked = ReleaseLock.unlocked();
    private final ReleaseLock open = ReleaseLock.unlocked().open(PR);
    private final ReleaseLock awaiting = ReleaseLock.unlocked().open(PR).merged(commit(7));

    @Test
    void moves_with_each_state_own_transition_where_the_event_is_legal() {
      assertThat(unlocked.onOpened(PR)).isEqualTo(Either.right(new PromotionPrOpen(PR)));
      assertThat(open.onClosedUnmerged(PR)).isEqualTo(Either.right(ReleaseLock.unlocked()));
      assertThat(open.onMerged(PR, commit(7))).isEqualTo(Either.right(new AwaitingMainSync(PR, commit(7))));
      assertThat(awaiting.onSynced(PR)).isEqualTo(Either.right(ReleaseLock.unlocked()));
    }

    @Test
    void refuses_every_event_illegal_in_the_current_state_as_a_typed_error() {
      // Every (state, event) pair outside the four legal ones above, including the right event for another PR.
      assertThat(unlocked.onClosedUnmerged(PR).getLeft()).isEqualTo(new IllegalLockTransition(unlocked, "promotion PR #42 closed"));
      assertThat(unlocked.onMerged(PR, commit(7)).getLeft().message())
          .isEqualTo("The release lock cannot take ‘promotion PR #42 merged’ while unlocked.");
      assertThat(unlocked.onSynced(PR).isLeft()).isTrue();
      assertThat(open.onOpened(other).getLeft().message())
          .isEqualTo("The release lock cannot take ‘promotion PR #43 opened’ while promotion PR #42 is open.");
      assertThat(open.onOpened(PR).isLeft()).isTrue();
      assertThat(open.onClosedUnmerged(other).isLeft()).isTrue();
      assertThat(open.onMerged(other, commit(7)).isLeft()).isTrue();
      assertThat(open.onSynced(PR).isLeft()).isTrue();
      assertThat(awaiting.onOpened(PR).isLeft()).isTrue();
      assertThat(awaiting.onClosedUnmerged(PR).isLeft()).isTrue();
      assertThat(awaiting.onMerged(PR, commit(7)).getLeft().message())
          .isEqualTo("The release lock cannot take ‘promotion PR #42 merged’ while merged promotion PR #42 awaits sync.");
      assertThat(awaiting.onSynced(other).isLeft()).isTrue();
    }
  }

  @Test
  void pull_request_numbers_are_positive_and_shown_with_a_hash() {
    assertThat(PullRequestNumber.of(1).toString()).isEqualTo("#1");
    assertThat(PullRequestNumber.of(1)).isLessThan(PullRequestNumber.of(2));
    assertThatThrownBy(() -> PullRequestNumber.of(0))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("A pull request number must be positive, got 0.");
    assertThatThrownBy(() -> PullRequestNumber.of(-3)).hasMessage("A pull request number must be positive, got -3.");
  }

  @Test
  void pull_request_states_fold_to_their_own_branch() {
    assertThat(new PullRequestState.Open(commit(1)).<String>fold(o -> "open", c -> "closed", m -> "merged")).isEqualTo("open");
    assertThat(new PullRequestState.ClosedUnmerged().<String>fold(o -> "open", c -> "closed", m -> "merged")).isEqualTo("closed");
    assertThat(new PullRequestState.Merged(commit(1)).<String>fold(o -> "open", c -> "closed", m -> "merged")).isEqualTo("merged");
  }
}
