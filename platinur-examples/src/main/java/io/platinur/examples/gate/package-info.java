/**
 * The promotion gate wired to a live staging URL: {@link io.platinur.examples.gate.HttpSmokeTests} and
 * {@link io.platinur.examples.gate.StagingGateExample}.
 */
package io.platinur.examples.gate;
