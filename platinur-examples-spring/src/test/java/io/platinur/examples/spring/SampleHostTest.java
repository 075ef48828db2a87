package io.platinur.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample host as a user runs it: its own endpoints drive the lane, Actuator reports it, the delivery metrics are bound. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleHostTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @DynamicPropertySource
  static void repository(DynamicPropertyRegistry registry) throws IOException {
    Path bare = Files.createTempDirectory("platinur-sample").resolve("lane.git");
    assertThat(SampleHost.ensureRepository(bare)).as("made the first time").isTrue();
    assertThat(SampleHost.ensureRepository(bare)).as("kept the second").isFalse();
    registry.add("platinur.repository.path", bare::toString);
    registry.add("platinur.sync.enabled", () -> "false");
  }

  @LocalServerPort
  int port;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void applies_a_proposal_refuses_an_overlap_with_the_seeds_message_opens_the_promotion_pr_and_reports_health() throws Exception {
    HttpResponse<String> applied = post("/lane/proposals",
        "{\"id\":\"p-1\",\"title\":\"Add orders model\",\"path\":\"models/orders.sql\",\"content\":\"select 1\\n\"}");
    HttpResponse<String> overlapping = post("/lane/proposals",
        "{\"id\":\"p-2\",\"title\":\"Rework orders\",\"path\":\"models/orders.sql\",\"content\":\"select 2\\n\"}");
    HttpResponse<String> pr = post("/lane/promotion-pr", "");
    JsonNode lane = JSON.readTree(get("/lane").body());
    JsonNode health = JSON.readTree(get("/actuator/health").body());
    HttpResponse<String> metrics = get("/actuator/metrics/platinur.delivery.history.problems");

    assertThat(applied.statusCode()).isEqualTo(201);
    assertThat(overlapping.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(overlapping.body()).path("error").asText()).isEqualTo(
        "Proposal ‘Add orders model’ is already staged and also changes models/orders.sql. Promote or discard the staged batch before staging this proposal.");
    assertThat(pr.statusCode()).isEqualTo(201);
    assertThat(lane.path("lock").asText()).isEqualTo("promotion PR #1 open");
    assertThat(lane.path("staged").asInt()).isEqualTo(1);
    assertThat(health.path("status").asText()).isEqualTo("UP");
    assertThat(health.path("components").path("platinur").path("details").path("lane").path("lock").asText()).isEqualTo("promotion PR #1 open");
    assertThat(metrics.statusCode()).as("the delivery metrics are bound to the host's registry").isEqualTo(200);
    assertThat(JSON.readTree(metrics.body()).path("measurements").path(0).path("value").asDouble()).isZero();
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
