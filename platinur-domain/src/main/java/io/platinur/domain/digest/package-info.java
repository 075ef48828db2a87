/**
 * Promote by digest (ADR-0034): one immutable image digest, built once, climbs an ordered
 * promotion path of environments (default dev → staging → prod). Environments are directories on
 * one branch of a GitOps repository that differ only in values overlays; a service's pin in an
 * environment is one YAML scalar. Each step is a pull request that moves exactly that scalar, gated
 * by the step's policy (CI, approvals, soak, sync windows, canary); rollback reverts the step's
 * merge commit through a pull request.
 *
 * <p>Everything here is pure: observations (pins, deployment statuses, reviews, canary verdicts,
 * the current time) come in as arguments, and every command answers with a typed rejection or the
 * events it produced.
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    defaults = @Value.Immutable(copy = false))
package io.platinur.domain.digest;

import org.immutables.value.Value;
