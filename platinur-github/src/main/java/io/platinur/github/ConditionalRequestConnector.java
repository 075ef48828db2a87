package io.platinur.github;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;

/**
 * Makes repeated GETs conditional. The first answer to a GET that carries an {@code ETag} is
 * remembered; the next GET of the same URL sends {@code If-None-Match}, and when GitHub answers
 * {@code 304 Not Modified} (which does not count against the primary rate limit) the remembered
 * answer is handed to github-api as if it had been sent again, the way an HTTP cache does.
 *
 * <p>Only the answer's body and headers are kept, never request headers, so no credential is
 * stored. The cache is bounded (least recently used entries are dropped) and per platform, so one
 * repository and one identity: entries are keyed by URL and {@code Accept} header only.
 */
final class ConditionalRequestConnector implements GitHubConnector {
  private static final int MAX_BODY_BYTES = 1 << 20;

  private final GitHubConnector delegate;
  private final Map<String, BufferedResponse> cache;

  ConditionalRequestConnector(GitHubConnector delegate, int maxEntries) {
    this.delegate = delegate;
    this.cache = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, BufferedResponse> eldest) {
        return size() > maxEntries;
      }
    };
  }

  @Override
  public BufferedResponse send(GitHubConnectorRequest connectorRequest) throws IOException {
    BufferedRequest request = BufferedRequest.of(connectorRequest);
    if (!"GET".equals(request.method()) || request.header("If-None-Match") != null) {
      return ((BufferedResponse) delegate.send(request)).answering(connectorRequest);
    }
    String key = request.url() + " " + request.header("Accept");
    BufferedResponse cached;
    synchronized (cache) {
      cached = cache.get(key);
    }
    BufferedRequest sent = cached == null ? request : request.withHeader("If-None-Match", cached.header("ETag"));
    BufferedResponse response = (BufferedResponse) delegate.send(sent);
    if (cached != null && response.statusCode() == 304) {
      return replay(connectorRequest, cached, response);
    }
    String etag = response.header("ETag");
    if (response.statusCode() == 200 && etag != null && response.bodyBytes().length <= MAX_BODY_BYTES) {
      synchronized (cache) {
        cache.put(key, response);
      }
    } else if (cached != null) {
      synchronized (cache) {
        cache.remove(key);
      }
    }
    return response.answering(connectorRequest);
  }

  /** The remembered 200, with the fresh headers of the 304 (rate-limit counters, date) laid over it. */
  private static BufferedResponse replay(GitHubConnectorRequest request, BufferedResponse cached, BufferedResponse notModified) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(cached.allHeaders());
    notModified.allHeaders().forEach((name, values) -> {
      if (name != null && !name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("content-type")) {
        headers.put(name, values);
      }
    });
    return new BufferedResponse(request, 200, headers, cached.bodyBytes());
  }
}
