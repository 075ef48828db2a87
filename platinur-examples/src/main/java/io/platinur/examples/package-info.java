/**
 * The {@code platinur} command and programs a new user starts from: {@link io.platinur.examples.Main}
 * runs the command; the sub-packages hold the command itself ({@code cli}), the demo ({@code demo}) and
 * small programs showing how a host application embeds Platinur ({@code embed}, {@code gate},
 * {@code github}).
 */
package io.platinur.examples;
