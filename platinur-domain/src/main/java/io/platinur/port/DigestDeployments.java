package io.platinur.port;

import io.platinur.domain.digest.DigestDeployment;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ServiceName;
import io.vavr.collection.Seq;
import io.vavr.control.Either;

/** Deployment statuses of a service in an environment, each with its digest and its own time. */
public interface DigestDeployments {
  Either<PortFailure, Seq<DigestDeployment>> statuses(EnvironmentName environment, ServiceName service);
}
