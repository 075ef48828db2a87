package io.platinur.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.kohsuke.github.connector.GitHubConnector;

/**
 * GitHub App authentication: signs a JWT, exchanges it for an installation token
 * ({@code POST /app/installations/{id}/access_tokens}) and hands that token to every request,
 * getting a new one five minutes before the old one expires, or at once when GitHub answers 401 to
 * it (revoked, or the clock is off). Exactly one request per refresh; nothing is called at start-up.
 */
final class AppInstallationTokens implements AuthorizationProvider {
  static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI tokenUrl;
  private final GitHubCredentials app;
  private final GitHubConnector network;
  private final Clock clock;
  private final Secrets secrets;
  private String token;
  private Instant expiresAt = Instant.MIN;
  private boolean renewedAfterRejection;

  AppInstallationTokens(URI apiEndpoint, GitHubCredentials app, GitHubConnector network, Clock clock, Secrets secrets) {
    this.tokenUrl = URI.create(apiEndpoint + "/app/installations/" + app.installationId() + "/access_tokens");
    this.app = app;
    this.network = network;
    this.clock = clock;
    this.secrets = secrets;
  }

  @Override
  public synchronized String getEncodedAuthorization() throws IOException {
    Instant now = clock.instant();
    if (token == null || !now.isBefore(expiresAt.minus(REFRESH_BEFORE_EXPIRY))) {
      refresh(now);
      renewedAfterRejection = false;
    }
    return "Bearer " + token;
  }

  /**
   * After GitHub answered 401 to a request sent with {@code rejected}: a new token, once. When the
   * token in use is no longer the rejected one (another thread already renewed it), that one is
   * returned without asking GitHub again.
   */
  synchronized String renewAfterRejection(String rejected) throws IOException {
    if (token == null || rejected.equals("Bearer " + token) && !renewedAfterRejection) {
      refresh(clock.instant());
      // a token minted because the last one was refused is not renewed on a 401 again: the cause
      // is then not the token's age, and asking again would loop
      renewedAfterRejection = true;
    }
    return "Bearer " + token;
  }

  private void refresh(Instant now) throws IOException {
    String jwt = AppJwt.sign(app.appId(), app.appKey(), now);
    secrets.learn(jwt);
    BufferedRequest request = BufferedRequest.of("POST", tokenUrl.toURL(), Map.of(
        "Authorization", "Bearer " + jwt,
        "Accept", "application/vnd.github+json",
        "X-GitHub-Api-Version", "2022-11-28"), new byte[0], "application/json", true);
    BufferedResponse response = (BufferedResponse) network.send(request);
    String who = "GitHub App " + app.appId() + ", installation " + app.installationId();
    if (response.statusCode() != 201 && response.statusCode() != 200) {
      String said = Failures.githubMessage(response.bodyText()).map(m -> " (“" + m + "”)").getOrElse("");
      Kind kind = response.statusCode() == 401 || response.statusCode() == 403 || response.statusCode() == 404
          ? Kind.UNAUTHORIZED : Kind.UNAVAILABLE;
      throw new GitHubCallFailure(PortFailure.of(kind,
          "GitHub refused an installation token for " + who + ": " + response.statusCode() + said + "."));
    }
    try {
      JsonNode body = JSON.readTree(response.bodyBytes());
      String fresh = body.path("token").asText("");
      Instant expiry = Instant.parse(body.path("expires_at").asText(""));
      if (fresh.isEmpty() || fresh.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
        throw new IOException("no token");
      }
      secrets.learn(fresh);
      token = fresh;
      expiresAt = expiry;
    } catch (IOException | DateTimeParseException e) {
      // the body holds a token: nothing of it goes into the message
      throw new GitHubCallFailure(PortFailure.of(Kind.MALFORMED_RESPONSE,
          "GitHub's installation token answer for " + who + " could not be read."));
    }
  }

  @Override
  public String toString() {
    return "AppInstallationTokens[app " + app.appId() + ", installation " + app.installationId() + ", token hidden]";
  }
}
