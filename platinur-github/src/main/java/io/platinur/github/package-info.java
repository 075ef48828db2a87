/**
 * Platinur on GitHub (github.com and GitHub Enterprise Server), through github-api: promotion PRs,
 * CI and deployment truth at an exact commit, pipeline-health alert issues, and webhooks. Start at
 * {@link io.platinur.github.GitHubPlatform} (built from {@link io.platinur.github.GitHubSettings})
 * and {@link io.platinur.github.GitHubWebhooks}.
 *
 * <p>GitHub is polled for the truth; webhooks only say when to poll sooner.
 */
package io.platinur.github;
