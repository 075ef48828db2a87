/**
 * The two environments, Staging and Prod, what each allows, and the lane configuration that keeps
 * their branches and output schemas apart.
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    defaults = @Value.Immutable(copy = false))
package io.platinur.domain.environment;

import org.immutables.value.Value;
