package io.platinur.port;

import io.vavr.control.Option;
import java.time.Duration;
import java.util.Objects;

/**
 * Why a port could not do what it was asked: a typed kind and a message fit for an operator. A
 * failed port call changed nothing that the caller can observe, except where the kind says the
 * outcome is {@link Kind#UNKNOWN_OUTCOME unknown} (the next sync settles it). Messages never contain
 * credentials, tokens or file contents.
 */
public record PortFailure(Kind kind, String message, Option<Duration> retryAfter) {

  /** What went wrong at the edge, so a caller can decide whether to retry, wait or give up. */
  public enum Kind {
    /** A compare-and-swap lost: someone else moved the ref or state first. Re-read and re-check. */
    CONFLICT,
    /** The branch, commit, pull request or object does not exist. */
    NOT_FOUND,
    /** The request was malformed or refused as invalid (bad name, file over the size limit). */
    INVALID_REQUEST,
    /** The change would do nothing (every write equals the current content). */
    NOTHING_TO_CHANGE,
    /** The host refused the operation in its current state (not mergeable, not fast-forward). */
    REJECTED,
    /** Credentials are missing, wrong or lack permission. */
    UNAUTHORIZED,
    /** A rate limit is exhausted; {@code retryAfter} says when to try again, when known. */
    RATE_LIMITED,
    /** The service did not answer in time or answered 5xx; safe to retry. */
    UNAVAILABLE,
    /** The answer could not be understood (malformed or unexpected data). */
    MALFORMED_RESPONSE,
    /** The repository is damaged or not usable as configured (missing object, not bare, stale lock). */
    REPOSITORY_DAMAGED,
    /** The request may or may not have taken effect (connection lost after sending). Sync to find out. */
    UNKNOWN_OUTCOME,
    /**
     * The host accepted the request and carries it out later (a merge queue merges the promotion PR
     * once its checks pass, or dequeues it). Nothing changed yet; sync to learn the outcome.
     */
    ENQUEUED
  }

  public PortFailure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(retryAfter, "retryAfter");
  }

  public static PortFailure of(Kind kind, String message) {
    return new PortFailure(kind, message, Option.none());
  }

  public boolean isConflict() {
    return kind == Kind.CONFLICT;
  }

  @Override
  public String toString() {
    return kind + ": " + message + retryAfter.map(d -> " (retry after " + d + ")").getOrElse("");
  }
}
