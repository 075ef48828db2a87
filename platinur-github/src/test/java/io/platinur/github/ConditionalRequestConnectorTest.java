package io.platinur.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.kohsuke.github.connector.GitHubConnector;

/** The cache on its own, in front of a scripted server that answers 304 to a matching If-None-Match. */
class ConditionalRequestConnectorTest {
  final List<String> sent = new ArrayList<>();

  /** Answers every URL with body "v1" and ETag "e-<path>", or 304 when the request already holds that ETag. */
  final GitHubConnector server = request -> {
    String etag = "\"e-" + request.url().getPath() + "\"";
    String conditional = request.header("If-None-Match");
    sent.add(request.method() + " " + request.url().getPath() + (conditional == null ? "" : " if-none-match"));
    if (etag.equals(conditional)) {
      return new BufferedResponse(request, 304, Map.of("ETag", List.of(etag)), new byte[0]);
    }
    return new BufferedResponse(request, 200, Map.of("ETag", List.of(etag), "Content-Type", List.of("application/json")),
        "\"v1\"".getBytes(StandardCharsets.UTF_8));
  };

  static BufferedRequest request(String method, String path) throws Exception {
    return BufferedRequest.of(method, new URL("http://github.test" + path),
        Map.of("Authorization", "Bearer secret-token", "Accept", "application/vnd.github+json"),
        method.equals("GET") ? null : new byte[0], method.equals("GET") ? null : "application/json",
        method.equals("GET"));
  }

  @Nested
  class with_room_for_two_answers {
    final ConditionalRequestConnector cache = new ConditionalRequestConnector(server, 2);

    @Test
    void replays_the_remembered_body_as_a_200_when_github_answers_304() throws Exception {
      cache.send(request("GET", "/a"));
      BufferedResponse replayed = cache.send(request("GET", "/a"));

      assertThat(replayed.statusCode()).isEqualTo(200);
      assertThat(replayed.bodyText()).isEqualTo("\"v1\"");
      assertThat(sent).containsExactly("GET /a", "GET /a if-none-match");
    }

    @Test
    void forgets_the_least_recently_used_answer_beyond_its_size() throws Exception {
      cache.send(request("GET", "/a"));
      cache.send(request("GET", "/b"));
      cache.send(request("GET", "/a"));
      cache.send(request("GET", "/c")); // evicts /b, used least recently
      cache.send(request("GET", "/a"));
      cache.send(request("GET", "/b"));

      assertThat(sent).containsExactly("GET /a", "GET /b", "GET /a if-none-match", "GET /c",
          "GET /a if-none-match", "GET /b");
    }

    @Test
    void keeps_no_request_headers_and_shows_none() throws Exception {
      BufferedResponse first = cache.send(request("GET", "/a"));
      BufferedResponse replayed = cache.send(request("GET", "/a"));

      assertThat(replayed.allHeaders().keySet()).doesNotContain("Authorization");
      assertThat(first.request().toString()).doesNotContain("secret-token");
      assertThat(replayed.request().toString()).doesNotContain("secret-token");
    }

    @Test
    void never_makes_other_methods_conditional() throws Exception {
      cache.send(request("GET", "/a"));
      cache.send(request("PATCH", "/a"));

      assertThat(sent).containsExactly("GET /a", "PATCH /a");
    }
  }
}
