/**
 * The {@code platinur} command line (picocli). Start at {@link io.platinur.examples.cli.PlatinurCommand}.
 */
package io.platinur.examples.cli;
