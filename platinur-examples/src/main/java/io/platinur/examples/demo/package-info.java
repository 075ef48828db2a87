/**
 * The seed scenario on real Git, as {@code platinur demo} prints it: {@link io.platinur.examples.demo.SeedScenarioDemo}.
 */
package io.platinur.examples.demo;
