/**
 * Promotion gates (ADR-005, ADR-0034): what must hold at the exact commit being promoted before a
 * promotion from Staging to Prod is authorized, as pure functions of the evidence.
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    defaults = @Value.Immutable(copy = false))
package io.platinur.domain.gate;

import org.immutables.value.Value;
