package io.platinur.domain.digest;

import io.platinur.domain.gate.DeploymentState;
import java.time.Instant;
import java.util.Objects;

/**
 * One deployment status, as the forge recorded it: {@code service} at {@code digest} in
 * {@code environment} reached {@code state} at {@code at} (the status's own time, never the
 * caller's clock).
 */
public record DigestDeployment(EnvironmentName environment, ServiceName service, ImageDigest digest, DeploymentState state, Instant at) {
  public DigestDeployment {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(at, "at");
  }
}
