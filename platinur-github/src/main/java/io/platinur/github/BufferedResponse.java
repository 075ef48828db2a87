package io.platinur.github;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/** An answer read whole into memory (already decompressed), so it can be re-read and cached. */
final class BufferedResponse extends GitHubConnectorResponse {
  private final byte[] body;

  BufferedResponse(GitHubConnectorRequest request, int statusCode, Map<String, List<String>> headers, byte[] body) {
    super(request, statusCode, headers);
    this.body = body == null ? new byte[0] : body;
  }

  /**
   * The same answer, tied to the request object github-api passed in: github-api reads its own
   * request back from the response to bind parsed objects to their client.
   */
  BufferedResponse answering(GitHubConnectorRequest original) {
    return request() == original ? this : new BufferedResponse(original, statusCode(), allHeaders(), body);
  }

  byte[] bodyBytes() {
    return body;
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public InputStream bodyStream() {
    return new ByteArrayInputStream(body);
  }

  @Override
  public void close() {
    // nothing to release: the body is in memory
  }
}
