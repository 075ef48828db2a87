/**
 * What {@code platinur demo} and a fresh {@code platinur console} run on: the seed scenario on real
 * Git ({@link io.platinur.cli.demo.SeedScenarioDemo}), promote by digest on a GitOps repository
 * ({@link io.platinur.cli.demo.DigestPromotionDemo}, {@link io.platinur.cli.demo.DemoGitOpsRepository}),
 * and a fresh lane to try the Promotions console on ({@link io.platinur.cli.demo.FreshLane}). Not
 * API: the command's own scenery.
 */
package io.platinur.cli.demo;
