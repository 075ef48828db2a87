package io.platinur.application.core;

import io.platinur.domain.Refusal;
import io.platinur.port.PortFailure;

/**
 * The refusal type of a use case that refuses nothing (Sync Promotions, a preview reconcile, a
 * read): it has no values, so {@code UseCaseFailure<NoRefusal>} is always {@link
 * UseCaseFailure.Unavailable}.
 */
public enum NoRefusal implements Refusal {
  ;

  /** The port failure behind a failure of a use case that refuses nothing: it is always unavailable. */
  public static PortFailure portFailure(UseCaseFailure<NoRefusal> failure) {
    return failure.fold(none -> {
      throw new IllegalStateException("NoRefusal has no values.");
    }, unavailable -> unavailable);
  }

  /** The same failure as any use case's: a use case that refuses nothing only fails as unavailable. */
  public static <R extends Refusal> UseCaseFailure<R> widen(UseCaseFailure<NoRefusal> failure) {
    return UseCaseFailure.unavailable(portFailure(failure));
  }

  @Override
  public String message() {
    return name();
  }
}
