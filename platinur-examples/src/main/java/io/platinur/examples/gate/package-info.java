/**
 * The promotion gate wired to a live staging URL: {@link io.platinur.examples.gate.StagingGateExample},
 * with the console module's {@link io.platinur.console.HttpSmokeTests}.
 */
package io.platinur.examples.gate;
