package io.platinur.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request to GitLab goes through here: the token in {@code PRIVATE-TOKEN}, a connect and a
 * request timeout, retries within the {@link RetryBudget}, and every text GitLab sends back
 * scrubbed of secrets before it reaches a message or a log line.
 *
 * <ul>
 *   <li>429: wait what GitLab asks ({@code Retry-After}, else until {@code RateLimit-Reset}, else one
 *       minute) when it fits the budget, for every method (GitLab refused without acting);
 *       otherwise {@link Kind#RATE_LIMITED} with that wait.
 *   <li>5xx, timeouts and lost connections: reads back off and try again; a write is never sent
 *       again (a merge answered 502 may have merged): it fails as {@link Kind#UNKNOWN_OUTCOME}, and
 *       the port operation reads GitLab to learn the outcome.
 *   <li>A connection that was never made is retried for every method.
 * </ul>
 */
final class GitLabHttp {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(GitLabHttp.class);
  private static final Duration DEFAULT_LIMIT_WAIT = Duration.ofMinutes(1);
  private static final int MAX_PAGES = 1000;
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

  /** A definitive answer from GitLab (anything but a 5xx or a rate limit). */
  record Answer(int status, JsonNode json, HttpHeaders headers) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final HttpClient client;
  private final URI api;
  private final String token;
  private final Duration requestTimeout;
  private final RetryBudget budget;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Secrets secrets;

  GitLabHttp(GitLabSettings settings, Secrets secrets, Sleeper sleeper, Clock clock) {
    this.client = HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.api = settings.apiEndpoint();
    this.token = settings.credentials().token();
    this.requestTimeout = settings.requestTimeout();
    this.budget = settings.retryBudget();
    this.sleeper = sleeper;
    this.clock = clock;
    this.secrets = secrets;
  }

  /** {@code GET path}: the JSON of a 2xx answer, or a failure naming {@code operation}. */
  Either<PortFailure, JsonNode> read(String operation, String path) {
    return send(operation, "GET", path, null).flatMap(answer -> answer.ok()
        ? Either.right(answer.json())
        : Either.left(refusal(operation, "GET", path, answer)));
  }

  /** {@code GET path}: any definitive answer, for callers that read meaning into a 404. */
  Either<PortFailure, Answer> ask(String operation, String path) {
    return send(operation, "GET", path, null);
  }

  /** A raw file's text ({@code …/raw}): any definitive answer, its body as text. */
  record TextAnswer(int status, String text) {}

  Either<PortFailure, TextAnswer> askText(String operation, String path) {
    return sendRaw(operation, "GET", path, null)
        .map(response -> new TextAnswer(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8)));
  }

  /** A list, every page of it ({@code per_page=100}, following {@code X-Next-Page} or the next link). */
  Either<PortFailure, Seq<JsonNode>> readAll(String operation, String path) {
    List<JsonNode> all = List.empty();
    String next = path + (path.contains("?") ? "&" : "?") + "per_page=100";
    for (int page = 1; page <= MAX_PAGES; page++) {
      Either<PortFailure, Answer> sent = send(operation, "GET", next, null);
      if (sent.isLeft()) {
        return Either.left(sent.getLeft());
      }
      Answer answer = sent.get();
      if (!answer.ok()) {
        return Either.left(refusal(operation, "GET", next, answer));
      }
      if (!answer.json().isArray()) {
        return Either.left(malformed(operation, "GitLab's answer is not a list"));
      }
      for (JsonNode item : answer.json()) {
        all = all.append(item);
      }
      Option<String> following = nextPage(next, answer.headers());
      if (following.isEmpty()) {
        return Either.right(all);
      }
      next = following.get();
    }
    return Either.left(malformed(operation, "GitLab's list goes on past " + MAX_PAGES + " pages"));
  }

  /** A write: sent once unless GitLab refused it without acting (never connected, rate limited). */
  Either<PortFailure, Answer> write(String operation, String method, String path, JsonNode body) {
    return send(operation, method, path, body);
  }

  private Option<String> nextPage(String current, HttpHeaders headers) {
    Option<String> nextNumber = Option.ofOptional(headers.firstValue("X-Next-Page")).map(String::trim).filter(n -> !n.isEmpty());
    if (nextNumber.isDefined() && nextNumber.get().matches("\\d{1,9}")) {
      String withoutPage = current.replaceAll("([?&])page=\\d+&?", "$1").replaceAll("[?&]$", "");
      return Option.some(withoutPage + (withoutPage.contains("?") ? "&" : "?") + "page=" + nextNumber.get());
    }
    Option<String> link = Option.ofOptional(headers.firstValue("Link"));
    if (link.isDefined()) {
      Matcher matcher = NEXT_LINK.matcher(link.get());
      if (matcher.find()) {
        URI next = URI.create(matcher.group(1));
        String apiPath = api.getRawPath();
        String rawPath = next.getRawPath();
        if (rawPath != null && rawPath.startsWith(apiPath)) {
          return Option.some(rawPath.substring(apiPath.length()) + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery()));
        }
      }
    }
    return Option.none();
  }

  private Either<PortFailure, Answer> send(String operation, String method, String path, JsonNode body) {
    return sendRaw(operation, method, path, body).flatMap(response -> parse(operation, response.statusCode(), response));
  }

  private Either<PortFailure, HttpResponse<byte[]>> sendRaw(String operation, String method, String path, JsonNode body) {
    boolean read = "GET".equals(method);
    String described = method + " " + path.replaceAll("\\?.*", "");
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(api + path))
        .timeout(requestTimeout)
        .header("PRIVATE-TOKEN", token)
        .header("Accept", "application/json");
    byte[] bytes = body == null ? null : text(body).getBytes(StandardCharsets.UTF_8);
    HttpRequest request = bytes == null
        ? builder.method(method, HttpRequest.BodyPublishers.noBody()).build()
        : builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    Duration waited = Duration.ZERO;
    for (int attempt = 1; ; attempt++) {
      HttpResponse<byte[]> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Either.left(PortFailure.of(Kind.UNAVAILABLE, operation + ": interrupted while calling GitLab (" + described + ")."));
      } catch (IOException e) {
        boolean neverSent = e instanceof ConnectException || e instanceof HttpConnectTimeoutException
            || e.getCause() instanceof ConnectException;
        String what = e instanceof HttpTimeoutException ? "did not answer " + described + " in time"
            : "could not be reached for " + described + " (" + e.getClass().getSimpleName() + ")";
        if (!neverSent && !read) {
          return Either.left(PortFailure.of(Kind.UNKNOWN_OUTCOME, operation + ": GitLab " + what
              + "; it may or may not have taken effect."));
        }
        Duration pause = backoff(attempt);
        if (fits(attempt, waited, pause) && pause(pause)) {
          LOG.info("GitLab {}; retrying in {} ms (attempt {} of {}).", what, pause.toMillis(), attempt + 1, budget.maxAttempts());
          waited = waited.plus(pause);
          continue;
        }
        return Either.left(PortFailure.of(Kind.UNAVAILABLE, operation + ": GitLab " + what + ", after " + attempt + " attempt(s)."));
      }
      int status = response.statusCode();
      if (status == 429) {
        Duration wait = rateLimitWait(response.headers());
        if (fits(attempt, waited, wait) && pause(wait)) {
          LOG.info("GitLab rate-limited {}; retrying in {} ms as it asked (attempt {} of {}).",
              described, wait.toMillis(), attempt + 1, budget.maxAttempts());
          waited = waited.plus(wait);
          continue;
        }
        return Either.left(new PortFailure(Kind.RATE_LIMITED, operation + ": GitLab's rate limit is exhausted for "
            + described + "; retry in " + wait.toSeconds() + " s.", Option.some(wait)));
      }
      if (status >= 500) {
        if (!read) {
          return Either.left(PortFailure.of(Kind.UNKNOWN_OUTCOME, operation + ": GitLab answered " + status + " to "
              + described + "; it may or may not have taken effect."));
        }
        Duration pause = retryAfter(response.headers()).getOrElse(backoff(attempt));
        if (fits(attempt, waited, pause) && pause(pause)) {
          LOG.info("GitLab answered {} to {}; retrying in {} ms (attempt {} of {}).",
              status, described, pause.toMillis(), attempt + 1, budget.maxAttempts());
          waited = waited.plus(pause);
          continue;
        }
        return Either.left(PortFailure.of(Kind.UNAVAILABLE, operation + ": GitLab answered " + status + " to " + described
            + " after " + attempt + " attempt(s)."));
      }
      return Either.right(response);
    }
  }

  private Either<PortFailure, Answer> parse(String operation, int status, HttpResponse<byte[]> response) {
    byte[] bytes = response.body();
    if (status == 204 || bytes == null || bytes.length == 0) {
      return Either.right(new Answer(status, JSON.nullNode(), response.headers()));
    }
    try {
      return Either.right(new Answer(status, JSON.readTree(bytes), response.headers()));
    } catch (IOException e) {
      if (status >= 200 && status < 300) {
        return Either.left(malformed(operation, "GitLab's answer is not JSON"));
      }
      // an error page from a proxy: keep the status, with GitLab's words left out
      return Either.right(new Answer(status, JSON.createObjectNode(), response.headers()));
    }
  }

  /** A failure for a definitive non-2xx answer, with GitLab's own explanation, scrubbed and cut. */
  PortFailure refusal(String operation, String method, String path, Answer answer) {
    int status = answer.status();
    String said = gitlabMessage(answer.json()).map(m -> " (“" + m + "”)").getOrElse("");
    Kind kind = switch (status) {
      case 401, 403 -> Kind.UNAUTHORIZED;
      case 404, 410 -> Kind.NOT_FOUND;
      case 405, 406 -> Kind.REJECTED;
      case 409 -> Kind.CONFLICT;
      default -> Kind.INVALID_REQUEST;
    };
    String hint = status == 401 ? " Check the token: it may be wrong, expired or revoked."
        : status == 403 ? " Check the token's scope (api) and its role in the project."
        : status == 404 ? " Check the project path and that the token can see it."
        : "";
    return PortFailure.of(kind, operation + ": GitLab answered " + status + " to " + method + " "
        + path.replaceAll("\\?.*", "") + said + "." + hint);
  }

  /**
   * GitLab's explanation from an error body: {@code message} as a string, a list, or a map of
   * field to messages; or {@code error} with {@code error_description}.
   */
  Option<String> gitlabMessage(JsonNode body) {
    if (body == null || !body.isObject()) {
      return Option.none();
    }
    JsonNode message = body.path("message");
    String text;
    if (message.isTextual()) {
      text = message.asText();
    } else if (message.isArray()) {
      text = List.ofAll(message).map(JsonNode::asText).mkString("; ");
    } else if (message.isObject()) {
      java.util.List<String> parts = new java.util.ArrayList<>();
      message.fields().forEachRemaining(field -> parts.add(field.getKey() + " " + (field.getValue().isArray()
          ? List.ofAll(field.getValue()).map(JsonNode::asText).mkString(", ")
          : field.getValue().asText())));
      text = String.join("; ", parts);
    } else if (body.path("error").isTextual()) {
      text = body.path("error").asText()
          + (body.path("error_description").isTextual() ? ": " + body.path("error_description").asText() : "");
    } else {
      return Option.none();
    }
    String flat = secrets.scrub(text).replaceAll("\\p{Cntrl}", " ").strip();
    if (flat.isEmpty()) {
      return Option.none();
    }
    return Option.some(flat.length() > 200 ? flat.substring(0, 200) + "…" : flat);
  }

  static PortFailure malformed(String operation, String what) {
    return PortFailure.of(Kind.MALFORMED_RESPONSE, operation + ": " + what + ".");
  }

  /**
   * A write whose outcome was unknown, settled by reading GitLab: it did not take effect, so the
   * failure is {@link Kind#UNAVAILABLE} (changed nothing, safe to try again).
   */
  static PortFailure settled(PortFailure unknown, String whatTheReadShowed) {
    return PortFailure.of(Kind.UNAVAILABLE, unknown.message() + " Read back: " + whatTheReadShowed + ".");
  }

  /** A write whose outcome was unknown, and reading GitLab back failed too: still unknown. */
  static PortFailure stillUnknown(PortFailure unknown, PortFailure readFailure) {
    return PortFailure.of(Kind.UNKNOWN_OUTCOME, unknown.message()
        + " Reading it back failed too (" + readFailure.kind() + "); the next sync settles it.");
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  private Duration rateLimitWait(HttpHeaders headers) {
    Option<Duration> retryAfter = retryAfter(headers);
    if (retryAfter.isDefined()) {
      return retryAfter.get();
    }
    Option<String> reset = Option.ofOptional(headers.firstValue("RateLimit-Reset"));
    if (reset.isDefined()) {
      try {
        Duration until = Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset.get().trim())));
        return until.isNegative() ? Duration.ZERO : until.plusSeconds(1);
      } catch (NumberFormatException | java.time.DateTimeException e) {
        return DEFAULT_LIMIT_WAIT;
      }
    }
    return DEFAULT_LIMIT_WAIT;
  }

  private static Option<Duration> retryAfter(HttpHeaders headers) {
    Option<String> value = Option.ofOptional(headers.firstValue("Retry-After"));
    if (value.isEmpty()) {
      return Option.none();
    }
    try {
      return Option.some(Duration.ofSeconds(Math.max(0, Long.parseLong(value.get().trim()))));
    } catch (NumberFormatException e) {
      return Option.none(); // GitLab sends seconds; an HTTP date is not expected
    }
  }

  private boolean fits(int attempt, Duration waited, Duration pause) {
    return attempt < budget.maxAttempts() && waited.plus(pause).compareTo(budget.maxTotalWait()) <= 0;
  }

  private Duration backoff(int attempt) {
    return budget.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 16));
  }

  /** Waits; false when interrupted (the interrupt is kept). */
  private boolean pause(Duration pause) {
    if (pause.isZero() || pause.isNegative()) {
      return true;
    }
    try {
      sleeper.sleep(pause);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static String text(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree could not be written", e);
    }
  }

  @Override
  public String toString() {
    return "GitLabHttp[" + api + ", token hidden]";
  }
}
