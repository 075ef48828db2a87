package io.platinur.domain.digest;

import static io.platinur.domain.digest.PromotionExamples.DEV;
import static io.platinur.domain.digest.PromotionExamples.PROD;
import static io.platinur.domain.digest.PromotionExamples.STAGING;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import org.junit.jupiter.api.Test;

class EnvironmentDriftTest {
  @Test
  void values_overlays_may_differ_everything_else_is_drift() {
    Map<String, String> dev = HashMap.of("api/values.yaml", "v-dev", "api/chart.yaml", "c1", "web/values.yaml", "w-dev");
    Map<String, String> staging = HashMap.of("api/values.yaml", "v-staging", "api/chart.yaml", "c1", "web/values.yaml", "w-st");
    Map<String, String> prod = HashMap.of("api/values.yaml", "v-prod", "api/chart.yaml", "c2", "web/values.yaml", "w-prod", "web/extra.yaml", "x");
    var drift = EnvironmentDrift.between(PinLayout.standard(), HashMap.of(DEV, dev, STAGING, staging, PROD, prod));
    assertThat(drift.map(EnvironmentDrift.DriftedFile::message)).containsExactly(
        "api/chart.yaml differs between environments; environments may differ only in their values overlays.",
        "web/extra.yaml differs between environments (missing in dev, staging); environments may differ only in their values overlays.");
    assertThat(EnvironmentDrift.between(PinLayout.standard(), HashMap.of(DEV, dev, STAGING, dev))).isEmpty();
  }
}
