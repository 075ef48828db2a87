package io.platinur.console;

import io.platinur.application.digest.DigestPromotionService;
import io.platinur.domain.Actor;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ImageDigest;
import io.platinur.domain.digest.PinLayout;
import io.platinur.domain.digest.Pins;
import io.platinur.domain.digest.PromoteRequest;
import io.platinur.domain.digest.PromotionPath;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.BranchName;
import io.platinur.port.memory.InMemoryDigestPromotionStore;
import io.platinur.port.memory.InMemoryLaneStateStore;
import io.platinur.testkit.memory.InMemoryDeliveryHistory;
import io.platinur.testkit.memory.InMemoryForge;
import io.platinur.testkit.memory.InMemoryGitOps;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A GitOps repository of many services in dev, staging and prod (in memory), each with its own
 * digest in each environment deployed healthy, and the first few services' promotions into
 * staging under way: a board the size of a real fleet.
 */
record DigestFleet(DigestPromotionService digests, InMemoryDeliveryHistory history) {
  private static final EnvironmentName DEV = EnvironmentName.of("dev");
  private static final EnvironmentName STAGING = EnvironmentName.of("staging");
  private static final EnvironmentName PROD = EnvironmentName.of("prod");
  private static final BranchName MAIN = BranchName.of("main");

  static DigestFleet of(int services, int underWay) {
    Instant now = Instant.now();
    Pins pins = Pins.none();
    for (int n = 0; n < services; n++) {
      ServiceName service = service(n);
      pins = pins.with(DEV, service, digest(n, 1)).with(STAGING, service, digest(n, 2)).with(PROD, service, digest(n, 3));
    }
    InMemoryGitOps gitops = new InMemoryGitOps(MAIN, PinLayout.standard(), pins, Instant::now);
    for (int n = 0; n < services; n++) {
      gitops.deploy(DEV, service(n), digest(n, 1), DeploymentState.SUCCESS, now.minus(Duration.ofHours(2)));
      gitops.deploy(STAGING, service(n), digest(n, 2), DeploymentState.SUCCESS, now.minus(Duration.ofHours(2)));
    }
    InMemoryDeliveryHistory history = new InMemoryDeliveryHistory(ConsoleLane.STAGING,
        new InMemoryLaneStateStore(new InMemoryForge(ConsoleLane.STAGING, MAIN)), gitops, DEV, Instant::now);
    DigestPromotionService digests = DigestPromotionService.builder(gitops, gitops, gitops).path(PromotionPath.standard())
        .store(history.recording(new InMemoryDigestPromotionStore())).clock(Instant::now).build();
    for (int n = 0; n < underWay; n++) {
      if (digests.promote(PromoteRequest.of(service(n), STAGING), Actor.of("fleet")).isLeft()) {
        throw new IllegalStateException("The fleet's promotion of " + service(n) + " was refused.");
      }
    }
    return new DigestFleet(digests, history);
  }

  private static ServiceName service(int n) {
    return ServiceName.of(String.format(Locale.ROOT, "service-%03d", n));
  }

  /** A digest of its own for each service in each environment. */
  private static ImageDigest digest(int service, int environment) {
    return ImageDigest.of("sha256:" + String.format(Locale.ROOT, "%08x", service * 31 + environment).repeat(8));
  }
}
