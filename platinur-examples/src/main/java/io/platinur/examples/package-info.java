/**
 * Programs a new user starts from, showing how a host application embeds Platinur: {@code embed}
 * (a lane on one bare repository), {@code github} (the lane on GitHub and a webhook receiver),
 * {@code gate} (the ADR-005 gate against a live staging URL), {@code health} (pipeline health on a
 * schedule), {@code preview} (preview environments per pull request) and {@code console} (the Promotions
 * page in front of a host's lane). The seed scenario that
 * {@code platinur demo} prints lives with the command; the Promotions console in
 * {@code platinur-console}.
 */
package io.platinur.examples;
