/**
 * The {@code platinur} command line (picocli), a thin shell over the use cases. {@link
 * io.platinur.cli.Main} is the runnable jar's entry point; start reading at {@link
 * io.platinur.cli.PlatinurCommand}.
 */
package io.platinur.cli;
