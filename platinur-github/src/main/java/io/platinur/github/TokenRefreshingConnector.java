package io.platinur.github;

import java.io.IOException;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;

/**
 * For GitHub App credentials: when GitHub answers 401 to a request sent with an installation token
 * (revoked early, or the host's clock is off so the token looked fresh), gets a new token and sends
 * the request once more with it. Any method may be sent again: GitHub refused it before acting. A
 * second 401 is the answer; there is no loop.
 */
final class TokenRefreshingConnector implements GitHubConnector {
  private final GitHubConnector delegate;
  private final AppInstallationTokens tokens;

  TokenRefreshingConnector(GitHubConnector delegate, AppInstallationTokens tokens) {
    this.delegate = delegate;
    this.tokens = tokens;
  }

  @Override
  public BufferedResponse send(GitHubConnectorRequest connectorRequest) throws IOException {
    BufferedRequest request = BufferedRequest.of(connectorRequest);
    BufferedResponse response = (BufferedResponse) delegate.send(request);
    String sentWith = request.header("Authorization");
    if (response.statusCode() != 401 || sentWith == null) {
      return response.answering(connectorRequest);
    }
    String renewed = tokens.renewAfterRejection(sentWith);
    if (renewed.equals(sentWith)) {
      return response.answering(connectorRequest); // this token was itself a renewal: no second one
    }
    return ((BufferedResponse) delegate.send(request.withHeader("Authorization", renewed))).answering(connectorRequest);
  }
}
