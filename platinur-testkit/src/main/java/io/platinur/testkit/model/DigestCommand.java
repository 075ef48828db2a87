package io.platinur.testkit.model;

import io.platinur.domain.digest.CanaryVerdict;
import io.platinur.domain.digest.EnvironmentName;
import io.platinur.domain.digest.ServiceName;
import io.platinur.domain.gate.CiState;
import io.platinur.domain.gate.DeploymentState;
import io.vavr.control.Option;
import java.time.Duration;

/**
 * One step of a promote-by-digest sequence ({@link DigestPromotionRun}): a use case called
 * (promote, complete, gate, sync, rollback), or the world acting (a build landing in dev, CI,
 * an approval, a deployment status, a canary verdict, time passing, a person closing a PR).
 * {@link DigestGenerators} draws them.
 */
public sealed interface DigestCommand {

  /** Which digest a promote command names. */
  enum Named { NONE, SOURCE_PIN, BUILD_0, BUILD_1, INITIAL_OF_TARGET }

  /** A new build of {@code service} ({@code build} indexes {@link DigestPromotionRun#BUILDS}) is pinned in dev. */
  record Build(ServiceName service, int build) implements DigestCommand {}

  /** Promote {@code service} into {@code target}, from {@code from} when named, naming a digest as {@code named} says. */
  record Promote(ServiceName service, EnvironmentName target, Option<EnvironmentName> from, Named named) implements DigestCommand {}

  /** A promote naming a tag (or a malformed digest) instead of a digest: refused before any request. */
  record PromoteTag(ServiceName service, EnvironmentName target, String tag) implements DigestCommand {}

  /** CI reports {@code state} for every commit from now on. */
  record Ci(CiState state) implements DigestCommand {}

  /** {@code reviewer} approves the head of {@code service}'s promotion PR into prod. */
  record Approve(ServiceName service, String reviewer) implements DigestCommand {}

  /** A deployment status of what {@code environment} pins for {@code service} arrives. */
  record DeployStatus(EnvironmentName environment, ServiceName service, DeploymentState state) implements DigestCommand {}

  /** The canary analysis says {@code verdict} about {@code service} in prod. */
  record Canary(ServiceName service, CanaryVerdict verdict) implements DigestCommand {}

  /** Time passes. */
  record Wait(Duration duration) implements DigestCommand {}

  /** Complete {@code service}'s promotion into {@code environment}. */
  record Complete(ServiceName service, EnvironmentName environment) implements DigestCommand {}

  /** Evaluate the gate of {@code service}'s open PR into {@code environment}. */
  record Gate(ServiceName service, EnvironmentName environment) implements DigestCommand {}

  /** Sync. */
  record Sync() implements DigestCommand {}

  /** Roll back {@code service}'s latest promotion into {@code environment}. */
  record Rollback(ServiceName service, EnvironmentName environment) implements DigestCommand {}

  /** A person closes the open promotion or rollback PR of {@code service} into {@code environment}. */
  record ClosePr(ServiceName service, EnvironmentName environment) implements DigestCommand {}
}
