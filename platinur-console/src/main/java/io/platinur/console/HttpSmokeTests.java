package io.platinur.console;

import io.platinur.domain.gate.SmokeCheck;
import io.platinur.domain.gate.SmokeOutcome;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.PortFailure;
import io.platinur.port.SmokeTests;
import io.vavr.control.Either;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * Smoke checks against the live staging URL over HTTP: one GET, answered 2xx means
 * {@link SmokeOutcome#PASSED}, any other status {@link SmokeOutcome#FAILED}, and no answer (refused
 * connection, unknown host, timeout) {@link SmokeOutcome#UNREACHABLE}, which blocks the promotion
 * as ADR-005 demands.
 *
 * <pre>{@code
 * SmokeTests smoke = new HttpSmokeTests(URI.create("https://staging.example.com/health"),
 *     Duration.ofSeconds(2), Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>Redirects are not followed (a 3xx fails): point the check at the URL that answers. The
 * check is about the URL, not the commit: pair it with the deployment status at the exact
 * commit (the gate does) to know that what answered is what is being promoted. The outcome's detail
 * names the URL and the status, never response bodies or headers, which may carry secrets.
 */
public final class HttpSmokeTests implements SmokeTests {
  private final URI stagingUrl;
  private final String shown;
  private final Duration requestTimeout;
  private final HttpClient client;

  /**
   * @param stagingUrl the page or health endpoint to GET (http or https)
   * @param connectTimeout how long to wait for a connection
   * @param requestTimeout how long to wait for the whole answer
   */
  public HttpSmokeTests(URI stagingUrl, Duration connectTimeout, Duration requestTimeout) {
    this.stagingUrl = Objects.requireNonNull(stagingUrl, "stagingUrl");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    String scheme = stagingUrl.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || stagingUrl.getHost() == null) {
      throw new IllegalArgumentException("A staging URL must be an http or https URL with a host.");
    }
    // Userinfo and query may hold credentials: the detail shows scheme, host, port and path only.
    this.shown = scheme + "://" + stagingUrl.getHost() + (stagingUrl.getPort() < 0 ? "" : ":" + stagingUrl.getPort())
        + (stagingUrl.getRawPath() == null ? "" : stagingUrl.getRawPath());
    this.client = HttpClient.newBuilder()
        .connectTimeout(Objects.requireNonNull(connectTimeout, "connectTimeout"))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public Either<PortFailure, SmokeCheck> runAgainstStaging(CommitId expectedCommit) {
    HttpRequest request = HttpRequest.newBuilder(stagingUrl).timeout(requestTimeout).GET()
        .header("User-Agent", "platinur-smoke").build();
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      SmokeOutcome outcome = status >= 200 && status < 300 ? SmokeOutcome.PASSED : SmokeOutcome.FAILED;
      return Either.right(new SmokeCheck(expectedCommit, outcome, "GET " + shown + " answered " + status));
    } catch (IOException e) {
      // Refused, reset, unknown host or timed out: staging is not there to be checked.
      return Either.right(new SmokeCheck(expectedCommit, SmokeOutcome.UNREACHABLE,
          "GET " + shown + " got no answer (" + e.getClass().getSimpleName() + ")"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Either.left(PortFailure.of(PortFailure.Kind.UNKNOWN_OUTCOME, "The smoke check of " + shown + " was interrupted."));
    }
  }

  @Override
  public String toString() {
    return "HttpSmokeTests[" + shown + "]";
  }
}
