package io.platinur.application.core;

import io.platinur.port.AuditEntry;
import io.platinur.port.PortFailure;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * A counter kept in memory with compare-and-swap, whose saves lose their races as a script says:
 * another writer saves first, or the save fails although nobody saved (the store moved alone).
 * Every save it is asked for, and every write it stored, is kept for the test to look at.
 */
final class RacingStore implements VersionedStore<Integer, Integer, RacingStore.Write> {

  /** How one save call ends. */
  enum Race {
    /** The save wins (when nobody saved since the load). */
    WIN,
    /** Another writer saves first (adding {@link #FOREIGN}); this save loses. */
    LOSE_TO_WRITER,
    /** The save loses although nothing is saved: the store moved outside the transaction. */
    LOSE_ALONE
  }

  /** What another writer adds to the counter when it wins a race. */
  static final int FOREIGN = 1000;

  /** A change: set the counter to {@code value}; {@code by} names the decision that made it. */
  record Write(String by, int value) {}

  /** One save call and how it ended. */
  record SaveCall(Write write, Option<Integer> loadedVersion, AuditEntry audit, Race race) {}

  private List<Race> script;
  private int value;
  private Option<Integer> version;
  private List<SaveCall> calls = List.empty();
  private List<Write> stored = List.empty();
  private int foreignSaves;
  private int loads;

  RacingStore(List<Race> script, boolean initiallyStored) {
    this.script = script;
    this.version = initiallyStored ? Option.some(0) : Option.none();
  }

  @Override
  public Either<PortFailure, Loaded<Integer, Integer>> load() {
    loads++;
    return Either.right(new Loaded<>(value, version));
  }

  @Override
  public Either<PortFailure, ?> save(Loaded<Integer, Integer> loaded, Write change, AuditEntry audit) {
    Race race = script.headOption().getOrElse(Race.WIN);
    script = script.isEmpty() ? script : script.tail();
    calls = calls.append(new SaveCall(change, loaded.version(), audit, race));
    if (race == Race.LOSE_TO_WRITER) {
      value += FOREIGN;
      foreignSaves++;
      version = Option.some(version.getOrElse(0) + 1);
    }
    if (race != Race.WIN || !version.equals(loaded.version())) {
      return Either.left(PortFailure.of(PortFailure.Kind.CONFLICT, "moved"));
    }
    value = change.value();
    version = Option.some(version.getOrElse(0) + 1);
    stored = stored.append(change);
    return Either.right(version.get());
  }

  @Override
  public boolean changes(Loaded<Integer, Integer> loaded, Write change) {
    return change.value() != loaded.state();
  }

  int value() {
    return value;
  }

  List<SaveCall> calls() {
    return calls;
  }

  List<Write> stored() {
    return stored;
  }

  int foreignSaves() {
    return foreignSaves;
  }

  int loads() {
    return loads;
  }
}
