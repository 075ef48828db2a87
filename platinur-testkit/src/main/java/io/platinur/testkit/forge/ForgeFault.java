package io.platinur.testkit.forge;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One fault a fake forge plays on the next request that matches: what the network or the forge
 * does to it. A fault is used once.
 */
public final class ForgeFault {

  /** What happens to the matched request. */
  public enum Kind {
    /** The forge answers with a 5xx status and does nothing. */
    SERVER_ERROR_BEFORE,
    /** The forge does what was asked, then answers with a 5xx status (a gateway lost its answer). */
    SERVER_ERROR_AFTER,
    /** The connection is reset before the forge sees the request: nothing happens. */
    RESET_BEFORE,
    /** The forge does what was asked, then the connection is reset: the answer is lost. */
    RESET_AFTER,
    /** The forge refuses for a rate limit (429 with {@code Retry-After}) and does nothing. */
    RATE_LIMITED
  }

  private final String method;
  private final Pattern path;
  private final Kind kind;
  private final int status;
  private final int retryAfterSeconds;

  private ForgeFault(String method, String pathRegex, Kind kind, int status, int retryAfterSeconds) {
    this.method = Objects.requireNonNull(method, "method");
    this.path = Pattern.compile(Objects.requireNonNull(pathRegex, "pathRegex"));
    this.kind = kind;
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The next {@code method} request whose path matches {@code pathRegex} is answered {@code status} without effect. */
  public static ForgeFault serverErrorBefore(String method, String pathRegex, int status) {
    return new ForgeFault(method, pathRegex, Kind.SERVER_ERROR_BEFORE, status, 0);
  }

  /** The next matching request takes effect and is answered {@code status}. */
  public static ForgeFault serverErrorAfter(String method, String pathRegex, int status) {
    return new ForgeFault(method, pathRegex, Kind.SERVER_ERROR_AFTER, status, 0);
  }

  /** The next matching request's connection is reset before it reaches the forge. */
  public static ForgeFault resetBefore(String method, String pathRegex) {
    return new ForgeFault(method, pathRegex, Kind.RESET_BEFORE, 0, 0);
  }

  /** The next matching request takes effect and its connection is reset: the answer is lost. */
  public static ForgeFault resetAfter(String method, String pathRegex) {
    return new ForgeFault(method, pathRegex, Kind.RESET_AFTER, 0, 0);
  }

  /** The next matching request is refused with 429 and {@code Retry-After: seconds}. */
  public static ForgeFault rateLimited(String method, String pathRegex, int seconds) {
    return new ForgeFault(method, pathRegex, Kind.RATE_LIMITED, 429, seconds);
  }

  boolean matches(String requestMethod, String requestPath) {
    return method.equals(requestMethod) && path.matcher(requestPath).find();
  }

  public Kind kind() {
    return kind;
  }

  int status() {
    return status;
  }

  int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  @Override
  public String toString() {
    return kind + " on " + method + " " + path;
  }
}
