package io.platinur.domain.digest;

import io.vavr.collection.SortedMap;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * The matrix environment × service → digest, as read from the GitOps repository at one commit.
 * A service missing in an environment has no pin there.
 */
public record Pins(SortedMap<EnvironmentName, SortedMap<ServiceName, ImageDigest>> byEnvironment) {
  public Pins {
    Objects.requireNonNull(byEnvironment, "byEnvironment");
    byEnvironment = byEnvironment.filterValues(services -> !services.isEmpty());
  }

  public static Pins none() {
    return new Pins(TreeMap.empty());
  }

  /** These pins with {@code service} pinned to {@code digest} in {@code environment}. */
  public Pins with(EnvironmentName environment, ServiceName service, ImageDigest digest) {
    SortedMap<ServiceName, ImageDigest> services = byEnvironment.get(environment).getOrElse(TreeMap.empty());
    return new Pins(byEnvironment.put(environment, services.put(service, digest)));
  }

  public Option<ImageDigest> pin(EnvironmentName environment, ServiceName service) {
    return byEnvironment.get(environment).flatMap(services -> services.get(service));
  }

  public Option<ImageDigest> pin(PromotionTarget target) {
    return pin(target.environment(), target.service());
  }

  /** Every service pinned in any environment. */
  public SortedSet<ServiceName> services() {
    return byEnvironment.values().flatMap(SortedMap::keySet).toSortedSet();
  }

  /** The manifest of one environment: its sorted service → digest pins. */
  public PlatformManifest manifest(EnvironmentName environment) {
    return new PlatformManifest(environment, byEnvironment.get(environment).getOrElse(TreeMap.empty()));
  }
}
