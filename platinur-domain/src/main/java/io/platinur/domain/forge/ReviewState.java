package io.platinur.domain.forge;

/** A pull-request review's state, as the forge reports it. */
public enum ReviewState {
  APPROVED,
  CHANGES_REQUESTED,
  /** A comment only: it neither approves nor withdraws an earlier approval. */
  COMMENTED,
  DISMISSED
}
