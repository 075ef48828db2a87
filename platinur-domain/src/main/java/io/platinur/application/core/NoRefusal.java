package io.platinur.application.core;

import io.platinur.domain.Refusal;

/**
 * The refusal type of a use case that refuses nothing (Sync Promotions, a preview reconcile, a
 * read): it has no values, so {@code UseCaseFailure<NoRefusal>} is always {@link
 * UseCaseFailure.Unavailable}.
 */
public enum NoRefusal implements Refusal {
  ;

  @Override
  public String message() {
    return name();
  }
}
