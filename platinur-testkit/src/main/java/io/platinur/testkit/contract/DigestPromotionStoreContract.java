package io.platinur.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.Actor;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotionEvent;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.Promotion;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.RollbackReason;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.forge.PullRequestNumber;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.AuditEntry;
import io.platinur.port.DigestPromotionChange;
import io.platinur.port.DigestPromotionStore;
import io.platinur.port.DigestPromotionStore.Stored;
import io.platinur.port.PortFailure;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
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
 * state whole, save only by compare-and-swap on the version it handed out, and keep every save in
 * its history (events and audit entry, byte for byte), paged newest first. Subclass it per
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

  private static final AuditEntry AUDIT = new AuditEntry(Actor.of("ada"), T0, "Opened promotion PR #4 of api to staging");

  private Either<PortFailure, Stored> save(Option<String> expected, Seq<DigestPromotion> latest) {
    return store.save(expected, latest, List.empty(), AUDIT);
  }

  private static Seq<DigestPromotion> sorted(Seq<DigestPromotion> promotions) {
    return promotions.sortBy(DigestPromotion::target);
  }

  @Test
  void an_empty_store_holds_nothing() {
    assertThat(loaded()).isEmpty();
    assertThat(store.history(Option.none(), 10).get()).isEmpty();
  }

  @Test
  void every_state_reads_back_whole() {
    Stored saved = save(Option.none(), everyState()).get();
    assertThat(saved.latest()).isEqualTo(sorted(everyState()));
    Stored read = loaded().get();
    assertThat(read.version()).isEqualTo(saved.version());
    assertThat(read.latest()).isEqualTo(sorted(everyState()));
    assertThat(world.otherHost().load().get().get().latest()).isEqualTo(sorted(everyState()));
  }

  @Test
  void each_save_hands_out_a_new_version_and_the_latest_promotions_win() {
    PromotionTarget apiStaging = new PromotionTarget(API, STAGING);
    Promotion promotion = new Promotion(apiStaging, DEV, BUILT, Option.some(OLD));
    Stored first = save(Option.none(), List.of(new DigestPromotion.PrOpen(promotion, PullRequestNumber.of(1)))).get();
    DigestPromotion webOpen = new DigestPromotion.PrOpen(new Promotion(new PromotionTarget(WEB, STAGING), DEV, BUILT, Option.none()),
        PullRequestNumber.of(2));
    Stored second = save(Option.some(first.version()),
        List.of(webOpen, new DigestPromotion.Promoted(promotion, PullRequestNumber.of(1), MERGE))).get();
    assertThat(second.version()).isNotEqualTo(first.version());
    Stored read = loaded().get();
    assertThat(read.version()).isEqualTo(second.version());
    assertThat(read.latest()).containsExactly(new DigestPromotion.Promoted(promotion, PullRequestNumber.of(1), MERGE), webOpen);
  }

  @Test
  void an_empty_set_of_promotions_is_stored_too() {
    Stored saved = save(Option.none(), List.empty()).get();
    assertThat(loaded().map(Stored::version)).contains(saved.version());
    assertThat(loaded().get().latest()).isEmpty();
  }

  @Test
  void a_save_on_a_stale_version_is_a_conflict_and_changes_nothing() {
    Stored first = save(Option.none(), everyState().take(2)).get();
    Stored second = save(Option.some(first.version()), everyState().take(3)).get();
    PortFailure failure = save(Option.some(first.version()), List.empty()).getLeft();
    assertThat(failure.kind()).isEqualTo(PortFailure.Kind.CONFLICT);
    assertThat(loaded().get().version()).isEqualTo(second.version());
    assertThat(loaded().get().latest()).isEqualTo(second.latest());
    assertThat(store.history(Option.none(), 10).get().map(DigestPromotionChange::version))
        .as("the refused save left no history").containsExactly(second.version(), first.version());
  }

  @Test
  void a_first_save_when_something_is_stored_is_a_conflict() {
    Stored first = save(Option.none(), everyState().take(1)).get();
    assertThat(save(Option.none(), List.empty()).getLeft().kind()).isEqualTo(PortFailure.Kind.CONFLICT);
    assertThat(loaded().get().version()).isEqualTo(first.version());
  }

  @Test
  void a_version_never_handed_out_is_a_conflict_even_on_an_empty_store() {
    assertThat(save(Option.some("0123456789abcdef0123456789abcdef01234567"), List.empty()).getLeft().kind())
        .isEqualTo(PortFailure.Kind.CONFLICT);
    assertThat(loaded()).isEmpty();
  }

  @Test
  void a_save_through_another_host_is_seen_and_makes_this_hosts_version_stale() {
    Stored first = save(Option.none(), everyState().take(1)).get();
    DigestPromotionStore other = world.otherHost();
    Stored theirs = other.save(other.load().get().map(Stored::version), everyState().take(2), List.empty(), AUDIT).get();
    assertThat(save(Option.some(first.version()), List.empty()).getLeft().kind()).isEqualTo(PortFailure.Kind.CONFLICT);
    assertThat(loaded().get().version()).isEqualTo(theirs.version());
    assertThat(loaded().get().latest()).isEqualTo(theirs.latest());
  }

  @Test
  void of_two_saves_racing_from_one_version_exactly_one_wins() throws Exception {
    Stored start = save(Option.none(), List.empty()).get();
    CyclicBarrier barrier = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Either<PortFailure, Stored>> one = pool.submit(() -> {
        barrier.await();
        return store.save(Option.some(start.version()), everyState().take(1), List.empty(), AUDIT);
      });
      Future<Either<PortFailure, Stored>> two = pool.submit(() -> {
        barrier.await();
        return world.otherHost().save(Option.some(start.version()), everyState().drop(1).take(1), List.empty(), AUDIT);
      });
      List<Either<PortFailure, Stored>> results = List.of(one.get(), two.get());
      assertThat(results.filter(Either::isRight)).hasSize(1);
      assertThat(results.filter(Either::isLeft).map(r -> r.getLeft().kind())).containsExactly(PortFailure.Kind.CONFLICT);
      Stored winner = results.find(Either::isRight).get().get();
      assertThat(loaded().get().version()).isEqualTo(winner.version());
      assertThat(loaded().get().latest()).isEqualTo(winner.latest());
      assertThat(store.history(Option.none(), 10).get()).hasSize(2);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- the history --------------------------------------------------------------------------

  /** One event of every kind, about {@code target}. */
  protected static List<DigestPromotionEvent> everyEvent(PromotionTarget target) {
    PullRequestNumber pr = PullRequestNumber.of(4);
    PullRequestNumber revertPr = PullRequestNumber.of(5);
    return List.<DigestPromotionEvent>of(
            new DigestPromotionEvent.PromotionProposed(new Promotion(target, STAGING, BUILT, Option.some(OLD))),
            new DigestPromotionEvent.PromotionProposed(new Promotion(target, STAGING, BUILT, Option.none())),
            new DigestPromotionEvent.DigestPrOpened(target, pr),
            new DigestPromotionEvent.DigestPrClosed(target, pr),
            new DigestPromotionEvent.DigestPrMerged(target, pr, MERGE),
            new DigestPromotionEvent.CanaryStarted(target, T0.plusMillis(1234)),
            new DigestPromotionEvent.PromotionCompleted(target),
            new DigestPromotionEvent.RollbackClosed(target, revertPr),
            new DigestPromotionEvent.PromotionRolledBack(target, revertPr, REVERT))
        .appendAll(List.of(RollbackReason.values()).map(reason -> new DigestPromotionEvent.RollbackOpened(target, revertPr, reason)));
  }

  @Test
  void every_save_is_in_the_history_newest_first_with_its_events_and_audit_entry_byte_for_byte() {
    PromotionTarget apiProd = new PromotionTarget(API, PROD);
    AuditEntry odd = new AuditEntry(Actor.of("Zoë ‘the’ reviewer"), T0.plusSeconds(61).plusNanos(5_000),
        "Synced\tthe → digest promotions: 100% done\nsecond line");
    Stored first = store.save(Option.none(), everyState().take(1), everyEvent(apiProd), odd).get();
    Stored second = store.save(Option.some(first.version()), everyState().take(2), List.empty(), AUDIT).get();
    Seq<DigestPromotionChange> history = store.history(Option.none(), 10).get();
    assertThat(history).containsExactly(
        new DigestPromotionChange(second.version(), List.empty(), AUDIT),
        new DigestPromotionChange(first.version(), everyEvent(apiProd), odd));
    assertThat(world.otherHost().history(Option.none(), 10).get()).isEqualTo(history);
  }

  @Test
  void the_history_is_read_a_page_at_a_time_from_a_version_on() {
    Seq<String> versions = List.empty();
    Option<String> version = Option.none();
    for (int n = 0; n < 5; n++) {
      Stored saved = store.save(version, everyState().take(n), List.empty(),
          new AuditEntry(Actor.of("host-" + n), T0.plusSeconds(n), "change " + n)).get();
      version = Option.some(saved.version());
      versions = versions.prepend(saved.version());
    }
    Seq<DigestPromotionChange> page = store.history(Option.none(), 2).get();
    assertThat(page.map(DigestPromotionChange::version)).containsExactlyElementsOf(versions.take(2));
    assertThat(page.map(change -> change.audit().action())).containsExactly("change 4", "change 3");
    Seq<DigestPromotionChange> next = store.history(Option.some(page.last().version()), 2).get();
    assertThat(next.map(DigestPromotionChange::version)).containsExactlyElementsOf(versions.drop(2).take(2));
    Seq<DigestPromotionChange> last = store.history(Option.some(next.last().version()), 2).get();
    assertThat(last.map(DigestPromotionChange::version)).containsExactlyElementsOf(versions.drop(4));
    assertThat(store.history(Option.some(last.last().version()), 2).get()).as("exhausted").isEmpty();
  }

  @Test
  void a_page_of_less_than_one_change_or_after_an_unknown_version_is_refused() {
    Stored saved = save(Option.none(), List.empty()).get();
    assertThat(store.history(Option.none(), 0).getLeft().kind()).isEqualTo(PortFailure.Kind.INVALID_REQUEST);
    assertThat(store.history(Option.some(saved.version() + "0"), 5).getLeft().kind()).isEqualTo(PortFailure.Kind.NOT_FOUND);
    assertThat(store.history(Option.some("0123456789abcdef0123456789abcdef01234567"), 5).getLeft().kind()).isEqualTo(PortFailure.Kind.NOT_FOUND);
  }
}
