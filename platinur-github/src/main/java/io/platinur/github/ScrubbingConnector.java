package io.platinur.github;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;

/**
 * Right above the network: every answer that is not a success has every {@link Secrets secret}
 * scrubbed from its body and headers before anything else (the retry logic, github-api, its
 * exceptions and logs, Platinur's failure messages) reads it. A server or proxy that echoes the
 * {@code Authorization} header in an error cannot carry the credential any further.
 *
 * <p>Successful answers are left as they are: they are data, never copied into a message, and one
 * of them legitimately carries a new installation token.
 */
final class ScrubbingConnector implements GitHubConnector {
  private final GitHubConnector network;
  private final Secrets secrets;

  ScrubbingConnector(GitHubConnector network, Secrets secrets) {
    this.network = network;
    this.secrets = secrets;
  }

  @Override
  public BufferedResponse send(GitHubConnectorRequest request) throws IOException {
    BufferedResponse response = (BufferedResponse) network.send(request);
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response;
    }
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    response.allHeaders().forEach((name, values) -> {
      if (name != null && !name.equalsIgnoreCase("content-length")) {
        headers.put(name, values.stream().map(secrets::scrub).collect(Collectors.toUnmodifiableList()));
      }
    });
    byte[] body = secrets.scrub(response.bodyText()).getBytes(StandardCharsets.UTF_8);
    return new BufferedResponse(response.request(), status, headers, body);
  }
}
