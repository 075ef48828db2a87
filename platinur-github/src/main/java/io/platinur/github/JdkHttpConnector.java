package io.platinur.github;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;

/**
 * Sends one request with {@code java.net.http}, with a connect timeout and a timeout on the whole
 * answer, follows no redirects (github-api handles them and strips credentials when the host
 * changes) and returns the answer decompressed and in memory.
 */
final class JdkHttpConnector implements GitHubConnector {
  // java.net.http sets these itself and refuses them from callers
  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final HttpClient client;
  private final Duration requestTimeout;

  JdkHttpConnector(Duration connectTimeout, Duration requestTimeout) {
    this.client = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
    this.requestTimeout = requestTimeout;
  }

  @Override
  public BufferedResponse send(GitHubConnectorRequest connectorRequest) throws IOException {
    BufferedRequest request = BufferedRequest.of(connectorRequest);
    HttpRequest.Builder builder;
    try {
      builder = HttpRequest.newBuilder(request.url().toURI()).timeout(requestTimeout);
    } catch (URISyntaxException e) {
      throw new IOException("Not a valid request URL: " + request.describe(), e);
    }
    request.allHeaders().forEach((name, values) -> {
      if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(v -> builder.header(name, v));
      }
    });
    byte[] body = request.bodyBytes();
    builder.method(request.method(),
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<byte[]> response;
    try {
      response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("Interrupted while waiting for GitHub: " + request.describe());
    }
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(response.headers().map());
    byte[] bytes = response.body();
    List<String> encoding = headers.get("content-encoding");
    if (encoding != null && encoding.stream().anyMatch(e -> e.equalsIgnoreCase("gzip")) && bytes.length > 0) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        bytes = in.readAllBytes();
      }
      headers.remove("content-encoding");
      headers.remove("content-length");
    }
    return new BufferedResponse(connectorRequest, response.statusCode(), headers, bytes);
  }
}
