package io.platinur.port;

import io.platinur.domain.promotion.DigestDeployment;
import io.platinur.domain.promotion.EnvironmentName;
import io.platinur.domain.promotion.ServiceName;
import io.vavr.collection.Seq;
import io.vavr.control.Either;

/** Deployment statuses of a service in an environment, each with its digest and its own time. */
public interface DigestDeployments {
  Either<PortFailure, Seq<DigestDeployment>> statuses(EnvironmentName environment, ServiceName service);
}
