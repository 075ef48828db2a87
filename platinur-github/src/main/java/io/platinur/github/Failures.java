package io.platinur.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platinur.domain.InvalidValueException;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Locale;
import org.kohsuke.github.HttpException;

/**
 * Turns whatever github-api or the connector stack threw into a {@link PortFailure}. Messages are
 * composed here from the operation, the HTTP status and GitHub's own one-line {@code message}; the
 * exception's text is never copied, since github-api puts whole response bodies in it.
 */
final class Failures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Failures() {}

  /** A call to GitHub that may throw; the body of one port operation. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws IOException;
  }

  /** Runs {@code call}; any exception becomes a typed failure naming {@code operation}. */
  static <T> Either<PortFailure, T> attempt(String operation, Call<Either<PortFailure, T>> call) {
    try {
      return call.run();
    } catch (IOException | RuntimeException e) {
      return Either.left(from(operation, e));
    }
  }

  static PortFailure from(String operation, Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof GitHubCallFailure call) {
        PortFailure f = call.failure();
        return new PortFailure(f.kind(), operation + ": " + f.message(), f.retryAfter());
      }
    }
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof JsonProcessingException) {
        return PortFailure.of(Kind.MALFORMED_RESPONSE, operation + ": GitHub's answer is not the JSON expected ("
            + t.getClass().getSimpleName() + ").");
      }
      if (t instanceof InvalidValueException) {
        return malformed(operation, "a value in GitHub's answer is not valid");
      }
    }
    HttpException http = find(thrown, HttpException.class);
    if (http != null && http.getResponseCode() > 0) {
      int status = http.getResponseCode();
      String said = githubMessage(http.getMessage()).map(m -> " (“" + m + "”)").getOrElse("");
      String text = operation + ": GitHub answered " + status + said + ".";
      return PortFailure.of(kindOf(status, said), text);
    }
    if (find(thrown, FileNotFoundException.class) != null) {
      return PortFailure.of(Kind.NOT_FOUND, operation + ": GitHub answered 404 (not found, or not visible to these credentials).");
    }
    if (thrown instanceof RuntimeException && !(thrown.getCause() instanceof IOException)) {
      return malformed(operation, "GitHub's answer could not be read (" + thrown.getClass().getSimpleName() + ")");
    }
    return PortFailure.of(Kind.UNAVAILABLE, operation + ": the call to GitHub failed (" + thrown.getClass().getSimpleName() + ").");
  }

  /**
   * A write whose outcome was unknown, settled by reading GitHub: it did not take effect, so the
   * failure is {@link Kind#UNAVAILABLE} (changed nothing, safe to try again).
   */
  static PortFailure settled(PortFailure unknown, String whatTheReadShowed) {
    return PortFailure.of(Kind.UNAVAILABLE, unknown.message() + " Read back: " + whatTheReadShowed + ".");
  }

  /** A write whose outcome was unknown, and reading GitHub back failed too: still unknown. */
  static PortFailure stillUnknown(PortFailure unknown, PortFailure readFailure) {
    return PortFailure.of(Kind.UNKNOWN_OUTCOME, unknown.message()
        + " Reading it back failed too (" + readFailure.kind() + "); the next sync settles it.");
  }

  static PortFailure malformed(String operation, String what) {
    return PortFailure.of(Kind.MALFORMED_RESPONSE, operation + ": " + what + ".");
  }

  /** The HTTP status of a failed call, when GitHub answered one. */
  static Option<Integer> status(Throwable thrown) {
    HttpException http = find(thrown, HttpException.class);
    if (http != null && http.getResponseCode() > 0) {
      return Option.some(http.getResponseCode());
    }
    return find(thrown, FileNotFoundException.class) != null ? Option.some(404) : Option.none();
  }

  /** GitHub's own explanation from an error body (its {@code message} and first {@code errors[].message}). */
  static Option<String> githubMessage(String body) {
    if (body == null) {
      return Option.none();
    }
    int start = body.indexOf('{');
    if (start < 0) {
      return Option.none();
    }
    try {
      JsonNode node = JSON.readTree(body.substring(start));
      String message = node.path("message").asText("");
      JsonNode first = node.path("errors").path(0);
      String detail = first.path("message").asText("");
      String joined = detail.isEmpty() ? message : message.isEmpty() ? detail : message + ": " + detail;
      if (joined.isEmpty()) {
        return Option.none();
      }
      // credentials are hidden here too, before the text is cut, whatever the connector already hid
      joined = Secrets.scrubShapes(joined).replaceAll("\\p{Cntrl}", " ");
      return Option.some(joined.length() > 200 ? joined.substring(0, 200) + "…" : joined);
    } catch (IOException | RuntimeException e) {
      return Option.none();
    }
  }

  private static Kind kindOf(int status, String said) {
    switch (status) {
      case 401:
        return Kind.UNAUTHORIZED;
      case 403:
        return said.toLowerCase(Locale.ROOT).contains("rate limit") ? Kind.RATE_LIMITED : Kind.UNAUTHORIZED;
      case 404:
      case 410:
        return Kind.NOT_FOUND;
      case 405:
        return Kind.REJECTED;
      case 409:
        return Kind.CONFLICT;
      case 422:
        return Kind.INVALID_REQUEST;
      case 429:
        return Kind.RATE_LIMITED;
      default:
        return status >= 500 ? Kind.UNAVAILABLE : Kind.INVALID_REQUEST;
    }
  }

  private static <E extends Throwable> E find(Throwable thrown, Class<E> type) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
