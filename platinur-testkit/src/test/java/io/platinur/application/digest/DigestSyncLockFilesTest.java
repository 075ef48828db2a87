package io.platinur.application.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Actor;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.Promotion;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.RollbackPlan;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.DigestPromotionChange;
import io.platinur.port.PinBranches;
import io.platinur.port.PortFailure;
import io.platinur.port.memory.InMemoryDigestPromotionStore;
import io.platinur.testkit.memory.InMemoryGitOps;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link DigestPromotionService#sync}: the lock files a crashed writer left on the GitOps
 * repository are removed first, reported and recorded in the history under the caller's actor; a
 * failure to remove them is the sync's failure and records nothing. The use cases given a {@link
 * CommitAuthor} hand it to the branch writes.
 */
class DigestSyncLockFilesTest {
  private static final ServiceName API = ServiceName.of("api");
  private static final EnvironmentName DEV = EnvironmentName.of("dev");
  private static final EnvironmentName STAGING = EnvironmentName.of("staging");
  private static final EnvironmentName PROD = EnvironmentName.of("prod");
  private static final BranchName MAIN = BranchName.of("main");
  private static final String REMOVED = "Removed lock file packed-refs.lock, left behind 3 min ago by a crashed writer.";

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
  private final InMemoryGitOps gitops = new InMemoryGitOps(MAIN, PinLayout.standard(),
      Pins.none().with(DEV, API, ImageDigest.of("sha256:" + "a1".repeat(32))).with(STAGING, API, ImageDigest.of("sha256:" + "b2".repeat(32)))
          .with(PROD, API, ImageDigest.of("sha256:" + "c3".repeat(32))),
      now::get);
  private final InMemoryDigestPromotionStore store = new InMemoryDigestPromotionStore();
  /** What the next {@code removeAbandonedLocks} answers; each answer is given once. */
  private final AtomicReference<Either<PortFailure, Seq<String>>> locks = new AtomicReference<>(Either.right(List.empty()));
  /** The authors the branch writes were given. */
  private final AtomicReference<Seq<String>> authors = new AtomicReference<>(List.empty());

  /** The in-memory GitOps repository's branches, with lock files to remove and the authors seen. */
  private final PinBranches branches = new PinBranches() {
    @Override
    public Either<PortFailure, BranchName> writePromotion(Promotion promotion, CommitId base) {
      authors.updateAndGet(seen -> seen.append("(own)"));
      return gitops.writePromotion(promotion, base);
    }

    @Override
    public Either<PortFailure, BranchName> writeRollback(RollbackPlan plan, CommitId base) {
      authors.updateAndGet(seen -> seen.append("(own)"));
      return gitops.writeRollback(plan, base);
    }

    @Override
    public Either<PortFailure, BranchName> writePromotion(Promotion promotion, CommitId base, CommitAuthor author) {
      authors.updateAndGet(seen -> seen.append(author.name() + " <" + author.email() + ">"));
      return gitops.writePromotion(promotion, base);
    }

    @Override
    public Either<PortFailure, Seq<String>> removeAbandonedLocks() {
      return locks.getAndSet(Either.right(List.empty()));
    }
  };

  private final DigestPromotionService service = new DigestPromotionService(PromotionPath.standard(), PinLayout.standard(), MAIN,
      new DigestPromotionService.Ports(gitops, branches, gitops, gitops, gitops, gitops, gitops, gitops, store), now::get);

  DigestSyncLockFilesTest() {
    for (EnvironmentName env : List.of(DEV, STAGING, PROD)) {
      gitops.pinsAt(gitops.head(MAIN)).manifest(env).services()
          .forEach((service, digest) -> gitops.deploy(env, service, digest, DeploymentState.SUCCESS, now.get().minus(Duration.ofDays(1))));
    }
  }

  private static <T> T ok(Either<? extends UseCaseFailure<?>, T> result) {
    assertThat(result.isRight()).as("succeeded, but: %s", result.isLeft() ? result.getLeft().message() : "").isTrue();
    return result.get();
  }

  private Seq<DigestPromotionChange> history() {
    return ok(service.history(Option.none(), 10));
  }

  @Test
  void a_sync_removes_the_locks_first_says_so_and_records_it_under_the_authors_actor() {
    locks.set(Either.right(List.of(REMOVED)));
    CommitAuthor ana = new CommitAuthor("Ana", "ana@example.com", now.get());

    PromotionSync sync = ok(service.sync(ana));
    assertThat(sync.removedLocks()).containsExactly(REMOVED);
    assertThat(sync.events()).isEmpty();
    assertThat(sync.isEmpty()).isFalse();
    assertThat(history().map(change -> change.audit().actor().name() + ": " + change.audit().action()))
        .containsExactly("Ana: Synced the digest promotions: " + REMOVED);

    PromotionSync again = ok(service.sync(Actor.of("cron")));
    assertThat(again.isEmpty()).isTrue();
    assertThat(history()).hasSize(1);
  }

  @Test
  void a_failure_to_remove_the_locks_is_the_syncs_failure_and_records_nothing() {
    locks.set(Either.left(PortFailure.of(PortFailure.Kind.UNAVAILABLE, "The repository cannot be read.")));
    Either<UseCaseFailure<io.platinur.application.core.NoRefusal>, PromotionSync> sync = service.sync(Actor.of("cron"));
    assertThat(sync.isLeft()).isTrue();
    assertThat(sync.getLeft().message()).isEqualTo("The repository cannot be read.");
    assertThat(history()).isEmpty();
  }

  @Test
  void a_promotion_for_an_author_hands_the_author_to_the_branch_write_and_one_for_an_actor_writes_as_platinur() {
    ok(service.promote(PromoteRequest.of(API, STAGING), new CommitAuthor("Bo Berg", "bo@example.com", now.get())));
    assertThat(authors.get()).containsExactly("Bo Berg <bo@example.com>");
    assertThat(history().head().audit().actor().name()).isEqualTo("Bo Berg");

    ok(service.sync(Actor.of("cron")));
    ok(service.promote(PromoteRequest.of(API, PROD), Actor.of("cron")));
    assertThat(authors.get()).containsExactly("Bo Berg <bo@example.com>", "Platinur <platinur>");
  }
}
