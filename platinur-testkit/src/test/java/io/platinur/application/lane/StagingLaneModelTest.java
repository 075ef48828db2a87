package io.platinur.application.lane;

import static io.platinur.application.lane.StagingLaneServiceTest.ANA;
import static io.platinur.application.lane.StagingLaneServiceTest.CONFIG;
import static io.platinur.application.lane.StagingLaneServiceTest.MAIN;
import static io.platinur.application.lane.StagingLaneServiceTest.STAGING;
import static io.platinur.application.lane.StagingLaneServiceTest.proposal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Actor;
import io.platinur.domain.batch.PromotionBatch;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.lane.CommandRejection;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.NoPromotionPr;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.port.PortFailure;
import io.platinur.port.memory.InMemoryLaneStateStore;
import io.platinur.testkit.memory.InMemoryForge;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of use-case calls, some with a fault injected at a random port call. A call
 * that ran without a fault must answer exactly what the domain aggregate decides on the lane as
 * it was; after every call, a fault-free Sync Promotions must leave a lane that agrees with Git,
 * with nothing lost or doubled.
 */
class StagingLaneModelTest {
  /** Proposals over six files; ids 0..9, some overlapping. */
  private static Proposal candidate(int index) {
    String[] files = {"models/a.sql", "models/b.sql", "models/c.sql", "models/d.sql", "models/A.sql", "models/e.sql"};
    return proposal("p-" + index, "Proposal " + index, files[index % 6], files[(index * 5 + 1) % 6].equals(files[index % 6])
        ? "docs/p" + index + ".md" : files[(index * 5 + 1) % 6]);
  }

  /** A command is encoded as an int: its kind, its proposal and whether a fault is injected. */
  private record Command(int kind, int proposal, int faultAt, boolean faultAfter) {
    static Command decode(int code) {
      int kind = code % 8;
      int proposal = (code / 8) % 10;
      int fault = (code / 80) % 12; // 0..3: a fault at that port call; otherwise none
      return new Command(kind, proposal, fault < 4 ? fault + 1 : 0, (code / 960) % 2 == 1);
    }
  }

  private static final AtomicInteger RELEASES = new AtomicInteger();
  private static final AtomicInteger FAULTED_CALLS = new AtomicInteger();
  private static final AtomicInteger REJECTIONS = new AtomicInteger();

  @Test
  void random_use_case_sequences_with_faults_keep_every_invariant() {
    qt().withExamples(150).withShrinkCycles(200)
        .forAll(lists().of(integers().between(0, 1919)).ofSizeBetween(1, 25))
        .checkAssert(codes -> run(List.ofAll(codes).map(Command::decode)));
    // the sequences reached every interesting place, not only the easy ones
    assertThat(RELEASES.get()).as("releases finalized").isPositive();
    assertThat(FAULTED_CALLS.get()).as("calls that met a fault").isPositive();
    assertThat(REJECTIONS.get()).as("calls rejected by a rule").isPositive();
  }

  private static void run(Seq<Command> commands) {
    InMemoryForge forge = new InMemoryForge(STAGING, MAIN);
    InMemoryLaneStateStore store = new InMemoryLaneStateStore(forge);
    StagingLaneService lane = new StagingLaneService(CONFIG, forge, store, forge, () -> Instant.EPOCH);
    Set<ProposalId> surelyStaged = HashSet.empty();
    for (Command command : commands) {
      StagingLane before = lane.syncPromotions(Actor.of("model")).get().lane();
      AtomicInteger calls = new AtomicInteger();
      forge.injectFaults(new InMemoryForge.Faults() {
        @Override
        public Option<PortFailure> before(String call) {
          return calls.incrementAndGet() == command.faultAt() && !command.faultAfter()
              ? Option.some(PortFailure.of(PortFailure.Kind.UNAVAILABLE, "injected")) : Option.none();
        }

        @Override
        public Option<PortFailure> after(String call) {
          return calls.get() == command.faultAt() && command.faultAfter()
              ? Option.some(PortFailure.of(PortFailure.Kind.UNKNOWN_OUTCOME, "injected")) : Option.none();
        }
      });
      Proposal proposal = candidate(command.proposal());
      Either<? extends UseCaseFailure<?>, ?> outcome = execute(lane, command.kind(), proposal);
      forge.injectFaults(InMemoryForge.Faults.NONE);
      boolean faulted = outcome.isLeft() && outcome.getLeft() instanceof UseCaseFailure.Unavailable;
      if (faulted) {
        FAULTED_CALLS.incrementAndGet();
      } else if (outcome.isLeft()) {
        REJECTIONS.incrementAndGet();
      }

      if (!faulted) {
        Option<CommandRejection> predicted = predictedRejection(before, command.kind(), proposal);
        if (predicted.isDefined()) {
          assertThat(outcome.getLeft()).as("%s on %s", command, before)
              .isEqualTo(UseCaseFailure.rejected(predicted.get()));
        } else {
          assertThat(outcome.isRight()).as("%s on %s: %s", command, before, outcome).isTrue();
        }
      }
      if (command.kind() == 0 && outcome.isRight()) {
        surelyStaged = surelyStaged.add(proposal.id());
      }
      if ((command.kind() == 1 || command.kind() == 2) && (outcome.isRight() || faulted)) {
        surelyStaged = command.kind() == 2 ? HashSet.empty() : surelyStaged.remove(proposal.id());
      }

      StagingLane after = lane.syncPromotions(Actor.of("model")).get().lane();
      if (after.deployed().size() > before.deployed().size()) {
        RELEASES.incrementAndGet();
      }
      assertThat(after.stagingHead()).isEqualTo(forge.head(STAGING));
      if (!(after.lock() instanceof ReleaseLock.AwaitingMainSync)) {
        assertThat(forge.readBatch().get().proposals()).isEqualTo(after.batch().proposals());
      }
      assertThat(PromotionBatch.of(after.batch().proposals())).isEqualTo(after.batch());
      List<ProposalId> everywhere = after.batch().proposals().map(StagedProposal::id).toList().appendAll(after.deployed());
      assertThat(everywhere).doesNotHaveDuplicates().containsAll(surelyStaged);
      surelyStaged = surelyStaged.filter(id -> !after.deployed().contains(id));
    }
  }

  private static Either<? extends UseCaseFailure<?>, ?> execute(StagingLaneService lane, int kind, Proposal proposal) {
    return switch (kind) {
      case 0, 7 -> lane.apply(proposal, ANA);
      case 1 -> lane.unapply(proposal.id(), ANA);
      case 2 -> lane.discardBatch(Actor.of("model"));
      case 3 -> lane.openPromotionPr(Actor.of("model"));
      case 4 -> lane.mergePromotionPr(Actor.of("model"));
      case 5 -> lane.closePromotionPr(Actor.of("model"));
      default -> lane.syncPromotions(Actor.of("model"));
    };
  }

  /** What the domain aggregate says the call must be rejected with, if anything. */
  private static Option<CommandRejection> predictedRejection(StagingLane lane, int kind, Proposal proposal) {
    Either<CommandRejection, ?> decision = switch (kind) {
      case 0, 7 -> Either.narrow(lane.apply(proposal));
      case 1 -> Either.narrow(lane.unapply(proposal.id()));
      case 2 -> Either.narrow(lane.discardBatch());
      case 3 -> lane.lock() instanceof ReleaseLock.PromotionPrOpen
          ? Either.right(List.<LaneEvent>empty())
          : Either.narrow(lane.promotionHead());
      case 4, 5 -> lane.lock().isLocked()
          ? Either.right(List.<LaneEvent>empty())
          : Either.left(new NoPromotionPr());
      default -> Either.right(List.<LaneEvent>empty());
    };
    return decision.isLeft() ? Option.some(decision.getLeft()) : Option.none();
  }
}
