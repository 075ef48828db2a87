package io.platinur.domain.forge;

import io.platinur.domain.InvalidValueException;

/**
 * The name a forge and a deploy pipeline give an environment in their deployments ({@code
 * staging} on GitHub's Deployments API, a Railway environment): one non-blank line. The staging
 * lane's gate and pipeline health read the staging deploy under this name.
 */
public record DeploymentEnvironment(String name) {
  /** {@code staging}: what the gate and pipeline health read unless told otherwise. */
  public static final DeploymentEnvironment STAGING = new DeploymentEnvironment("staging");

  public DeploymentEnvironment {
    if (name == null || name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidValueException("A deployment environment needs a name: one non-blank line.");
    }
  }

  public static DeploymentEnvironment of(String name) {
    return new DeploymentEnvironment(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
