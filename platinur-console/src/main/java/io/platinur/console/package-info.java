/**
 * The Promotions console: a small web page on the JDK's HTTP server that shows a staging lane the
 * way the seed describes it (lock banner, staged batch, proposal cards with their status, the
 * promotion gate, the lane's history) and offers the actions a person has. Start it with {@code
 * ./platinur console}, or embed {@link io.platinur.console.PromotionsConsole}.
 */
package io.platinur.console;
