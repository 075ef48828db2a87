package io.platinur.application.core;

import io.platinur.application.core.VersionedStore.Loaded;
import io.platinur.domain.Actor;
import io.platinur.domain.Refusal;
import io.platinur.port.AuditEntry;
import io.platinur.port.PortFailure;
import io.platinur.port.TimeSource;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * The compare-and-swap transaction every use case runs its changes in: load the state with its
 * version, {@link Decide decide} on it, and save the decision only if nobody saved in between. On a
 * lost race the state is loaded and decided again, up to {@link Retries#maxAttempts()} attempts,
 * waiting before each retry as the {@link io.platinur.port.RetryBackoff} says (writers that lost
 * together do not read and save together again). Every save carries an {@link AuditEntry}: the
 * actor, the time from the host's {@link TimeSource}, the decision's action in words.
 *
 * <ul>
 *   <li>A decision is saved only when it changes the stored state, or when it asks for a record
 *       ({@link Decision}); the use case answers the result of the attempt that saved (or that
 *       found nothing to save).
 *   <li>A refused decision, or a port that fails otherwise than by losing a race, ends the
 *       transaction at once: nothing is saved.
 *   <li>When every attempt lost, the answer is {@link UseCaseFailure.Unavailable} with {@link
 *       PortFailure.Kind#CONFLICT} and the message the use case chose.
 *   <li>When a save lost although the stored version is still the one read, the store moved
 *       outside the transaction (a branch pushed by hand, a crash between two updates). A
 *       transaction made {@link #repairingWith repairing} first saves its repair decision on the
 *       state as loaded again, then decides again.
 * </ul>
 *
 * <pre>{@code
 * Transaction<Counter, Long, Counter> transaction = Transaction.over(
 *     counterStore, clock::instant, Retries.upTo(8), n -> "The counter kept changing while this ran (" + n + " attempts).");
 * Either<UseCaseFailure<CounterRefusal>, Counter> added = transaction.run(actor, (counter, attempt) -> counter.add(5)
 *     .<UseCaseFailure<CounterRefusal>>mapLeft(UseCaseFailure::rejected)
 *     .map(next -> Decision.save(next, "Added 5", next)));
 * }</pre>
 *
 * @param <S> the state decided on
 * @param <V> its stored version
 * @param <C> the change a decision saves
 */
public final class Transaction<S, V, C> {
  private final VersionedStore<S, V, C> store;
  private final TimeSource time;
  private final Retries retries;
  private final IntFunction<String> keptChanging;
  private final Option<Repair<S, C>> repair;
  private final LongAdder retried;

  private Transaction(
      VersionedStore<S, V, C> store, TimeSource time, Retries retries, IntFunction<String> keptChanging,
      Option<Repair<S, C>> repair, LongAdder retried) {
    this.store = Objects.requireNonNull(store, "store");
    this.time = Objects.requireNonNull(time, "time");
    this.retries = Objects.requireNonNull(retries, "retries");
    this.keptChanging = Objects.requireNonNull(keptChanging, "keptChanging");
    this.repair = repair;
    this.retried = retried;
  }

  /**
   * A transaction over {@code store}, with the audit time from {@code time}, retrying as {@code
   * retries} says; {@code keptChanging} words the {@code CONFLICT} message once all {@code n}
   * attempts lost.
   */
  public static <S, V, C> Transaction<S, V, C> over(
      VersionedStore<S, V, C> store, TimeSource time, Retries retries, IntFunction<String> keptChanging) {
    return new Transaction<>(store, time, retries, keptChanging, Option.none(), new LongAdder());
  }

  /**
   * The same transaction, saving {@code repairDecision} first (itself without repair) when a save
   * lost although nobody saved in between. Both count their retries together.
   */
  public Transaction<S, V, C> repairingWith(Repair<S, C> repairDecision) {
    return new Transaction<>(store, time, retries, keptChanging, Option.some(repairDecision), retried);
  }

  /** The same transaction without a repair; both count their retries together. */
  public Transaction<S, V, C> withoutRepair() {
    return new Transaction<>(store, time, retries, keptChanging, Option.none(), retried);
  }

  /** The bound and the backoff it retries with. */
  public Retries retries() {
    return retries;
  }

  /** The retries taken so far, from every thread: saves that lost a race and were decided again. */
  public long retriesTaken() {
    return retried.sum();
  }

  /** The state as the store loads it now, changing nothing. */
  public <R extends Refusal> Either<UseCaseFailure<R>, S> current() {
    return store.load().<UseCaseFailure<R>>mapLeft(UseCaseFailure::unavailable).map(Loaded::state);
  }

  /**
   * Decides on the freshly loaded state and saves the decision by compare-and-swap, as {@code
   * actor}; answers the decision's result, its refusal, or why a port failed.
   */
  public <R extends Refusal, T> Either<UseCaseFailure<R>, T> run(Actor actor, Decide<S, C, R, T> decide) {
    Objects.requireNonNull(actor, "actor");
    return attempt(actor, decide, Attempt.first());
  }

  private <R extends Refusal, T> Either<UseCaseFailure<R>, T> attempt(Actor actor, Decide<S, C, R, T> decide, Attempt attempt) {
    return store.load().<UseCaseFailure<R>>mapLeft(UseCaseFailure::unavailable)
        .flatMap(loaded -> decide.decide(loaded.state(), attempt)
            .flatMap(decision -> decision.fold(
                keep -> Either.right(keep.result()),
                save -> !save.evenUnchanged() && !store.changes(loaded, save.change())
                    ? Either.right(save.result())
                    : store.save(loaded, save.change(), new AuditEntry(actor, time.now(), save.action())).fold(
                        failure -> store.lostRace(failure)
                            ? retry(actor, decide, attempt, loaded)
                            : Either.left(UseCaseFailure.unavailable(failure)),
                        saved -> Either.right(save.result())))));
  }

  /**
   * After a lost race: gives up when that was the last attempt; otherwise waits as the backoff says,
   * repairs when nobody saved in between (and a repair is set), and decides again.
   */
  private <R extends Refusal, T> Either<UseCaseFailure<R>, T> retry(
      Actor actor, Decide<S, C, R, T> decide, Attempt lost, Loaded<S, V> loaded) {
    if (lost.number() >= retries.maxAttempts()) {
      return Either.left(UseCaseFailure.unavailable(
          PortFailure.of(PortFailure.Kind.CONFLICT, keptChanging.apply(retries.maxAttempts()))));
    }
    retried.increment();
    retries.backoff().beforeRetry(lost.number());
    return this.<R>repairedIfMovedAlone(actor, loaded).flatMap(ready -> attempt(actor, decide, lost.next()));
  }

  private <R extends Refusal> Either<UseCaseFailure<R>, Object> repairedIfMovedAlone(Actor actor, Loaded<S, V> loaded) {
    if (repair.isEmpty() || !loaded.isStored() || !nobodySavedSince(loaded)) {
      return Either.right(loaded);
    }
    Repair<S, C> decision = repair.get();
    Decide<S, C, R, Object> repairing = (state, attempt) -> decision.decide(state)
        .<UseCaseFailure<R>>mapLeft(UseCaseFailure::unavailable)
        .map(repaired -> repaired.map(result -> result));
    return withoutRepair().run(actor, repairing);
  }

  private boolean nobodySavedSince(Loaded<S, V> loaded) {
    return store.load().fold(failure -> false, now -> now.version().equals(loaded.version()));
  }

  /**
   * One attempt's decision on the freshly loaded {@code state}: a refusal, a port failure, or a
   * {@link Decision} to keep or save. {@code attempt} says whether an earlier attempt lost its race.
   */
  @FunctionalInterface
  public interface Decide<S, C, R extends Refusal, T> {
    Either<UseCaseFailure<R>, Decision<C, T>> decide(S state, Attempt attempt);
  }

  /**
   * The decision that brings the stored state back in line with what it stands for (the lane with
   * its staging branch), when a save lost although nobody saved. It refuses nothing; reading what
   * it needs may fail.
   */
  @FunctionalInterface
  public interface Repair<S, C> {
    Either<PortFailure, ? extends Decision<C, ?>> decide(S state);
  }
}
