package io.platinur.github;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kohsuke.github.connector.GitHubConnectorRequest;

/**
 * A request whose body is held in memory, so it can be sent again on a retry and given extra
 * headers (If-None-Match) without touching the original.
 */
final class BufferedRequest implements GitHubConnectorRequest {
  private final String method;
  private final URL url;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final String contentType;
  private final boolean resendable;

  private BufferedRequest(String method, URL url, Map<String, List<String>> headers, byte[] body, String contentType,
      boolean resendable) {
    this.method = method;
    this.url = url;
    this.headers = headers;
    this.body = body;
    this.contentType = contentType;
    this.resendable = resendable;
  }

  static BufferedRequest of(GitHubConnectorRequest request) throws IOException {
    if (request instanceof BufferedRequest buffered) {
      return buffered;
    }
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    request.allHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
    byte[] body = null;
    if (request.hasBody()) {
      try (InputStream in = request.body()) {
        body = in == null ? new byte[0] : in.readAllBytes();
      }
    }
    String method = request.method();
    return new BufferedRequest(method, request.url(), Collections.unmodifiableMap(headers), body, request.contentType(),
        "GET".equals(method) || "HEAD".equals(method));
  }

  /**
   * A request built by the adapter itself; {@code resendable} says whether sending it twice is
   * harmless (see {@link #mayResend()}).
   */
  static BufferedRequest of(String method, URL url, Map<String, String> headers, byte[] body, String contentType,
      boolean resendable) {
    Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> all.put(k, List.of(v)));
    if (contentType != null) {
      all.put("Content-Type", List.of(contentType));
    }
    return new BufferedRequest(method, url, Collections.unmodifiableMap(all), body, contentType, resendable);
  }

  BufferedRequest withHeader(String name, String value) {
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(headers);
    copy.put(name, List.of(value));
    return new BufferedRequest(method, url, Collections.unmodifiableMap(copy), body, contentType, resendable);
  }

  /**
   * Whether this request may be sent again after an answer that leaves its outcome open (a 5xx, a
   * timeout, a connection lost after sending). Reads may; a write may not, whatever its method: a
   * merge answered 502 may have merged. Only writes the adapter marks harmless to repeat (minting an
   * installation token) may. Every request may be sent again when it never reached GitHub, or when
   * GitHub refused it for a rate limit without acting on it.
   */
  boolean mayResend() {
    return resendable;
  }

  boolean isWrite() {
    return !("GET".equals(method) || "HEAD".equals(method));
  }

  /** Method and path, as shown in messages: no query, no headers, nothing secret. */
  String describe() {
    return method + " " + url.getPath();
  }

  byte[] bodyBytes() {
    return body;
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public Map<String, List<String>> allHeaders() {
    return headers;
  }

  @Override
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : String.join(",", values);
  }

  @Override
  public String contentType() {
    return contentType;
  }

  @Override
  public InputStream body() {
    return body == null ? null : new ByteArrayInputStream(body);
  }

  @Override
  public URL url() {
    return url;
  }

  @Override
  public boolean hasBody() {
    return body != null;
  }

  @Override
  public String toString() {
    // Headers are left out on purpose: one of them is the Authorization header.
    return "BufferedRequest[" + describe() + "]";
  }
}
