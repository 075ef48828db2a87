/**
 * The Promotions console: a small web page on the JDK's HTTP server that shows a staging lane the
 * way the seed describes it (lock banner, staged batch, proposal cards with their status, the
 * release actions, the promotion gate, the lane's history) and offers the actions a person has.
 * Start it with {@code ./platinur console}, or embed {@link io.platinur.console.PromotionsConsole};
 * the host hands it a {@link io.platinur.console.ProposalCatalog} and, offline, an
 * {@link io.platinur.console.OfflineHost} and {@link io.platinur.console.ReportedGateEvidence}.
 * {@link io.platinur.console.HttpSmokeTests} checks a live staging URL for the promotion gate.
 */
package io.platinur.console;
