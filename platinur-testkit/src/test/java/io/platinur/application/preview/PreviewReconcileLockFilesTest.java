package io.platinur.application.preview;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.core.NoRefusal;
import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.preview.PreviewAction;
import io.platinur.domain.preview.PreviewEnvironment;
import io.platinur.domain.preview.PreviewPolicy;
import io.platinur.domain.preview.PreviewSelection;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.PreviewPorts;
import io.platinur.port.PreviewStore;
import io.platinur.port.RetryBackoff;
import io.platinur.port.TimeSource;
import io.platinur.testkit.memory.InMemoryPreviewResources;
import io.platinur.testkit.memory.InMemoryPreviewStore;
import io.platinur.testkit.memory.InMemoryPullRequests;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link PreviewEnvironmentService#reconcile}: lock files a crashed writer left on the store are
 * removed first and reported; a failure to remove them changes nothing; a reconcile for an author
 * writes its change as that author, at the reconcile's time.
 */
class PreviewReconcileLockFilesTest {
  private static final String REMOVED = "Removed lock file refs/heads/main.lock, left behind 3 min ago by a crashed writer.";

  private final AtomicReference<Instant> clock = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
  private final InMemoryPullRequests pulls = new InMemoryPullRequests(clock::get);
  private final InMemoryPreviewStore inventory = new InMemoryPreviewStore();
  private final AtomicReference<Either<PortFailure, Seq<String>>> locks = new AtomicReference<>(Either.right(List.empty()));
  private final AtomicReference<Seq<String>> writers = new AtomicReference<>(List.empty());

  /** The in-memory store, with lock files to remove and the writers of its changes seen. */
  private final PreviewStore store = new PreviewStore() {
    @Override
    public Either<PortFailure, StoredPreviews> load() {
      return inventory.load();
    }

    @Override
    public Either<PortFailure, StoredPreviews> write(PreviewVersion expected, Seq<PreviewAction> actions, Instant at) {
      writers.updateAndGet(seen -> seen.append("(own) at " + at));
      return inventory.write(expected, actions, at);
    }

    @Override
    public Either<PortFailure, StoredPreviews> write(PreviewVersion expected, Seq<PreviewAction> actions, CommitAuthor author) {
      writers.updateAndGet(seen -> seen.append(author.name() + " <" + author.email() + "> at " + author.when()));
      return inventory.write(expected, actions, author.when());
    }

    @Override
    public Either<PortFailure, Seq<String>> removeAbandonedLocks() {
      return locks.getAndSet(Either.right(List.empty()));
    }

    @Override
    public Either<PortFailure, StoredPreviews> cleanedUp(PreviewVersion expected, Seq<PreviewEnvironment> cleaned) {
      return inventory.cleanedUp(expected, cleaned);
    }
  };

  private final PreviewPorts previews = new PreviewPorts() {
    @Override
    public PreviewStore previewStore() {
      return store;
    }

    @Override
    public TimeSource timeSource() {
      return clock::get;
    }

    @Override
    public RetryBackoff retryBackoff() {
      return RetryBackoff.none();
    }
  };

  private final PreviewEnvironmentService service = PreviewEnvironmentService.builder(previews, pulls, pulls)
      .policy(PreviewPolicy.of(PreviewSelection.all(), Option.none(), Option.none()).get())
      .cleanup(new InMemoryPreviewResources()).build();

  @Test
  void a_reconcile_removes_the_locks_first_reports_them_and_writes_as_the_author_at_its_own_time() {
    pulls.open(4, "main", CommitId.of("ab".repeat(20)));
    pulls.build(CommitId.of("ab".repeat(20)), ImageDigest.of("sha256:" + "5e".repeat(32)));
    locks.set(Either.right(List.of(REMOVED)));

    PreviewReport report = service.reconcile(new CommitAuthor("Ana", "ana@example.com", Instant.parse("2026-11-30T00:00:00Z"))).get();
    assertThat(report.removedLocks()).containsExactly(REMOVED);
    assertThat(report.written()).isTrue();
    assertThat(writers.get()).containsExactly("Ana <ana@example.com> at 2026-12-01T10:00:00Z");

    PreviewReport again = service.reconcile().get();
    assertThat(again.removedLocks()).isEmpty();
    assertThat(again.written()).isFalse();
  }

  @Test
  void a_failure_to_remove_the_locks_is_the_reconciles_failure_and_writes_nothing() {
    pulls.open(4, "main", CommitId.of("ab".repeat(20)));
    pulls.build(CommitId.of("ab".repeat(20)), ImageDigest.of("sha256:" + "5e".repeat(32)));
    locks.set(Either.left(PortFailure.of(PortFailure.Kind.UNAVAILABLE, "The repository cannot be read.")));

    Either<UseCaseFailure<NoRefusal>, PreviewReport> failed = service.reconcile();
    assertThat(failed.isLeft()).isTrue();
    assertThat(failed.getLeft().message()).isEqualTo("The repository cannot be read.");
    assertThat(writers.get()).isEmpty();
    assertThat(inventory.inventory().previews()).isEmpty();

    service.reconcile().get();
    assertThat(writers.get()).containsExactly("(own) at 2026-12-01T10:00:00Z");
  }
}
