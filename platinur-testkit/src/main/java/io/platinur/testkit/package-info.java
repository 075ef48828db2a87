/**
 * A kit for testing code that drives Platinur, added in test scope: QuickTheories {@link
 * io.platinur.testkit.Generators}, the reference model of a lane ({@code model}), in-memory adapters
 * ({@code memory}) and one contract test per port ({@code contract}), plus {@link
 * io.platinur.testkit.GitCli} to check a repository with the {@code git} command line.
 */
package io.platinur.testkit;
