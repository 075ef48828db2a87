package io.platinur.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotions;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.Promotion;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackReason;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.DigestPromotionStore.Stored;
import io.platinur.port.DigestPromotionStore;
import io.platinur.port.PortFailure;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DigestPromotionStore} must do, whatever keeps the promotions: read back every
 * state whole, and save only by compare-and-swap on the version it handed out. Subclass it per
 * implementation and supply a fresh, empty store per test.
 */
public abstract class DigestPromotionStoreContract {

  /** A fresh, empty store for one test; closed after it. */
  public interface World extends AutoCloseable {
    DigestPromotionStore store();

    /** A second handle on the same stored promotions (another host); the same store when there is no such thing. */
    default DigestPromotionStore otherHost() {
      return store();
    }

    @Override
    default void close() {}
  }

  protected abstract World newWorld();

  private static final ServiceName API = ServiceName.of("api");
  private static final ServiceName WEB = ServiceName.of("web");
  private static final EnvironmentName DEV = EnvironmentName.of("dev");
  private static final EnvironmentName STAGING = EnvironmentName.of("staging");
  private static final EnvironmentName PROD = EnvironmentName.of("prod");
  private static final ImageDigest BUILT = ImageDigest.of("sha256:" + "a1".repeat(32));
  private static final ImageDigest OLD = ImageDigest.of("sha256:" + "b2".repeat(32));
  private static final CommitId MERGE = CommitId.of("1".repeat(40));
  private static final CommitId REVERT = CommitId.of("2".repeat(40));
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  protected World world;
  protected DigestPromotionStore store;

  @BeforeEach
  void startWorld() {
    world = newWorld();
    store = world.store();
  }

  @AfterEach
  void closeWorld() throws Exception {
    world.close();
  }

  /** One promotion in every state, each of its own target (a service per state, three environments). */
  protected static List<DigestPromotion> everyState() {
    PullRequestNumber pr = PullRequestNumber.of(4);
    PullRequestNumber revertPr = PullRequestNumber.of(5);
    List<DigestPromotion> states = List.empty();
    int n = 0;
    for (RollbackReason reason : RollbackReason.values()) {
      Promotion rolling = promotion("rolling-" + n, PROD, Option.some(OLD));
      Promotion rolled = promotion("rolled-" + n, PROD, Option.some(OLD));
      states = states.append(new DigestPromotion.RollingBack(rolling, pr, MERGE, revertPr, reason))
          .append(new DigestPromotion.RolledBack(rolled, pr, MERGE, revertPr, reason, REVERT));
      n++;
    }
    return states.prependAll(List.of(
        new DigestPromotion.Proposed(promotion("proposed", STAGING, Option.none())),
        new DigestPromotion.PrOpen(promotion("open", STAGING, Option.some(OLD)), pr),
        new DigestPromotion.Merged(promotion("merged", PROD, Option.some(OLD)), pr, MERGE),
        new DigestPromotion.Canary(promotion("canary", PROD, Option.some(OLD)), pr, MERGE, T0),
        new DigestPromotion.Promoted(promotion("promoted", PROD, Option.some(OLD)), pr, MERGE),
        new DigestPromotion.Withdrawn(promotion("withdrawn", STAGING, Option.some(OLD)), pr)));
  }

  private static Promotion promotion(String service, EnvironmentName target, Option<ImageDigest> previous) {
    EnvironmentName from = target.equals(PROD) ? STAGING : DEV;
    return new Promotion(new PromotionTarget(ServiceName.of(service), target), from, BUILT, previous);
  }

  private Option<Stored> loaded() {
    return store.load().get();
  }

  @Test
  void an_empty_store_holds_nothing() {
    assertThat(loaded()).isEmpty();
  }

  @Test
  void every_state_reads_back_whole() {
    DigestPromotions all = DigestPromotions.restore(everyState());
    Stored saved = store.save(Option.none(), all).get();
    assertThat(saved.promotions().latest()).isEqualTo(all.latest());
    Stored read = loaded().get();
    assertThat(read.version()).isEqualTo(saved.version());
    assertThat(read.promotions().latest()).isEqualTo(all.latest());
    assertThat(world.otherHost().load().get().get().promotions().latest()).isEqualTo(all.latest());
  }

  @Test
  void each_save_hands_out_a_new_version_and_the_latest_promotions_win() {
    PromotionTarget apiStaging = new PromotionTarget(API, STAGING);
    Promotion promotion = new Promotion(apiStaging, DEV, BUILT, Option.some(OLD));
    Stored first = store.save(Option.none(), DigestPromotions.restore(List.of(new DigestPromotion.PrOpen(promotion, PullRequestNumber.of(1))))).get();
    Stored second = store.save(Option.some(first.version()),
        DigestPromotions.restore(List.of(new DigestPromotion.Promoted(promotion, PullRequestNumber.of(1), MERGE),
            new DigestPromotion.PrOpen(new Promotion(new PromotionTarget(WEB, STAGING), DEV, BUILT, Option.none()), PullRequestNumber.of(2))))).get();
    assertThat(second.version()).isNotEqualTo(first.version());
    Stored read = loaded().get();
    assertThat(read.version()).isEqualTo(second.version());
    assertThat(read.promotions().latest(apiStaging)).contains(new DigestPromotion.Promoted(promotion, PullRequestNumber.of(1), MERGE));
    assertThat(read.promotions().latest().keySet()).containsExactly(apiStaging, new PromotionTarget(WEB, STAGING));
  }

  @Test
  void an_empty_set_of_promotions_is_stored_too() {
    Stored saved = store.save(Option.none(), DigestPromotions.none()).get();
    assertThat(loaded().map(Stored::version)).contains(saved.version());
    assertThat(loaded().get().promotions().latest()).isEmpty();
  }

  @Test
  void a_save_on_a_stale_version_is_a_conflict_and_changes_nothing() {
    Stored first = store.save(Option.none(), DigestPromotions.restore(everyState().take(2))).get();
    Stored second = store.save(Option.some(first.version()), DigestPromotions.restore(everyState().take(3))).get();
    PortFailure failure = store.save(Option.some(first.version()), DigestPromotions.none()).getLeft();
    assertThat(failure.kind()).isEqualTo(PortFailure.Kind.CONFLICT);
    assertThat(loaded().get().version()).isEqualTo(second.version());
    assertThat(loaded().get().promotions().latest()).isEqualTo(second.promotions().latest());
  }

  @Test
  void a_first_save_when_something_is_stored_is_a_conflict() {
    Stored first = store.save(Option.none(), DigestPromotions.restore(everyState().take(1))).get();
    assertThat(store.save(Option.none(), DigestPromotions.none()).getLeft().kind()).isEqualTo(PortFailure.Kind.CONFLICT);
    assertThat(loaded().get().version()).isEqualTo(first.version());
  }

  @Test
  void a_version_never_handed_out_is_a_conflict_even_on_an_empty_store() {
    assertThat(store.save(Option.some("0123456789abcdef0123456789abcdef01234567"), DigestPromotions.none()).getLeft().kind())
        .isEqualTo(PortFailure.Kind.CONFLICT);
    assertThat(loaded()).isEmpty();
  }

  @Test
  void a_save_through_another_host_is_seen_and_makes_this_hosts_version_stale() {
    Stored first = store.save(Option.none(), DigestPromotions.restore(everyState().take(1))).get();
    DigestPromotionStore other = world.otherHost();
    Stored theirs = other.save(other.load().get().map(Stored::version), DigestPromotions.restore(everyState().take(2))).get();
    assertThat(store.save(Option.some(first.version()), DigestPromotions.none()).getLeft().kind()).isEqualTo(PortFailure.Kind.CONFLICT);
    assertThat(loaded().get().version()).isEqualTo(theirs.version());
    assertThat(loaded().get().promotions().latest()).isEqualTo(theirs.promotions().latest());
  }

  @Test
  void of_two_saves_racing_from_one_version_exactly_one_wins() throws Exception {
    Stored start = store.save(Option.none(), DigestPromotions.none()).get();
    CyclicBarrier barrier = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Either<PortFailure, Stored>> one = pool.submit(() -> {
        barrier.await();
        return store.save(Option.some(start.version()), DigestPromotions.restore(everyState().take(1)));
      });
      Future<Either<PortFailure, Stored>> two = pool.submit(() -> {
        barrier.await();
        return world.otherHost().save(Option.some(start.version()), DigestPromotions.restore(everyState().drop(1).take(1)));
      });
      List<Either<PortFailure, Stored>> results = List.of(one.get(), two.get());
      assertThat(results.filter(Either::isRight)).hasSize(1);
      assertThat(results.filter(Either::isLeft).map(r -> r.getLeft().kind())).containsExactly(PortFailure.Kind.CONFLICT);
      Stored winner = results.find(Either::isRight).get().get();
      assertThat(loaded().get().version()).isEqualTo(winner.version());
      assertThat(loaded().get().promotions().latest()).isEqualTo(winner.promotions().latest());
    } finally {
      pool.shutdownNow();
    }
  }
}
