package io.platinur.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.preview.PreviewAction;
import io.platinur.domain.preview.PreviewEnvironment;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.PreviewStore.StoredPreviews;
import io.platinur.port.PreviewStore;
import io.vavr.collection.List;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PreviewStore} must do, whatever keeps the previews. Subclass it per
 * implementation and supply a fresh, empty store per test.
 */
public abstract class PreviewStoreContract {

  /** A fresh, empty store for one test; closed after it. */
  public interface World extends AutoCloseable {
    PreviewStore store();

    @Override
    default void close() {}
  }

  protected abstract World newWorld();

  protected static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  protected World world;
  protected PreviewStore store;

  @BeforeEach
  void startWorld() {
    world = newWorld();
    store = world.store();
  }

  @AfterEach
  void closeWorld() throws Exception {
    world.close();
  }

  protected static PreviewEnvironment preview(long pr, int head, Instant created) {
    return PreviewEnvironment.create(PullRequestNumber.of(pr), CommitId.of(String.format("%02x", head + 16).repeat(20)),
        ImageDigest.of("sha256:" + String.format("%02x", head + 16).repeat(32)), created);
  }

  private StoredPreviews loaded() {
    return store.load().get();
  }

  @Test
  void an_empty_store_holds_no_previews() {
    StoredPreviews stored = loaded();
    assertThat(stored.inventory().previews()).isEmpty();
    assertThat(stored.inventory().pendingCleanups()).isEmpty();
    assertThat(stored.inventory().leftAlone()).isEmpty();
  }

  @Test
  void created_previews_read_back_whole() {
    PreviewEnvironment four = preview(4, 0, T0);
    PreviewEnvironment five = preview(5, 1, T0.plusSeconds(1));
    StoredPreviews written = store.write(loaded().version(),
        List.of(new PreviewAction.Create(four), new PreviewAction.Create(five)), T0).get();
    assertThat(written.inventory().previews().values()).containsExactly(four, five);
    assertThat(loaded().inventory().previews().values()).containsExactly(four, five);
    assertThat(loaded().version()).isEqualTo(written.version());
  }

  @Test
  void an_update_moves_head_and_digest_and_keeps_the_creation_time() {
    PreviewEnvironment four = preview(4, 0, T0);
    store.write(loaded().version(), List.of(new PreviewAction.Create(four)), T0).get();
    PreviewEnvironment moved = four.movedTo(preview(4, 2, T0).headCommit(), preview(4, 2, T0).digest(), T0.plus(Duration.ofHours(2)));
    store.write(loaded().version(), List.of(new PreviewAction.Update(four, moved, PreviewAction.UpdateReason.NEW_HEAD)), T0).get();
    assertThat(loaded().inventory().previews().get(PullRequestNumber.of(4))).contains(moved);
    assertThat(moved.created()).isEqualTo(T0);
  }

  @Test
  void a_reaped_preview_is_gone_and_waits_for_its_cleanup_until_told_it_is_done() {
    PreviewEnvironment four = preview(4, 0, T0);
    store.write(loaded().version(), List.of(new PreviewAction.Create(four)), T0).get();
    store.write(loaded().version(), List.of(new PreviewAction.Reap(four, PreviewAction.ReapReason.CLOSED, "the PR was closed")), T0).get();
    assertThat(loaded().inventory().previews()).isEmpty();
    assertThat(loaded().inventory().pendingCleanups().values()).containsExactly(four);

    StoredPreviews after = store.cleanedUp(loaded().version(), List.of(four)).get();
    assertThat(after.inventory().pendingCleanups()).isEmpty();
    assertThat(loaded().inventory().pendingCleanups()).isEmpty();
  }

  @Test
  void a_cleanup_of_another_preview_of_the_same_pull_request_leaves_the_pending_one() {
    PreviewEnvironment four = preview(4, 0, T0);
    store.write(loaded().version(), List.of(new PreviewAction.Create(four)), T0).get();
    store.write(loaded().version(), List.of(new PreviewAction.Reap(four, PreviewAction.ReapReason.CLOSED, "the PR was closed")), T0).get();
    store.cleanedUp(loaded().version(), List.of(preview(4, 0, T0.minusSeconds(60)))).get();
    assertThat(loaded().inventory().pendingCleanups().values()).containsExactly(four);
  }

  @Test
  void a_write_on_a_stale_version_is_a_conflict_and_changes_nothing() {
    StoredPreviews start = loaded();
    store.write(start.version(), List.of(new PreviewAction.Create(preview(4, 0, T0))), T0).get();
    StoredPreviews before = loaded();
    PortFailure failure = store.write(start.version(), List.of(new PreviewAction.Create(preview(5, 0, T0))), T0).getLeft();
    assertThat(failure.kind()).isEqualTo(PortFailure.Kind.CONFLICT);
    assertThat(loaded()).isEqualTo(before);
  }

  @Test
  void recording_a_cleanup_on_a_stale_version_is_a_conflict_and_changes_nothing() {
    PreviewEnvironment four = preview(4, 0, T0);
    StoredPreviews created = store.write(loaded().version(), List.of(new PreviewAction.Create(four)), T0).get();
    store.write(created.version(), List.of(new PreviewAction.Reap(four, PreviewAction.ReapReason.MERGED, "the PR was merged")), T0).get();
    StoredPreviews before = loaded();
    assertThat(store.cleanedUp(created.version(), List.of(four)).getLeft().kind()).isEqualTo(PortFailure.Kind.CONFLICT);
    assertThat(loaded()).isEqualTo(before);
  }
}
