package io.platinur.application.core;

import java.util.Objects;
import java.util.function.Function;

/**
 * What one attempt of a {@link Transaction} decided on the freshly loaded state: either to
 * {@link #keep keep} it as it is, or to save a change, with the audit action in words. Either way
 * it carries the result the use case answers once the decision holds ({@link #result()}), so the
 * caller needs no second read and no cast.
 *
 * <p>A {@link #save save} is written only when the store says it changes the stored state ({@link
 * VersionedStore#changes}); a {@link #record record} is written even when it changes nothing, as
 * an entry in the history (an abandoned lock file removed beside the lane, say).
 *
 * @param <C> the change the store saves
 * @param <T> the use case's result
 */
public sealed interface Decision<C, T> permits Decision.Keep, Decision.Save {

  /** Nothing to save; the use case answers {@code result}. */
  static <C, T> Decision<C, T> keep(T result) {
    return new Keep<>(result);
  }

  /** Save {@code change} when it changes the stored state, with {@code action} in the audit entry. */
  static <C, T> Decision<C, T> save(C change, String action, T result) {
    return new Save<>(change, action, result, false);
  }

  /** Save {@code change} even when it changes nothing: an entry in the history. */
  static <C, T> Decision<C, T> record(C change, String action, T result) {
    return new Save<>(change, action, result, true);
  }

  /** What the use case answers once this decision holds. */
  T result();

  <X> X fold(Function<Keep<C, T>, X> onKeep, Function<Save<C, T>, X> onSave);

  /** The same decision, answering {@code into} of its result. */
  <U> Decision<C, U> map(Function<? super T, ? extends U> into);

  /** Keep the state as it is. */
  record Keep<C, T>(T result) implements Decision<C, T> {
    public Keep {
      Objects.requireNonNull(result, "result");
    }

    @Override
    public <X> X fold(Function<Keep<C, T>, X> onKeep, Function<Save<C, T>, X> onSave) {
      return onKeep.apply(this);
    }

    @Override
    public <U> Decision<C, U> map(Function<? super T, ? extends U> into) {
      return new Keep<>(into.apply(result));
    }
  }

  /**
   * Save {@code change} with {@code action} in the audit entry; when {@code evenUnchanged}, also
   * when the store says it changes nothing.
   */
  record Save<C, T>(C change, String action, T result, boolean evenUnchanged) implements Decision<C, T> {
    public Save {
      Objects.requireNonNull(change, "change");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(result, "result");
    }

    @Override
    public <X> X fold(Function<Keep<C, T>, X> onKeep, Function<Save<C, T>, X> onSave) {
      return onSave.apply(this);
    }

    @Override
    public <U> Decision<C, U> map(Function<? super T, ? extends U> into) {
      return new Save<>(change, action, into.apply(result), evenUnchanged);
    }
  }
}
