package io.platinur.application.lane;

import static io.platinur.application.lane.StagingLaneServiceTest.ANA;
import static io.platinur.application.lane.StagingLaneServiceTest.CONFIG;
import static io.platinur.application.lane.StagingLaneServiceTest.CUSTOMERS;
import static io.platinur.application.lane.StagingLaneServiceTest.MAIN;
import static io.platinur.application.lane.StagingLaneServiceTest.ORDERS;
import static io.platinur.application.lane.StagingLaneServiceTest.STAGING;
import static io.platinur.application.lane.StagingLaneServiceTest.proposal;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.Actor;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.port.LaneStateStore;
import io.platinur.port.PullRequestHost;
import io.platinur.port.StagingRepository;
import io.platinur.port.memory.InMemoryLaneStateStore;
import io.platinur.testkit.memory.InMemoryForge;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What Sync Promotions costs, counted in port calls: the use cases run over the in-memory ports
 * behind a wrapper that counts every call by port and method.
 */
class StagingLaneSyncCostTest {
  final InMemoryForge forge = new InMemoryForge(STAGING, MAIN);
  final InMemoryLaneStateStore memoryStore = new InMemoryLaneStateStore(forge);
  final Calls calls = new Calls();
  final StagingLaneService lane = new StagingLaneService(CONFIG,
      calls.counting("repository", StagingRepository.class, forge),
      calls.counting("store", LaneStateStore.class, memoryStore),
      calls.counting("pulls", PullRequestHost.class, forge),
      () -> Instant.parse("2026-11-24T10:00:00Z"));

  /** Counts the calls made through the ports it wraps. */
  static final class Calls {
    private Map<String, Integer> counted = HashMap.empty();

    <P> P counting(String port, Class<P> type, P target) {
      InvocationHandler handler = (proxy, method, args) -> {
        if (method.getDeclaringClass() != Object.class) {
          counted = counted.put(port + "." + method.getName(), counted.get(port + "." + method.getName()).getOrElse(0) + 1);
        }
        try {
          return method.invoke(target, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      };
      return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    Map<String, Integer> takeAll() {
      Map<String, Integer> all = counted;
      counted = HashMap.empty();
      return all;
    }
  }

  @Nested
  class An_unchanged_lane {
    @BeforeEach
    void stage_and_sync() {
      lane.apply(ORDERS, ANA).get();
      lane.apply(CUSTOMERS, ANA).get();
      lane.syncPromotions(Actor.of("ana")).get();
      calls.takeAll();
    }

    @Test
    void unlocked_sync_reads_the_lane_once_each_head_once_looks_for_an_open_pr_and_writes_nothing() {
      int saved = memoryStore.history().get().size();
      SyncResult synced = lane.syncPromotions(Actor.of("ana")).get();

      assertThat(calls.takeAll()).isEqualTo(HashMap.of(
          "repository.removeAbandonedLocks", 1,
          "repository.heads", 1,
          "store.load", 1,
          // a PR opened on the forge outside Platinur locks an unlocked lane: it has to be looked for
          "pulls.findOpenPromotionPr", 1));
      assertThat(synced.events()).isEmpty();
      assertThat(synced.repaired()).isFalse();
      assertThat(memoryStore.history().get()).hasSize(saved);
    }

    @Test
    void with_its_promotion_pr_open_sync_reads_that_pr_state_and_looks_for_no_other() {
      PromotionPullRequest pr = lane.openPromotionPr(Actor.of("ana")).get();
      calls.takeAll();
      int saved = memoryStore.history().get().size();

      SyncResult synced = lane.syncPromotions(Actor.of("ana")).get();

      assertThat(calls.takeAll()).isEqualTo(HashMap.of(
          "repository.removeAbandonedLocks", 1,
          "repository.heads", 1,
          "store.load", 1,
          "pulls.state", 1));
      assertThat(synced.lane().lock().isLocked()).isTrue();
      assertThat(synced.lane().lock()).isEqualTo(new io.platinur.domain.lock.ReleaseLock.PromotionPrOpen(pr.number()));
      assertThat(memoryStore.history().get()).hasSize(saved);
    }

    @Test
    void after_a_release_sync_again_costs_the_same_as_on_a_lane_never_released() {
      lane.openPromotionPr(Actor.of("ana")).get();
      lane.mergePromotionPr(Actor.of("ana")).get();
      assertThat(lane.lane().get().deployed()).hasSize(2);
      lane.apply(proposal("p-9", "Add payments model", "models/payments.sql"), ANA).get();
      calls.takeAll();

      lane.syncPromotions(Actor.of("ana")).get();

      assertThat(calls.takeAll()).isEqualTo(HashMap.of(
          "repository.removeAbandonedLocks", 1,
          "repository.heads", 1,
          "store.load", 1,
          "pulls.findOpenPromotionPr", 1));
    }
  }

  @Nested
  class A_lane_whose_staging_branch_moved_outside_platinur {
    @Test
    void sync_reads_the_batch_back_from_git_and_repairs_the_lane() {
      lane.apply(ORDERS, ANA).get();
      // a commit pushed to staging by hand: the lane no longer knows the branch's head
      var head = forge.head(STAGING);
      var pushed = forge.writeProposalCommit(head, CUSTOMERS, ANA).get();
      forge.moveStaging(head, pushed).get();
      calls.takeAll();

      SyncResult synced = lane.syncPromotions(Actor.of("ana")).get();

      assertThat(synced.repaired()).isTrue();
      assertThat(synced.lane().stagingHead()).isEqualTo(pushed);
      assertThat(calls.takeAll().get("repository.readBatch")).contains(1);
      assertThat(memoryStore.history().get().last().audit().action()).isEqualTo(LaneRepair.REPAIRED);
    }
  }
}
