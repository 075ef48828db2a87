package io.platinur.application.core;

import io.platinur.port.AuditEntry;
import io.platinur.port.PortFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * What a {@link Transaction} runs over: an aggregate {@code S} loaded with the version it was
 * stored as, and saved by compare-and-swap. Each use case adapts its port to this shape (the lane
 * over its {@code LaneStateStore}, previews over their {@code PreviewStore}); hosts implement the
 * ports, not this.
 *
 * @param <S> the state a decision is made on
 * @param <V> the stored version
 * @param <C> the change a decision saves
 */
public interface VersionedStore<S, V, C> {

  /**
   * The state and the version it was stored as; a version of none means nothing is stored yet
   * (the state is a start, or derived from Git).
   */
  Either<PortFailure, Loaded<S, V>> load();

  /**
   * Saves {@code change} if the stored version is still {@code loaded.version()}; otherwise fails
   * with a failure {@link #lostRace} recognizes and changes nothing. {@code audit} says who saved
   * it, when and doing what.
   */
  Either<PortFailure, ?> save(Loaded<S, V> loaded, C change, AuditEntry audit);

  /** Whether saving {@code change} over {@code loaded} would change what is stored. */
  boolean changes(Loaded<S, V> loaded, C change);

  /**
   * Whether a failed save lost a race, so that loading again and deciding again may succeed. By
   * default a {@link PortFailure.Kind#CONFLICT}; a store whose writes are idempotent may also
   * read again after a write whose answer was lost.
   */
  default boolean lostRace(PortFailure failure) {
    return failure.isConflict();
  }

  /** A loaded state and its version (none when nothing is stored yet). */
  record Loaded<S, V>(S state, Option<V> version) {
    public Loaded {
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(version, "version");
    }

    /** A state stored as {@code version}. */
    public static <S, V> Loaded<S, V> stored(S state, V version) {
      return new Loaded<>(state, Option.some(version));
    }

    /** A state nothing is stored for yet. */
    public static <S, V> Loaded<S, V> unstored(S state) {
      return new Loaded<>(state, Option.none());
    }

    /** Whether the state was read from the store (rather than started or derived). */
    public boolean isStored() {
      return version.isDefined();
    }
  }
}
