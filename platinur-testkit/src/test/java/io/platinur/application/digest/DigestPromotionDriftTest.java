package io.platinur.application.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.domain.digest.EnvironmentDrift;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.repository.BranchName;
import io.platinur.port.memory.InMemoryDigestPromotionStore;
import io.platinur.testkit.memory.InMemoryGitOps;
import io.vavr.collection.List;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The board reports drift: files other than values overlays that differ between environment directories. */
class DigestPromotionDriftTest {
  private static final ServiceName API = ServiceName.of("api");
  private static final EnvironmentName DEV = EnvironmentName.of("dev");
  private static final EnvironmentName STAGING = EnvironmentName.of("staging");
  private static final EnvironmentName PROD = EnvironmentName.of("prod");
  private static final BranchName MAIN = BranchName.of("main");
  private static final ImageDigest ONE = ImageDigest.of("sha256:" + "a1".repeat(32));
  private static final ImageDigest TWO = ImageDigest.of("sha256:" + "b2".repeat(32));

  private final InMemoryGitOps gitops = new InMemoryGitOps(MAIN, PinLayout.standard(),
      Pins.none().with(DEV, API, ONE).with(STAGING, API, TWO).with(PROD, API, TWO), () -> Instant.parse("2026-12-01T10:00:00Z"));
  private final CrashingPorts ports = new CrashingPorts();
  private final DigestPromotionService service = new DigestPromotionService(PromotionPath.standard(), PinLayout.standard(), MAIN,
      ports.ports(gitops, new InMemoryDigestPromotionStore()), () -> Instant.parse("2026-12-01T10:00:00Z"));

  private List<String> drift() {
    return service.board().get().drift().map(EnvironmentDrift.DriftedFile::message).toList();
  }

  @Test
  void environments_that_differ_only_in_values_overlays_do_not_drift() {
    for (EnvironmentName env : List.of(DEV, STAGING, PROD)) {
      gitops.addFile(MAIN, "environments/" + env + "/api/chart.yaml", "version: 1\n");
    }
    gitops.addFile(MAIN, "README.md", "outside every environment directory\n");
    assertThat(drift()).isEmpty();
  }

  @Test
  void a_file_that_differs_or_is_missing_somewhere_is_drift() {
    for (EnvironmentName env : List.of(DEV, STAGING, PROD)) {
      gitops.addFile(MAIN, "environments/" + env + "/api/chart.yaml", env.equals(PROD) ? "version: 2\n" : "version: 1\n");
    }
    gitops.addFile(MAIN, "environments/staging/api/hotfix.yaml", "patch: true\n");
    assertThat(drift()).containsExactly(
        "api/chart.yaml differs between environments; environments may differ only in their values overlays.",
        "api/hotfix.yaml differs between environments (missing in dev, prod); environments may differ only in their values overlays.");
  }
}
