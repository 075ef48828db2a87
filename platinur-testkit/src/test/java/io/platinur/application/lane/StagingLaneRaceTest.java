package io.platinur.application.lane;

import static io.platinur.application.lane.StagingLaneServiceTest.ANA;
import static io.platinur.application.lane.StagingLaneServiceTest.CONFIG;
import static io.platinur.application.lane.StagingLaneServiceTest.MAIN;
import static io.platinur.application.lane.StagingLaneServiceTest.STAGING;
import static io.platinur.application.lane.StagingLaneServiceTest.proposal;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.Actor;
import io.platinur.domain.batch.PromotionBatch;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.lane.RejectionReason;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.port.memory.InMemoryLaneStateStore;
import io.platinur.testkit.memory.InMemoryForge;
import io.vavr.collection.List;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Eight hosts (threads, each with its own service) apply, unapply and sync against one repository
 * and one state store at once. Afterwards no two staged proposals share a path, every reported
 * apply is staged exactly once, and every proposal rejected for overlap is absent.
 */
class StagingLaneRaceTest {
  private static final int HOSTS = 8;
  private static final int PROPOSALS_PER_HOST = 12;

  @RepeatedTest(5)
  void concurrent_hosts_never_stage_overlapping_proposals() throws Exception {
    InMemoryForge forge = new InMemoryForge(STAGING, MAIN);
    InMemoryLaneStateStore store = new InMemoryLaneStateStore(forge);
    Map<ProposalId, String> outcomes = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(HOSTS);
    try {
      List<Future<?>> hosts = List.range(0, HOSTS).map(host -> pool.submit(() -> {
        StagingLaneService lane = new StagingLaneService(CONFIG, forge, store, forge, () -> Instant.EPOCH).withMaxAttempts(1000);
        start.await();
        for (int i = 0; i < PROPOSALS_PER_HOST; i++) {
          // a shared pool of 16 files: many proposals overlap, some are disjoint
          // (upper case names overlap lower case ones: the same file on a case-insensitive checkout)
          int first = (host * 7 + i * 3) % 16;
          int second = (host + i * 5) % 16;
          String id = "h" + host + "-" + i;
          String title = "Host " + host + " change " + i;
          Proposal proposal = first == second
              ? proposal(id, title, "models/f" + first + ".sql")
              : proposal(id, title, "models/f" + first + ".sql", "models/F" + second + ".sql");
          lane.apply(proposal, ANA).fold(
              failure -> outcomes.put(proposal.id(), failure.fold(rejection -> rejection.reason().name(), unavailable -> "failed: " + unavailable.message())),
              staged -> outcomes.put(proposal.id(), "applied"));
          if (i % 5 == 4) {
            lane.syncPromotions(Actor.of("host-" + host));
          }
        }
        return null;
      }));
      start.countDown();
      for (Future<?> host : hosts) {
        host.get();
      }
    } finally {
      pool.shutdownNow();
    }

    StagingLane lane = store.load().get().get().lane();
    List<ProposalId> staged = lane.batch().proposals().map(StagedProposal::id).toList();
    assertThat(outcomes).hasSize(HOSTS * PROPOSALS_PER_HOST);
    assertThat(outcomes.values()).allMatch(o -> o.equals("applied") || o.equals(RejectionReason.FILE_OVERLAP.name()));
    assertThat(staged).doesNotHaveDuplicates().hasSizeGreaterThan(1);
    assertThat(outcomes.values()).contains(RejectionReason.FILE_OVERLAP.name());
    assertThat(staged).containsExactlyInAnyOrderElementsOf(
        List.ofAll(outcomes.entrySet()).filter(e -> e.getValue().equals("applied")).map(Map.Entry::getKey));
    assertThat(PromotionBatch.of(lane.batch().proposals())).isEqualTo(lane.batch()); // no shared path, any case
    assertThat(forge.readBatch().get().proposals()).isEqualTo(lane.batch().proposals());
    assertThat(forge.head(STAGING)).isEqualTo(lane.stagingHead());
  }
}
