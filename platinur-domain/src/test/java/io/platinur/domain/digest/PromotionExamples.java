package io.platinur.domain.digest;

import io.platinur.domain.gate.DeploymentState;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.time.Instant;

/** Small, readable values for the digest-promotion tests. */
final class PromotionExamples {
  private PromotionExamples() {}

  static final ServiceName API = ServiceName.of("api");
  static final ServiceName WEB = ServiceName.of("web");
  static final EnvironmentName DEV = EnvironmentName.of("dev");
  static final EnvironmentName STAGING = EnvironmentName.of("staging");
  static final EnvironmentName PROD = EnvironmentName.of("prod");
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z"); // a Tuesday

  /** A digest whose 64 hex digits repeat {@code n}'s hex form. */
  static ImageDigest digest(int n) {
    String hex = Integer.toHexString(n);
    return ImageDigest.of("sha256:" + hex.repeat(64 / hex.length() + 1).substring(0, 64));
  }

  static CommitId commit(int n) {
    return CommitId.of(String.format("%040x", n));
  }

  static PromotionTarget target(ServiceName service, EnvironmentName environment) {
    return new PromotionTarget(service, environment);
  }

  static DigestDeployment healthy(EnvironmentName environment, ServiceName service, ImageDigest digest, Instant at) {
    return new DigestDeployment(environment, service, digest, DeploymentState.SUCCESS, at);
  }

  static Seq<DigestDeployment> allHealthy(Pins pins, Instant at) {
    return List.ofAll(pins.byEnvironment().flatMap(env -> env._2.map(pin -> healthy(env._1, pin._1, pin._2, at))));
  }
}
