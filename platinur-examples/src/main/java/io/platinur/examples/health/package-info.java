/** ADR-005's pipeline-health detection layer: a host's periodic check that raises deduplicated alerts. */
package io.platinur.examples.health;
