package io.platinur.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.kohsuke.github.connector.GitHubConnector;

/**
 * The few calls github-api has no method for (branch rules, GraphQL), sent through the same
 * connector stack (conditional, retrying, scrubbed) with the same credentials. Answers are JSON
 * trees; a non-2xx answer becomes a {@link GitHubCallFailure} with GitHub's own message.
 */
final class RestCalls {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI apiEndpoint;
  private final GitHubConnector connector;
  private final AuthorizationProvider authorization;

  RestCalls(URI apiEndpoint, GitHubConnector connector, AuthorizationProvider authorization) {
    this.apiEndpoint = apiEndpoint;
    this.connector = connector;
    this.authorization = authorization;
  }

  /** {@code GET path}: the answer as JSON. */
  JsonNode get(String path) throws IOException {
    return send("GET", path, null);
  }

  /** A GraphQL request ({@code POST /graphql}); GitHub's {@code errors} become a failure. */
  JsonNode graphql(String query, Map<String, Object> variables) throws IOException {
    byte[] body = JSON.writeValueAsBytes(Map.of("query", query, "variables", variables));
    JsonNode answer = send("POST", graphqlPath(), body);
    JsonNode errors = answer.path("errors");
    if (errors.isArray() && errors.size() > 0) {
      String type = errors.path(0).path("type").asText("");
      String said = Secrets.scrubShapes(errors.path(0).path("message").asText("GraphQL error"));
      Kind kind = "NOT_FOUND".equals(type) ? Kind.NOT_FOUND
          : "FORBIDDEN".equals(type) ? Kind.UNAUTHORIZED
          : Kind.REJECTED;
      throw new GitHubCallFailure(PortFailure.of(kind, "GitHub refused the request (“" + cut(said) + "”)."));
    }
    return answer.path("data");
  }

  /** GitHub Enterprise Server serves GraphQL at {@code /api/graphql}, next to {@code /api/v3}. */
  private String graphqlPath() {
    String base = apiEndpoint.getPath();
    return base.endsWith("/v3") ? "/../graphql" : "/graphql";
  }

  private JsonNode send(String method, String path, byte[] body) throws IOException {
    URL url = URI.create(apiEndpoint + path).normalize().toURL();
    Map<String, String> headers = new java.util.HashMap<>(Map.of(
        "Accept", "application/vnd.github+json",
        "X-GitHub-Api-Version", "2022-11-28"));
    String auth = authorization.getEncodedAuthorization();
    if (auth != null) {
      headers.put("Authorization", auth);
    }
    BufferedRequest request = BufferedRequest.of(method, url, headers, body, body == null ? null : "application/json",
        "GET".equals(method));
    BufferedResponse response = (BufferedResponse) connector.send(request);
    int status = response.statusCode();
    if (status < 200 || status >= 300) {
      String said = Failures.githubMessage(response.bodyText()).map(m -> " (“" + m + "”)").getOrElse("");
      Kind kind = switch (status) {
        case 401, 403 -> Kind.UNAUTHORIZED;
        case 404, 410 -> Kind.NOT_FOUND;
        case 409 -> Kind.CONFLICT;
        case 422 -> Kind.INVALID_REQUEST;
        default -> status >= 500 ? Kind.UNAVAILABLE : Kind.INVALID_REQUEST;
      };
      throw new GitHubCallFailure(PortFailure.of(kind, "GitHub answered " + status + " to " + request.describe() + said + "."));
    }
    return JSON.readTree(new String(response.bodyBytes(), StandardCharsets.UTF_8));
  }

  private static String cut(String text) {
    String flat = text.replaceAll("\\p{Cntrl}", " ");
    return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
  }
}
