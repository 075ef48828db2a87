/**
 * The Promotions console in a host application: {@link io.platinur.examples.console.ConsoleExample}
 * serves the host's own lane and proposals with {@code platinur-console}.
 */
package io.platinur.examples.console;
