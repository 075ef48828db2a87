package io.platinur.application.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.application.core.VersionedStore.Loaded;
import io.platinur.domain.Actor;
import io.platinur.domain.InvalidValueException;
import io.platinur.domain.Refusal;
import io.platinur.port.AuditEntry;
import io.platinur.port.PortFailure;
import io.platinur.port.RetryBackoff;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TransactionTest {
  private static final Actor ANA = Actor.of("ana");
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  enum Never implements Refusal {
    NO;

    @Override
    public String message() {
      return "No.";
    }
  }

  /** A store whose load and save answer as a test says, counting the calls. */
  static final class ScriptedStore implements VersionedStore<String, Integer, String> {
    final java.util.List<Either<PortFailure, Integer>> saves = new ArrayList<>();
    final java.util.List<AuditEntry> audits = new ArrayList<>();
    Either<PortFailure, Loaded<String, Integer>> load = Either.right(Loaded.stored("state", 1));
    int loads;

    @Override
    public Either<PortFailure, Loaded<String, Integer>> load() {
      loads++;
      return load;
    }

    @Override
    public Either<PortFailure, ?> save(Loaded<String, Integer> loaded, String change, AuditEntry audit) {
      audits.add(audit);
      return saves.isEmpty() ? Either.right(2) : saves.remove(0);
    }

    @Override
    public boolean changes(Loaded<String, Integer> loaded, String change) {
      return !change.equals(loaded.state());
    }

    @Override
    public boolean lostRace(PortFailure failure) {
      return failure.isConflict() || failure.kind() == PortFailure.Kind.UNKNOWN_OUTCOME;
    }
  }

  static Transaction<String, Integer, String> over(ScriptedStore store, int attempts, RetryBackoff backoff) {
    return Transaction.over(store, () -> NOW, new Retries(attempts, backoff),
        n -> "The state kept changing while this ran (" + n + " attempts). Sync, then try again.");
  }

  static PortFailure conflict() {
    return PortFailure.of(PortFailure.Kind.CONFLICT, "moved");
  }

  @Nested
  class Saving {
    @Test
    void saves_a_change_with_the_actor_the_time_and_the_action_and_answers_its_result() {
      ScriptedStore store = new ScriptedStore();
      Either<UseCaseFailure<Never>, Integer> answer = over(store, 3, RetryBackoff.none())
          .run(ANA, (state, attempt) -> Either.right(Decision.save("next", "Did it", 42)));
      assertThat(answer).isEqualTo(Either.right(42));
      assertThat(store.audits).containsExactly(new AuditEntry(ANA, NOW, "Did it"));
    }

    @Test
    void does_not_save_a_change_that_changes_nothing_but_does_save_a_record() {
      ScriptedStore store = new ScriptedStore();
      Transaction<String, Integer, String> transaction = over(store, 3, RetryBackoff.none());
      assertThat(transaction.<Never, String>run(ANA, (state, attempt) -> Either.right(Decision.save(state, "Same", "unchanged"))))
          .isEqualTo(Either.right("unchanged"));
      assertThat(store.audits).isEmpty();
      assertThat(transaction.<Never, String>run(ANA, (state, attempt) -> Either.right(Decision.record(state, "Noted", "recorded"))))
          .isEqualTo(Either.right("recorded"));
      assertThat(store.audits).extracting(AuditEntry::action).containsExactly("Noted");
    }

    @Test
    void a_kept_state_is_not_saved() {
      ScriptedStore store = new ScriptedStore();
      assertThat(over(store, 3, RetryBackoff.none()).<Never, String>run(ANA, (state, attempt) -> Either.right(Decision.keep(state))))
          .isEqualTo(Either.right("state"));
      assertThat(store.audits).isEmpty();
    }
  }

  @Nested
  class Failing {
    @Test
    void a_failed_load_is_unavailable_and_decides_nothing() {
      ScriptedStore store = new ScriptedStore();
      store.load = Either.left(PortFailure.of(PortFailure.Kind.UNAVAILABLE, "Git is down."));
      Either<UseCaseFailure<Never>, String> answer = over(store, 3, RetryBackoff.none())
          .run(ANA, (state, attempt) -> { throw new AssertionError("decided without a state"); });
      assertThat(answer.getLeft()).isEqualTo(UseCaseFailure.unavailable(PortFailure.of(PortFailure.Kind.UNAVAILABLE, "Git is down.")));
    }

    @Test
    void a_save_that_fails_otherwise_than_by_a_lost_race_is_not_retried() {
      ScriptedStore store = new ScriptedStore();
      store.saves.add(Either.left(PortFailure.of(PortFailure.Kind.UNAUTHORIZED, "No write access.")));
      java.util.List<Integer> backoffs = new ArrayList<>();
      Either<UseCaseFailure<Never>, String> answer = over(store, 5, backoffs::add)
          .run(ANA, (state, attempt) -> Either.right(Decision.save("next", "Try", "done")));
      assertThat(answer.getLeft().message()).isEqualTo("No write access.");
      assertThat(answer.getLeft().isRejected()).isFalse();
      assertThat(store.audits).hasSize(1);
      assertThat(backoffs).isEmpty();
    }

    @Test
    void gives_up_after_the_last_attempt_with_the_use_case_s_message() {
      ScriptedStore store = new ScriptedStore();
      for (int i = 0; i < 3; i++) {
        store.saves.add(Either.left(conflict()));
      }
      java.util.List<Integer> backoffs = new ArrayList<>();
      Transaction<String, Integer, String> transaction = over(store, 3, backoffs::add);
      Either<UseCaseFailure<Never>, String> answer = transaction.run(ANA, (state, attempt) -> Either.right(Decision.save("next", "Try", "done")));
      assertThat(answer.getLeft()).isEqualTo(UseCaseFailure.unavailable(PortFailure.of(PortFailure.Kind.CONFLICT,
          "The state kept changing while this ran (3 attempts). Sync, then try again.")));
      assertThat(backoffs).containsExactly(1, 2);
      assertThat(transaction.retriesTaken()).isEqualTo(2);
    }

    @Test
    void a_store_may_count_a_lost_answer_as_a_lost_race() {
      ScriptedStore store = new ScriptedStore();
      store.saves.add(Either.left(PortFailure.of(PortFailure.Kind.UNKNOWN_OUTCOME, "The connection dropped.")));
      java.util.List<Attempt> attempts = new ArrayList<>();
      Either<UseCaseFailure<Never>, Integer> answer = over(store, 3, RetryBackoff.none()).run(ANA, (state, attempt) -> {
        attempts.add(attempt);
        return Either.right(Decision.save("next", "Try", attempt.number()));
      });
      assertThat(answer).isEqualTo(Either.right(2));
      assertThat(attempts).extracting(Attempt::afterLostRace).containsExactly(false, true);
    }

    @Test
    void a_refusal_reaches_the_caller_typed_and_nothing_is_saved() {
      ScriptedStore store = new ScriptedStore();
      Either<UseCaseFailure<Never>, String> answer = over(store, 3, RetryBackoff.none())
          .run(ANA, (state, attempt) -> Either.left(UseCaseFailure.rejected(Never.NO)));
      Never refusal = answer.getLeft().fold(refused -> refused, failure -> Never.NO);
      assertThat(answer.getLeft()).isInstanceOf(UseCaseFailure.Rejected.class);
      assertThat(refusal).isSameAs(Never.NO);
      assertThat(store.audits).isEmpty();
    }
  }

  @Nested
  class Repairing {
    @Test
    void a_race_lost_to_nobody_is_repaired_before_deciding_again() {
      ScriptedStore store = new ScriptedStore();
      store.saves.add(Either.left(conflict()));
      java.util.List<String> repaired = new ArrayList<>();
      Transaction<String, Integer, String> transaction = over(store, 3, RetryBackoff.none())
          .repairingWith(state -> {
            repaired.add(state);
            return Either.right(Decision.record(state, "Repaired from Git", "repaired"));
          });
      Either<UseCaseFailure<Never>, String> answer = transaction.run(ANA, (state, attempt) -> Either.right(Decision.save("next", "Try", "done")));
      assertThat(answer).isEqualTo(Either.right("done"));
      assertThat(repaired).containsExactly("state");
      assertThat(store.audits).extracting(AuditEntry::action).containsExactly("Try", "Repaired from Git", "Try");
    }

    @Test
    void a_state_never_stored_is_not_repaired() {
      ScriptedStore store = new ScriptedStore();
      store.load = Either.right(Loaded.unstored("derived"));
      store.saves.add(Either.left(conflict()));
      Transaction<String, Integer, String> transaction = over(store, 3, RetryBackoff.none())
          .repairingWith(state -> { throw new AssertionError("repaired a state never stored"); });
      assertThat(transaction.<Never, String>run(ANA, (state, attempt) -> Either.right(Decision.save("next", "Try", "done"))))
          .isEqualTo(Either.right("done"));
    }

    @Test
    void a_repair_that_cannot_read_ends_the_transaction_as_unavailable() {
      ScriptedStore store = new ScriptedStore();
      store.saves.add(Either.left(conflict()));
      PortFailure unreadable = PortFailure.of(PortFailure.Kind.REPOSITORY_DAMAGED, "Missing object.");
      Transaction<String, Integer, String> transaction = over(store, 3, RetryBackoff.none())
          .repairingWith(state -> Either.left(unreadable));
      assertThat(transaction.<Never, String>run(ANA, (state, attempt) -> Either.right(Decision.save("next", "Try", "done"))).getLeft())
          .isEqualTo(UseCaseFailure.unavailable(unreadable));
    }

    @Test
    void a_transaction_without_its_repair_counts_its_retries_with_it() {
      ScriptedStore store = new ScriptedStore();
      store.saves.add(Either.left(conflict()));
      store.saves.add(Either.left(conflict()));
      Transaction<String, Integer, String> repairing = over(store, 5, RetryBackoff.none())
          .repairingWith(state -> Either.right(Decision.keep("nothing to repair")));
      repairing.withoutRepair().<Never, String>run(ANA, (state, attempt) -> Either.right(Decision.save("next", "Try", "done")));
      assertThat(repairing.retriesTaken()).isEqualTo(2);
      assertThat(repairing.<Never>current()).isEqualTo(Either.right("state"));
    }
  }

  @Nested
  class Values {
    @Test
    void a_bound_below_one_attempt_is_refused() {
      assertThatThrownBy(() -> Retries.upTo(0)).isInstanceOf(InvalidValueException.class)
          .hasMessage("At least one attempt is needed, got 0.");
      assertThat(Retries.upTo(3).withMaxAttempts(7).maxAttempts()).isEqualTo(7);
      RetryBackoff backoff = retry -> { };
      assertThat(Retries.upTo(3).withBackoff(backoff).backoff()).isSameAs(backoff);
    }

    @Test
    void attempts_count_from_one() {
      assertThatThrownBy(() -> new Attempt(0)).isInstanceOf(IllegalArgumentException.class);
      assertThat(Attempt.first().afterLostRace()).isFalse();
      assertThat(new Attempt(2).afterLostRace()).isTrue();
    }

    @Test
    void a_decision_maps_its_result_and_keeps_its_change() {
      assertThat(Decision.<String, Integer>save("c", "Act", 2).map(n -> n * 10)).isEqualTo(new Decision.Save<>("c", "Act", 20, false));
      assertThat(Decision.<String, Integer>record("c", "Act", 2).map(n -> n * 10)).isEqualTo(new Decision.Save<>("c", "Act", 20, true));
      assertThat(Decision.<String, Integer>keep(2).map(n -> n * 10)).isEqualTo(Decision.keep(20));
    }

    @Test
    void a_failure_folds_maps_and_says_its_message() {
      UseCaseFailure<Never> refused = UseCaseFailure.rejected(Never.NO);
      UseCaseFailure<Never> down = UseCaseFailure.unavailable(PortFailure.of(PortFailure.Kind.UNAVAILABLE, "Down."));
      assertThat(refused.message()).isEqualTo("No.");
      assertThat(down.message()).isEqualTo("Down.");
      assertThat(refused.isRejected()).isTrue();
      assertThat(down.isRejected()).isFalse();
      UseCaseFailure<Refusal> wider = refused.mapRejection(no -> () -> "Wider: " + no.message());
      assertThat(wider.message()).isEqualTo("Wider: No.");
      assertThat(down.<Refusal>mapRejection(no -> no)).isEqualTo(UseCaseFailure.unavailable(PortFailure.of(PortFailure.Kind.UNAVAILABLE, "Down.")));
      assertThat(List.of(refused, down).map(f -> f.fold(r -> "refused", p -> p.kind().name()))).containsExactly("refused", "UNAVAILABLE");
    }

    @Test
    void a_loaded_state_knows_whether_it_was_stored() {
      assertThat(Loaded.stored("s", 1).isStored()).isTrue();
      assertThat(Loaded.unstored("s").isStored()).isFalse();
      assertThat(Loaded.unstored("s").version()).isEqualTo(Option.none());
    }
  }
}
