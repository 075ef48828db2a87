package io.platinur.port;

import io.platinur.domain.digest.DigestDeployment;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ServiceName;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;

/** Deployment statuses of a service in an environment, each with its digest and its own time. */
public interface DigestDeployments {
  Either<PortFailure, Seq<DigestDeployment>> statuses(EnvironmentName environment, ServiceName service);

  /**
   * The statuses of every one of {@code services} in {@code environment}: what a board reads once
   * per environment before deciding. This default asks per service; an adapter that can read an
   * environment at once overrides it.
   */
  default Either<PortFailure, Seq<DigestDeployment>> statuses(EnvironmentName environment, Seq<ServiceName> services) {
    return Either.sequenceRight(services.map(service -> statuses(environment, service)))
        .map(perService -> List.ofAll(perService).flatMap(statuses -> statuses));
  }
}
