package io.platinur.application.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.Actor;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.PromotionTarget;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.digest.DigestPromotion;
import io.platinur.domain.digest.DigestPromotionEvent;
import io.platinur.port.AuditEntry;
import io.platinur.port.DigestPromotionChange;
import io.platinur.port.DigestPromotionStore;
import io.platinur.port.PortFailure;
import io.platinur.port.WriteBudget;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.platinur.port.memory.InMemoryDigestPromotionStore;
import io.platinur.testkit.memory.InMemoryGitOps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The digest use cases consult their {@link WriteBudget} once before every write, and write only
 * once it returned: a branch push, opening a PR, a merge, every save of the record. Reads never
 * wait; a refused command (nothing to write) asks for nothing.
 */
class DigestPromotionWriteBudgetTest {
  private static final ServiceName API = ServiceName.of("api");
  private static final ServiceName WEB = ServiceName.of("web");
  private static final EnvironmentName DEV = EnvironmentName.of("dev");
  private static final EnvironmentName STAGING = EnvironmentName.of("staging");
  private static final EnvironmentName PROD = EnvironmentName.of("prod");
  private static final BranchName MAIN = BranchName.of("main");

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
  private final InMemoryGitOps gitops = new InMemoryGitOps(MAIN, PinLayout.standard(),
      Pins.none().with(DEV, API, digest("a1")).with(STAGING, API, digest("b2")).with(PROD, API, digest("c3"))
          .with(DEV, WEB, digest("d4")).with(STAGING, WEB, digest("e5")).with(PROD, WEB, digest("f6")), now::get);
  private final InMemoryDigestPromotionStore store = new InMemoryDigestPromotionStore();
  /** Every save asked of the store, won or lost. */
  private final List<String> saves = new ArrayList<>();
  private final DigestPromotionStore countingStore = new DigestPromotionStore() {
    @Override
    public Either<PortFailure, Option<Stored>> load() {
      return store.load();
    }

    @Override
    public Either<PortFailure, Stored> save(Option<String> expected, Seq<DigestPromotion> latest, Seq<DigestPromotionEvent> events,
        AuditEntry audit) {
      Either<PortFailure, Stored> saved = store.save(expected, latest, events, audit);
      saves.add(audit.actor().name() + (saved.isRight() ? " saved" : " lost"));
      return saved;
    }

    @Override
    public Either<PortFailure, Seq<DigestPromotionChange>> history(Option<String> before, int limit) {
      return store.history(before, limit);
    }
  };
  /** Each write asked for, with what the forge and the store held at that moment. */
  private final List<String> asked = new ArrayList<>();
  private final DigestPromotionService service = new DigestPromotionService(PromotionPath.standard(), PinLayout.standard(), MAIN,
      new DigestPromotionService.Ports(gitops, gitops, gitops, gitops, gitops, gitops, gitops, gitops, store), now::get)
      .withWriteBudget(write -> {
        asked.add(write + " (PRs " + gitops.pullCount() + ", saves " + store.history(Option.none(), 100).get().size() + ")");
        // the budget decides when: here it waits a minute of the test's clock
        now.set(now.get().plus(Duration.ofMinutes(1)));
      });

  DigestPromotionWriteBudgetTest() {
    for (EnvironmentName env : List.of(DEV, STAGING, PROD)) {
      gitops.pinsAt(gitops.head(MAIN)).manifest(env).services()
          .forEach((svc, d) -> gitops.deploy(env, svc, d, DeploymentState.SUCCESS, now.get().minus(Duration.ofDays(1))));
    }
  }

  private static ImageDigest digest(String pair) {
    return ImageDigest.of("sha256:" + pair.repeat(32));
  }

  @Test
  void every_write_of_a_promotion_waits_for_the_budget_before_it_is_made() {
    assertThat(service.promote(PromoteRequest.of(API, STAGING), Actor.of("alice")).isRight()).isTrue();
    assertThat(asked).containsExactly("PUSH (PRs 0, saves 0)", "CONTENT_CREATING (PRs 0, saves 0)", "PUSH (PRs 1, saves 0)");

    asked.clear();
    assertThat(service.complete(new PromotionTarget(API, STAGING), Actor.of("cron")).isRight()).isTrue();
    assertThat(asked).as("the merge, then the save that records it").containsExactly("MERGE (PRs 1, saves 1)", "PUSH (PRs 1, saves 1)");
    assertThat(gitops.pinsAt(gitops.head(MAIN)).pin(STAGING, API)).contains(digest("a1"));
  }

  /** A host whose record save waits while {@code other} promotes {@code meanwhile} into staging and saves. */
  private DigestPromotionService waitingWhile(ServiceName meanwhile, DigestPromotionService.Ports ports) {
    DigestPromotionService other = new DigestPromotionService(PromotionPath.standard(), PinLayout.standard(), MAIN, ports, now::get);
    int[] pushes = {0};
    return new DigestPromotionService(PromotionPath.standard(), PinLayout.standard(), MAIN, ports, now::get)
        .withWriteBudget(write -> {
          if (write == WriteBudget.Write.PUSH && ++pushes[0] == 2) {
            other.promote(PromoteRequest.of(meanwhile, STAGING), Actor.of("bob"));
          }
        });
  }

  private DigestPromotionService.Ports countingPorts() {
    return new DigestPromotionService.Ports(gitops, gitops, gitops, gitops, gitops, gitops, gitops, gitops, countingStore);
  }

  @Test
  void a_save_that_waited_while_another_service_was_saved_saves_on_top_of_it() {
    DigestPromotionService waiting = waitingWhile(WEB, countingPorts());

    assertThat(waiting.promote(PromoteRequest.of(API, STAGING), Actor.of("alice")).isRight()).isTrue();

    assertThat(saves).as("no save pushed to lose").containsExactly("bob saved", "alice saved");
    assertThat(waiting.retriesTaken()).as("nothing decided again").isZero();
    assertThat(gitops.pullCount()).isEqualTo(2);
    assertThat(waiting.promotions().get().latest(new PromotionTarget(API, STAGING)).get()).isInstanceOf(DigestPromotion.PrOpen.class);
    assertThat(waiting.promotions().get().latest(new PromotionTarget(WEB, STAGING)).get()).isInstanceOf(DigestPromotion.PrOpen.class);
  }

  @Test
  void a_save_that_waited_while_its_own_target_was_saved_decides_again() {
    DigestPromotionService waiting = waitingWhile(API, countingPorts());

    Either<?, DigestPromotion.PrOpen> result = waiting.promote(PromoteRequest.of(API, STAGING), Actor.of("alice"));

    assertThat(saves).as("the waiting save never reached the store").containsExactly("bob saved");
    assertThat(waiting.retriesTaken()).isEqualTo(1);
    assertThat(result.isLeft()).isTrue();
    assertThat(result.getLeft().toString()).contains("PromotionInProgress");
    assertThat(gitops.pullCount()).as("one PR, opened once").isEqualTo(1);
  }

  @Test
  void without_waiting_a_save_goes_straight_to_the_store() {
    assertThat(WriteBudget.none().waits()).isFalse();
    DigestPromotionService unpaced = new DigestPromotionService(PromotionPath.standard(), PinLayout.standard(), MAIN,
        new DigestPromotionService.Ports(gitops, gitops, gitops, gitops, gitops, gitops, gitops, gitops, countingStore), now::get);
    assertThat(unpaced.promote(PromoteRequest.of(API, STAGING), Actor.of("alice")).isRight()).isTrue();
    assertThat(saves).containsExactly("alice saved");
  }

  @Test
  void a_refused_command_and_a_read_ask_the_budget_for_nothing() {
    assertThat(service.promote(PromoteRequest.of(API, DEV), Actor.of("alice")).isLeft()).isTrue();
    assertThat(service.board().isRight()).isTrue();
    assertThat(service.evaluate(new PromotionTarget(API, PROD)).isLeft()).isTrue();
    assertThat(asked).isEmpty();
  }

  @Test
  void without_a_budget_the_service_writes_at_once() {
    DigestPromotionService unpaced = new DigestPromotionService(PromotionPath.standard(), PinLayout.standard(), MAIN,
        new DigestPromotionService.Ports(gitops, gitops, gitops, gitops, gitops, gitops, gitops, gitops, store), now::get);
    Instant before = now.get();
    assertThat(unpaced.promote(PromoteRequest.of(API, STAGING), Actor.of("alice")).isRight()).isTrue();
    assertThat(now.get()).isEqualTo(before);
    assertThat(gitops.pullCount()).isEqualTo(1);
  }
}
