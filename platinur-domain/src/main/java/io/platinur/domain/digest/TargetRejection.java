package io.platinur.domain.digest;

import java.util.Objects;

/** The service or the environment a command names is not on the promotion path or in the repository. */
public sealed interface TargetRejection extends PromoteRejection, CompleteRejection, RollbackRejection, EvaluateRejection
    permits TargetRejection.UnknownEnvironment, TargetRejection.UnknownService {

  /** {@code Unknown environment ‘qa’: the promotion path is dev → staging → prod.} */
  record UnknownEnvironment(EnvironmentName environment, String path) implements TargetRejection {
    public UnknownEnvironment {
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String message() {
      return "Unknown environment ‘" + environment + "’: the promotion path is " + path + ".";
    }
  }

  /** {@code Unknown service ‘billing’: no environment pins it.} */
  record UnknownService(ServiceName service) implements TargetRejection {
    public UnknownService {
      Objects.requireNonNull(service, "service");
    }

    @Override
    public String message() {
      return "Unknown service ‘" + service + "’: no environment pins it.";
    }
  }
}
