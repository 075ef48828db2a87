package io.platinur.github;

import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries within a {@link RetryBudget}, and replaces github-api's own rate-limit handling (which
 * by default sleeps until the limit resets, up to an hour).
 *
 * <ul>
 *   <li>Rate limits (429, or 403 with {@code x-ratelimit-remaining: 0}, a {@code retry-after}
 *       header or a secondary-rate-limit message): wait what GitHub asks ({@code retry-after},
 *       else until {@code x-ratelimit-reset}, else one minute, as GitHub documents) when that fits
 *       the budget; otherwise fail at once as {@link Kind#RATE_LIMITED} with that wait.
 *   <li>5xx, timeouts and lost connections: back off and retry reads (and the few writes marked
 *       {@link BufferedRequest#mayResend() resendable}). A write that may have reached GitHub is
 *       never sent again, whatever its method (a merge answered 502 may have merged): it fails as
 *       {@link Kind#UNKNOWN_OUTCOME}, and the port operation reads GitHub to learn the outcome.
 *   <li>A connection that was never made, and a request refused for a rate limit (GitHub did not
 *       act on it), are retried for every method.
 * </ul>
 */
final class RetryingConnector implements GitHubConnector {
  private static final Duration SECONDARY_LIMIT_WAIT = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(RetryingConnector.class);

  private final GitHubConnector delegate;
  private final RetryBudget budget;
  private final Sleeper sleeper;
  private final Clock clock;

  RetryingConnector(GitHubConnector delegate, RetryBudget budget, Sleeper sleeper, Clock clock) {
    this.delegate = delegate;
    this.budget = budget;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  @Override
  public BufferedResponse send(GitHubConnectorRequest connectorRequest) throws IOException {
    BufferedRequest request = BufferedRequest.of(connectorRequest);
    Duration waited = Duration.ZERO;
    for (int attempt = 1; ; attempt++) {
      BufferedResponse response;
      try {
        response = (BufferedResponse) delegate.send(request);
      } catch (GitHubCallFailure alreadyClassified) {
        throw alreadyClassified;
      } catch (InterruptedIOException e) {
        throw failure(Kind.UNAVAILABLE, "Interrupted while calling GitHub (" + request.describe() + ").");
      } catch (IOException e) {
        boolean neverSent = e instanceof ConnectException || e instanceof HttpConnectTimeoutException
            || e.getCause() instanceof ConnectException;
        String what = e instanceof HttpTimeoutException ? "did not answer " + request.describe() + " in time"
            : "could not be reached for " + request.describe() + " (" + e.getClass().getSimpleName() + ")";
        if (!neverSent && !request.mayResend()) {
          throw failure(Kind.UNKNOWN_OUTCOME, "GitHub " + what
              + "; it may or may not have taken effect.");
        }
        Duration pause = backoff(attempt);
        if (fits(attempt, waited, pause)) {
          LOG.info("GitHub {}; retrying in {} ms (attempt {} of {}).", what, pause.toMillis(), attempt + 1, budget.maxAttempts());
          waited = waited.plus(pause(pause));
          continue;
        }
        throw failure(Kind.UNAVAILABLE, "GitHub " + what + ", after " + attempt + " attempt(s).");
      }

      Option<Duration> rateLimitWait = rateLimitWait(response);
      if (rateLimitWait.isDefined()) {
        Duration wait = rateLimitWait.get();
        if (fits(attempt, waited, wait)) {
          LOG.info("GitHub rate-limited {}; retrying in {} ms as it asked (attempt {} of {}).",
              request.describe(), wait.toMillis(), attempt + 1, budget.maxAttempts());
          waited = waited.plus(pause(wait));
          continue;
        }
        throw new GitHubCallFailure(new PortFailure(Kind.RATE_LIMITED,
            "GitHub's rate limit is exhausted for " + request.describe() + "; retry in " + seconds(wait) + ".",
            Option.some(wait)));
      }
      int status = response.statusCode();
      if (status >= 500) {
        if (!request.mayResend()) {
          throw failure(Kind.UNKNOWN_OUTCOME, "GitHub answered " + status + " to " + request.describe()
              + "; it may or may not have taken effect.");
        }
        Duration pause = retryAfter(response).getOrElse(backoff(attempt));
        if (fits(attempt, waited, pause)) {
          LOG.info("GitHub answered {} to {}; retrying in {} ms (attempt {} of {}).",
              status, request.describe(), pause.toMillis(), attempt + 1, budget.maxAttempts());
          waited = waited.plus(pause(pause));
          continue;
        }
        throw failure(Kind.UNAVAILABLE, "GitHub answered " + status + " to " + request.describe() + " after "
            + attempt + " attempt(s).");
      }
      return response.answering(connectorRequest);
    }
  }

  private boolean fits(int attempt, Duration waited, Duration pause) {
    return attempt < budget.maxAttempts() && waited.plus(pause).compareTo(budget.maxTotalWait()) <= 0;
  }

  private Duration backoff(int attempt) {
    return budget.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 16));
  }

  private Duration pause(Duration pause) throws IOException {
    if (pause.isZero() || pause.isNegative()) {
      return Duration.ZERO;
    }
    try {
      sleeper.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(Kind.UNAVAILABLE, "Interrupted while waiting to retry a GitHub call.");
    }
    return pause;
  }

  /** The wait GitHub asks for when this answer is a rate limit (primary or secondary); none otherwise. */
  Option<Duration> rateLimitWait(BufferedResponse response) {
    int status = response.statusCode();
    if (status != 403 && status != 429) {
      return Option.none();
    }
    Option<Duration> retryAfter = retryAfter(response);
    if (retryAfter.isDefined()) {
      return retryAfter;
    }
    if ("0".equals(response.header("x-ratelimit-remaining"))) {
      String reset = response.header("x-ratelimit-reset");
      if (reset != null) {
        try {
          Duration untilReset = Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset.trim())));
          return Option.some(untilReset.isNegative() ? Duration.ZERO : untilReset.plusSeconds(1));
        } catch (NumberFormatException | java.time.DateTimeException ignored) {
          return Option.some(SECONDARY_LIMIT_WAIT);
        }
      }
      return Option.some(SECONDARY_LIMIT_WAIT);
    }
    if (status == 429 || response.bodyText().toLowerCase(Locale.ROOT).contains("rate limit")) {
      return Option.some(SECONDARY_LIMIT_WAIT);
    }
    return Option.none(); // a plain 403: permission, not a limit
  }

  private static Option<Duration> retryAfter(BufferedResponse response) {
    String value = response.header("retry-after");
    if (value == null) {
      return Option.none();
    }
    try {
      long seconds = Long.parseLong(value.trim());
      return Option.some(Duration.ofSeconds(Math.max(0, seconds)));
    } catch (NumberFormatException e) {
      return Option.none(); // GitHub sends seconds; an HTTP date is not expected
    }
  }

  private static String seconds(Duration d) {
    return d.toSeconds() + " s";
  }

  private static GitHubCallFailure failure(Kind kind, String message) {
    return new GitHubCallFailure(PortFailure.of(kind, message));
  }
}
