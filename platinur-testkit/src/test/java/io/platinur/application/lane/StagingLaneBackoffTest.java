package io.platinur.application.lane;

import static io.platinur.application.lane.StagingLaneServiceTest.ANA;
import static io.platinur.application.lane.StagingLaneServiceTest.CONFIG;
import static io.platinur.application.lane.StagingLaneServiceTest.MAIN;
import static io.platinur.application.lane.StagingLaneServiceTest.STAGING;
import static io.platinur.application.lane.StagingLaneServiceTest.proposal;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Actor;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.lane.ApplyRejection;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.port.AuditEntry;
import io.platinur.port.LaneChange;
import io.platinur.port.LaneStateStore;
import io.platinur.port.PortFailure;
import io.platinur.port.RetryBackoff;
import io.platinur.port.memory.InMemoryLaneStateStore;
import io.platinur.testkit.memory.InMemoryForge;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A lane change that loses compare-and-swap races: between two attempts the transaction asks the
 * {@link RetryBackoff} to wait, once per lost race and never after the last attempt, and counts the
 * retry where a host reads it ({@link StagingLaneService#retriesTaken()}). The races here are real:
 * a rival host applies its own proposal through the same store just before each losing save.
 */
class StagingLaneBackoffTest {
  private static final Instant NOW = Instant.parse("2026-12-02T02:00:00Z");

  final InMemoryForge forge = new InMemoryForge(STAGING, MAIN);
  final InMemoryLaneStateStore store = new InMemoryLaneStateStore(forge);
  final StagingLaneService rival = new StagingLaneService(CONFIG, forge, store, forge, () -> NOW);
  final java.util.List<Integer> waits = new ArrayList<>();
  final RetryBackoff recording = waits::add;

  /** The store as the writer under test sees it: its first {@code losing} saves each lose a race to the rival. */
  final class RivalBeforeSave implements LaneStateStore {
    private final int losing;
    private int saves;

    RivalBeforeSave(int losing) {
      this.losing = losing;
    }

    @Override
    public Either<PortFailure, Option<StoredLane>> load() {
      return store.load();
    }

    @Override
    public Either<PortFailure, StoredLane> save(Option<LaneVersion> expected, StagingLane next, Seq<LaneEvent> events, AuditEntry audit) {
      if (saves++ < losing) {
        assertThat(rival.apply(proposal("rival-" + saves, "Rival change " + saves, "rival/f" + saves + ".sql"), ANA).isRight()).isTrue();
      }
      return store.save(expected, next, events, audit);
    }

    @Override
    public Either<PortFailure, Seq<LaneChange>> history() {
      return store.history();
    }
  }

  private StagingLaneService writer(int losing, int attempts) {
    return new StagingLaneService(CONFIG, forge, new RivalBeforeSave(losing), forge, () -> NOW)
        .withBackoff(recording)
        .withMaxAttempts(attempts);
  }

  @Nested
  class When_races_are_lost {
    @Test
    void waits_before_each_retry_with_its_number_and_then_applies() {
      StagingLaneService lane = writer(3, 8);

      Either<UseCaseFailure<ApplyRejection>, StagedProposal> applied = lane.apply(proposal("p-1", "Add orders model", "models/orders.sql"), ANA);

      assertThat(applied.isRight()).as("%s", applied).isTrue();
      assertThat(waits).containsExactly(1, 2, 3);
      assertThat(lane.retriesTaken()).isEqualTo(3);
      assertThat(store.load().get().get().lane().batch().proposals().map(StagedProposal::id))
          .containsExactly(ProposalId.of("rival-1"), ProposalId.of("rival-2"), ProposalId.of("rival-3"), ProposalId.of("p-1"));
      assertThat(forge.head(STAGING)).isEqualTo(store.load().get().get().lane().stagingHead());
    }

    @Test
    void retries_are_counted_across_calls_and_start_from_zero_on_a_new_service() {
      StagingLaneService lane = writer(2, 8);
      lane.apply(proposal("p-1", "One", "models/one.sql"), ANA);
      lane.apply(proposal("p-2", "Two", "models/two.sql"), ANA);

      assertThat(lane.retriesTaken()).isEqualTo(2);
      assertThat(lane.withMaxAttempts(8).retriesTaken()).isZero();
    }

    @Test
    void a_lane_that_keeps_changing_ends_after_the_last_attempt_without_a_last_wait() {
      StagingLaneService lane = writer(Integer.MAX_VALUE, 5);

      Either<UseCaseFailure<ApplyRejection>, StagedProposal> applied = lane.apply(proposal("p-1", "Add orders model", "models/orders.sql"), ANA);

      assertThat(applied.isLeft()).isTrue();
      assertThat(applied.getLeft()).isInstanceOfSatisfying(UseCaseFailure.Unavailable.class,
          unavailable -> assertThat(unavailable.failure().kind()).isEqualTo(PortFailure.Kind.CONFLICT));
      assertThat(applied.getLeft().message())
          .isEqualTo("The staging lane kept changing while this ran (5 attempts). Sync Promotions, then try again.");
      assertThat(waits).containsExactly(1, 2, 3, 4);
      assertThat(lane.retriesTaken()).isEqualTo(4);
      assertThat(store.load().get().get().lane().batch().proposals().map(StagedProposal::id))
          .doesNotContain(ProposalId.of("p-1"));
    }
  }

  @Nested
  class When_no_race_is_lost {
    @Test
    void never_waits() {
      StagingLaneService lane = writer(0, 8);

      assertThat(lane.apply(proposal("p-1", "Add orders model", "models/orders.sql"), ANA).isRight()).isTrue();
      assertThat(lane.discardBatch(Actor.of("ana")).isRight()).isTrue();

      assertThat(waits).isEmpty();
      assertThat(lane.retriesTaken()).isZero();
    }
  }

  @Test
  void the_default_retries_at_once_up_to_100_attempts() {
    StagingLaneService lane = new StagingLaneService(CONFIG, forge, new RivalBeforeSave(Integer.MAX_VALUE), forge, () -> NOW);

    Either<UseCaseFailure<ApplyRejection>, StagedProposal> applied = lane.apply(proposal("p-1", "Add orders model", "models/orders.sql"), ANA);

    assertThat(applied.getLeft().message())
        .isEqualTo("The staging lane kept changing while this ran (100 attempts). Sync Promotions, then try again.");
    assertThat(lane.retriesTaken()).isEqualTo(99);
    assertThat(List.ofAll(store.load().get().get().lane().batch().proposals()).size()).isEqualTo(100);
  }
}
