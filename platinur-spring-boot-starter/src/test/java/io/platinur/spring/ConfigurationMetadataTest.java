package io.platinur.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metadata IDEs complete from: every property the README and docs name is there, each with its description. */
class ConfigurationMetadataTest {
  @Test
  void every_property_is_documented_for_ides() throws Exception {
    JsonNode metadata;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("spring-configuration-metadata.json").isNotNull();
      metadata = new ObjectMapper().readTree(in);
    }
    List<String> names = new ArrayList<>();
    for (JsonNode property : metadata.path("properties")) {
      names.add(property.path("name").asText());
      assertThat(property.path("description").asText()).as(property.path("name").asText()).isNotBlank();
    }
    assertThat(names).contains("platinur.enabled", "platinur.actor", "platinur.repository.path", "platinur.repository.url",
        "platinur.repository.username", "platinur.repository.password", "platinur.lane.production-branch", "platinur.lane.staging-branch",
        "platinur.github.repository", "platinur.github.token-variable", "platinur.github.webhook-secret", "platinur.github.app.id",
        "platinur.github.app.private-key-file", "platinur.github.app.installation-id", "platinur.digest.enabled",
        "platinur.digest.gitops-branch", "platinur.digest.environments", "platinur.digest.layout", "platinur.digest.key",
        "platinur.digest.steps", "platinur.webhook.path", "platinur.sync.enabled", "platinur.sync.interval",
        "platinur.health.stale-lock-after", "platinur.health.minimum-rate-limit", "platinur.metrics.enabled", "platinur.environments");
  }
}
