package io.platinur.domain.digest;

import io.platinur.domain.gate.DeploymentState;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Comparator;

/**
 * Whether a digest is deployed healthy in an environment, and since when, from deployment
 * statuses alone. It is when the latest status of the service there is {@code success} for that
 * digest; it has been since the first status of the unbroken run of successes of that digest that
 * ends with the latest one. A newer deployment of another digest, or a failure in between, ends
 * the run.
 */
public final class DeploymentHealth {
  private DeploymentHealth() {}

  /** Since when {@code digest} is deployed healthy; none when it is not. */
  public static Option<Instant> healthySince(
      Seq<DigestDeployment> statuses, EnvironmentName environment, ServiceName service, ImageDigest digest) {
    Seq<DigestDeployment> ordered =
        statuses.filter(s -> s.environment().equals(environment) && s.service().equals(service))
            .sorted(Comparator.comparing(DigestDeployment::at));
    Seq<DigestDeployment> run =
        ordered.reverse().takeWhile(s -> s.digest().equals(digest) && s.state() == DeploymentState.SUCCESS);
    return run.isEmpty() ? Option.none() : Option.some(run.last().at());
  }

  /** The latest status of {@code service} in {@code environment}, if any. */
  public static Option<DigestDeployment> latest(Seq<DigestDeployment> statuses, EnvironmentName environment, ServiceName service) {
    return statuses.filter(s -> s.environment().equals(environment) && s.service().equals(service))
        .maxBy(Comparator.comparing(DigestDeployment::at));
  }
}
