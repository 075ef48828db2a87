package io.platinur.domain.metrics;

import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.repository.BranchName;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * Which scopes a report covers. A lane filter selects that lane only; a service or environment
 * filter selects the services × environments that match (both: that one target), and no lane.
 * {@link #all()} selects everything.
 */
public record MetricsFilter(Option<BranchName> lane, Option<ServiceName> service, Option<EnvironmentName> environment) {
  public MetricsFilter {
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
  }

  public static MetricsFilter all() {
    return new MetricsFilter(Option.none(), Option.none(), Option.none());
  }

  public MetricsFilter lane(BranchName staging) {
    return new MetricsFilter(Option.some(staging), service, environment);
  }

  public MetricsFilter service(ServiceName name) {
    return new MetricsFilter(lane, Option.some(name), environment);
  }

  public MetricsFilter environment(EnvironmentName name) {
    return new MetricsFilter(lane, service, Option.some(name));
  }

  public boolean isAll() {
    return lane.isEmpty() && service.isEmpty() && environment.isEmpty();
  }

  public boolean selects(DeliveryScope scope) {
    return scope.fold(
        laneScope -> service.isEmpty() && environment.isEmpty() && lane.forAll(laneScope.staging()::equals),
        target -> lane.isEmpty() && service.forAll(target.target().service()::equals)
            && environment.forAll(target.target().environment()::equals));
  }

  /** {@code lane staging}, {@code service api in prod}, {@code environment prod}; {@code everything} for {@link #all()}. */
  public String describe() {
    return List.of(
            lane.map(name -> "lane " + name),
            service.map(name -> "service " + name),
            environment.map(name -> (service.isDefined() ? "in " : "environment ") + name))
        .flatMap(part -> part)
        .mkString(" ")
        .transform(words -> words.isEmpty() ? "everything" : words);
  }
}
