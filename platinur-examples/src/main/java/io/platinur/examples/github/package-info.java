/**
 * A staging lane on GitHub ({@link io.platinur.examples.github.GitHubLaneExample}) and a signed-webhook
 * receiver that triggers Sync Promotions ({@link io.platinur.examples.github.WebhookReceiver}).
 */
package io.platinur.examples.github;
