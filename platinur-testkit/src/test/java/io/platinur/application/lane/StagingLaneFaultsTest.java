package io.platinur.application.lane;

import static io.platinur.application.lane.StagingLaneServiceTest.ANA;
import static io.platinur.application.lane.StagingLaneServiceTest.CONFIG;
import static io.platinur.application.lane.StagingLaneServiceTest.MAIN;
import static io.platinur.application.lane.StagingLaneServiceTest.STAGING;
import static io.platinur.application.lane.StagingLaneServiceTest.proposal;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Actor;
import io.platinur.domain.batch.PromotionBatch;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.lane.ApplyRejection;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.lane.UnapplyRejection;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.port.PortFailure;
import io.platinur.port.memory.InMemoryLaneStateStore;
import io.platinur.testkit.memory.InMemoryForge;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A failure injected at every port call of the lifecycle, before the call does anything and after
 * it did its work, followed by Sync Promotions: no proposal lost or doubled, the lane consistent
 * with Git and usable.
 */
class StagingLaneFaultsTest {
  private static final Proposal ORDERS = proposal("p-1", "Add orders model", "models/orders.sql");
  private static final Proposal CUSTOMERS = proposal("p-2", "Add customers model", "models/customers.sql");
  private static final Proposal REWORK = proposal("p-3", "Rework orders", "models/orders.sql", "models/schema.yml");
  private static final Proposal PAYMENTS = proposal("p-4", "Add payments", "models/payments.sql");
  private static final Proposal REFUNDS = proposal("p-5", "Add refunds", "models/refunds.sql");

  /** Runs the lifecycle; returns the ids whose apply was reported successful and not undone. */
  private static Set<ProposalId> lifecycle(StagingLaneService lane) {
    Set<ProposalId> applied = HashSet.empty();
    applied = record(applied, ORDERS, lane.apply(ORDERS, ANA));
    applied = record(applied, CUSTOMERS, lane.apply(CUSTOMERS, ANA));
    applied = record(applied, REWORK, lane.apply(REWORK, ANA));
    Either<UseCaseFailure<UnapplyRejection>, StagingLane> unapplied = lane.unapply(CUSTOMERS.id(), ANA);
    if (unapplied.isRight() || outcomeUnknown(unapplied)) {
      applied = applied.remove(CUSTOMERS.id()); // it may have left staging: Git decides
    }
    applied = record(applied, PAYMENTS, lane.apply(PAYMENTS, ANA));
    lane.openPromotionPr(Actor.of("ana"));
    applied = record(applied, REFUNDS, lane.apply(REFUNDS, ANA));
    lane.mergePromotionPr(Actor.of("ana"));
    lane.syncPromotions(Actor.of("ana"));
    return applied;
  }

  private static boolean outcomeUnknown(Either<? extends UseCaseFailure<?>, ?> outcome) {
    return outcome.isLeft()
        && outcome.getLeft() instanceof UseCaseFailure.Unavailable unavailable
        && unavailable.failure().kind() == PortFailure.Kind.UNKNOWN_OUTCOME;
  }

  private static Set<ProposalId> record(Set<ProposalId> applied, Proposal proposal, Either<UseCaseFailure<ApplyRejection>, StagedProposal> outcome) {
    return outcome.isRight() ? applied.add(proposal.id()) : applied;
  }

  private record World(InMemoryForge forge, InMemoryLaneStateStore store, StagingLaneService lane) {
    static World fresh() {
      InMemoryForge forge = new InMemoryForge(STAGING, MAIN);
      InMemoryLaneStateStore store = new InMemoryLaneStateStore(forge);
      return new World(forge, store, new StagingLaneService(CONFIG, forge, store, forge, () -> Instant.EPOCH));
    }
  }

  private static int countPortCalls() {
    World world = World.fresh();
    AtomicInteger calls = new AtomicInteger();
    world.forge().injectFaults(call -> {
      calls.incrementAndGet();
      return Option.none();
    });
    lifecycle(world.lane());
    return calls.get();
  }

  @Test
  void every_injected_fault_is_repaired_by_the_next_sync() {
    int points = countPortCalls();
    assertThat(points).isGreaterThan(20);
    for (boolean afterTheWork : new boolean[] {false, true}) {
      for (int point = 1; point <= points; point++) {
        World world = World.fresh();
        AtomicInteger calls = new AtomicInteger();
        int target = point;
        PortFailure failure = PortFailure.of(afterTheWork ? PortFailure.Kind.UNKNOWN_OUTCOME : PortFailure.Kind.UNAVAILABLE, "injected");
        world.forge().injectFaults(new InMemoryForge.Faults() {
          private boolean hit(String call) {
            return calls.get() == target;
          }

          @Override
          public Option<PortFailure> before(String call) {
            calls.incrementAndGet();
            return !afterTheWork && hit(call) ? Option.some(failure) : Option.none();
          }

          @Override
          public Option<PortFailure> after(String call) {
            return afterTheWork && hit(call) ? Option.some(failure) : Option.none();
          }
        });
        Set<ProposalId> reportedApplied = lifecycle(world.lane());
        world.forge().injectFaults(InMemoryForge.Faults.NONE);

        assertThat(calls.get()).as("the fault at port call %d was reached", point).isGreaterThanOrEqualTo(point);
        assertRepairedAndUsable(world, reportedApplied, "fault " + (afterTheWork ? "after" : "before") + " port call " + point);
      }
    }
  }

  private static void assertRepairedAndUsable(World world, Set<ProposalId> reportedApplied, String scenario) {
    StagingLane lane = world.lane().syncPromotions(Actor.of("ana")).get().lane();
    if (lane.lock() instanceof ReleaseLock.PromotionPrOpen) {
      lane = world.lane().mergePromotionPr(Actor.of("ana")).get().lane();
    }
    StagingLane stored = world.store().load().get().get().lane();
    assertThat(stored).as(scenario).isEqualTo(lane);
    assertThat(lane.stagingHead()).as(scenario).isEqualTo(world.forge().head(STAGING));
    assertThat(world.forge().readBatch().get().proposals()).as(scenario).isEqualTo(lane.batch().proposals());

    List<ProposalId> everywhere = lane.batch().proposals().map(StagedProposal::id).toList().appendAll(lane.deployed());
    assertThat(everywhere).as(scenario + ": nothing doubled").doesNotHaveDuplicates();
    assertThat(everywhere).as(scenario + ": nothing lost").containsAll(reportedApplied);
    assertThat(PromotionBatch.of(lane.batch().proposals())).as(scenario).isEqualTo(lane.batch());

    Proposal next = proposal("p-next", "Next batch", "models/next.sql");
    assertThat(world.lane().apply(next, ANA).isRight()).as(scenario + ": lane usable").isTrue();
  }
}
