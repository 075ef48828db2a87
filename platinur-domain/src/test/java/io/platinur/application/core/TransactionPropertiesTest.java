package io.platinur.application.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.platinur.application.core.RacingStore.Race;
import io.platinur.application.core.RacingStore.SaveCall;
import io.platinur.application.core.RacingStore.Write;
import io.platinur.domain.Actor;
import io.platinur.domain.Refusal;
import io.platinur.port.PortFailure;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

/**
 * Properties of {@link Transaction} over a store that loses races as a random script says (to
 * another writer, or alone), with decisions that keep, save, record or refuse at random, with and
 * without a repair. Every generator shrinks: a failure is reported as its smallest script.
 */
class TransactionPropertiesTest {
  private static final Actor ACTOR = Actor.of("ana");
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  /** What a decision does on one attempt. */
  enum Kind { KEEP, SAVE_CHANGING, SAVE_UNCHANGED, RECORD, REFUSE }

  record Refused(int attempt) implements Refusal {
    @Override
    public String message() {
      return "Refused on attempt " + attempt + ".";
    }
  }

  /** One run's setting: the bound, the store's script, the decisions per attempt, and the repair. */
  record World(int maxAttempts, List<Race> script, List<Kind> kinds, boolean initiallyStored, boolean withRepair) {
    Kind kindOf(int attempt) {
      return kinds.get((attempt - 1) % kinds.size());
    }
  }

  /** What a run did, as the test saw it. */
  record Run(
      World world, RacingStore store, Either<UseCaseFailure<Refused>, Integer> answer, List<Attempt> decided,
      List<Integer> backoffs, int repairs, long retriesTaken) {
    // repairs: how many times a repair ran (each may have retried its own save)

    boolean gaveUp() {
      return answer.isLeft() && answer.getLeft().fold(
          refused -> false, failure -> failure.kind() == PortFailure.Kind.CONFLICT && failure.message().startsWith("kept changing"));
    }

    List<Write> ownWrites() {
      return store.stored().filter(write -> write.by().startsWith("attempt"));
    }

    List<SaveCall> lostRaces() {
      return store.calls().filter(call -> call.race() != Race.WIN);
    }
  }

  static Gen<World> worlds() {
    Gen<List<Race>> scripts = lists().of(integers().between(0, 2)).ofSizeBetween(0, 12)
        .map(codes -> List.ofAll(codes).map(code -> Race.values()[code]));
    Gen<List<Kind>> kinds = lists().of(integers().between(0, 4)).ofSizeBetween(1, 4)
        .map(codes -> List.ofAll(codes).map(code -> Kind.values()[code]));
    Gen<int[]> settings = integers().between(1, 8)
        .zip(booleans().all(), booleans().all(), (max, stored, repair) -> new int[] {max, stored ? 1 : 0, repair ? 1 : 0});
    return settings.zip(scripts, kinds, (s, script, kind) -> new World(s[0], script, kind, s[1] == 1, s[2] == 1));
  }

  static Run run(World world) {
    RacingStore store = new RacingStore(world.script(), world.initiallyStored());
    java.util.List<Attempt> decided = new ArrayList<>();
    java.util.List<Integer> backoffs = new ArrayList<>();
    int[] repairs = {0};
    int[] ticks = {0};
    Transaction<Integer, Integer, Write> transaction = Transaction.over(
        store, () -> T0.plusSeconds(ticks[0]++), new Retries(world.maxAttempts(), backoffs::add),
        attempts -> "kept changing (" + attempts + " attempts)");
    if (world.withRepair()) {
      transaction = transaction.repairingWith(state -> {
        // a repair's own retry follows its own lost save; a repair run follows one of the decision's
        if (store.calls().last().write().by().startsWith("attempt")) {
          repairs[0]++;
        }
        return Either.right(Decision.record(new Write("repair", state), "Repaired", "repaired"));
      });
    }
    Either<UseCaseFailure<Refused>, Integer> answer = transaction.run(ACTOR, (state, attempt) -> {
      assertThat(state).as("decided on the state as stored now").isEqualTo(store.value());
      decided.add(attempt);
      int n = attempt.number();
      Write write = new Write("attempt " + n, state + 1);
      return switch (world.kindOf(n)) {
        case KEEP -> Either.right(Decision.keep(n));
        case SAVE_CHANGING -> Either.right(Decision.save(write, "Step " + n, n));
        case SAVE_UNCHANGED -> Either.right(Decision.save(new Write(write.by(), state), "Step " + n, n));
        case RECORD -> Either.right(Decision.record(new Write(write.by(), state), "Record " + n, n));
        case REFUSE -> Either.left(UseCaseFailure.rejected(new Refused(n)));
      };
    });
    return new Run(world, store, answer, List.ofAll(decided), List.ofAll(backoffs), repairs[0], transaction.retriesTaken());
  }

  private static QuickTheory theory() {
    return qt().withExamples(400).withShrinkCycles(500);
  }

  @Test
  void nothing_is_saved_twice() {
    theory().forAll(worlds()).checkAssert(world -> {
      Run run = run(world);
      assertThat(run.ownWrites()).as("%s", world).hasSizeLessThanOrEqualTo(1);
    });
  }

  @Test
  void the_answer_is_that_of_the_attempt_that_saved_or_found_nothing_to_save() {
    theory().forAll(worlds()).checkAssert(world -> {
      Run run = run(world);
      if (run.answer().isRight()) {
        int last = run.decided().last().number();
        assertThat(run.answer().get()).as("%s", world).isEqualTo(last);
        Kind kind = world.kindOf(last);
        boolean saves = kind == Kind.SAVE_CHANGING || kind == Kind.RECORD;
        assertThat(run.ownWrites().map(Write::by)).as("%s", world).isEqualTo(saves ? List.of("attempt " + last) : List.empty());
      }
    });
  }

  @Test
  void no_save_is_lost_and_no_decision_is_made_on_a_stale_state() {
    theory().forAll(worlds()).checkAssert(world -> {
      Run run = run(world);
      boolean increments = run.answer().isRight() && world.kindOf(run.decided().last().number()) == Kind.SAVE_CHANGING;
      assertThat(run.store().value()).as("%s", world).isEqualTo(run.store().foreignSaves() * RacingStore.FOREIGN + (increments ? 1 : 0));
    });
  }

  @Test
  void the_bound_is_kept() {
    theory().forAll(worlds()).checkAssert(world -> {
      Run run = run(world);
      assertThat(run.decided()).as("%s", world).hasSizeLessThanOrEqualTo(world.maxAttempts());
      assertThat(run.decided().map(Attempt::number)).as("%s", world).isEqualTo(List.rangeClosed(1, run.decided().size()));
      assertThat(run.decided().map(Attempt::afterLostRace)).as("%s", world)
          .isEqualTo(run.decided().map(attempt -> attempt.number() > 1));
      if (run.gaveUp() && run.repairs() == 0) {
        assertThat(run.decided()).as("%s", world).hasSize(world.maxAttempts());
        assertThat(run.answer().getLeft().message()).isEqualTo("kept changing (" + world.maxAttempts() + " attempts)");
      }
    });
  }

  @Test
  void the_backoff_is_asked_once_per_lost_race_that_is_tried_again() {
    theory().forAll(worlds()).checkAssert(world -> {
      Run run = run(world);
      int retried = run.lostRaces().size() - (run.gaveUp() ? 1 : 0);
      assertThat(run.backoffs()).as("%s", world).hasSize(retried);
      assertThat(run.retriesTaken()).as("%s", world).isEqualTo(retried);
      assertThat(run.backoffs()).as("%s", world).allMatch(retry -> retry >= 1 && retry < world.maxAttempts());
    });
  }

  @Test
  void a_refused_decision_saves_nothing() {
    theory().forAll(worlds()).checkAssert(world -> {
      Run run = run(world);
      if (run.answer().isLeft() && run.answer().getLeft().isRejected()) {
        int refusedOn = run.decided().last().number();
        assertThat(run.answer().getLeft().message()).isEqualTo("Refused on attempt " + refusedOn + ".");
        assertThat(run.ownWrites()).as("%s", world).isEmpty();
        assertThat(run.store().calls().map(call -> call.write().by())).as("%s", world).doesNotContain("attempt " + refusedOn);
      }
    });
  }

  @Test
  void the_repair_runs_exactly_when_a_save_lost_although_nobody_saved() {
    theory().forAll(worlds()).checkAssert(world -> {
      Run run = run(world);
      long movedAlone = run.store().calls()
          .filter(call -> call.write().by().startsWith("attempt") && call.race() == Race.LOSE_ALONE)
          .filter(call -> call.loadedVersion().isDefined())
          .filter(call -> Integer.parseInt(call.write().by().substring("attempt ".length())) < world.maxAttempts())
          .size();
      assertThat(run.repairs()).as("%s", world).isEqualTo(world.withRepair() ? movedAlone : 0);
    });
  }

  @Test
  void every_save_carries_the_actor_the_time_and_the_action() {
    theory().forAll(worlds()).checkAssert(world -> {
      Run run = run(world);
      for (SaveCall call : run.store().calls()) {
        assertThat(call.audit().actor()).isEqualTo(ACTOR);
        assertThat(call.audit().at()).isAfterOrEqualTo(T0);
        assertThat(call.audit().action()).as("%s", world).isIn(
            "Repaired", "Step " + call.write().by().replace("attempt ", ""), "Record " + call.write().by().replace("attempt ", ""));
      }
      assertThat(run.store().calls().map(call -> call.audit().at()).distinct()).hasSize(run.store().calls().size());
    });
  }
}
