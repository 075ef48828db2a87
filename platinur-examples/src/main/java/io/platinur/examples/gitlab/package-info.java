/**
 * Platinur on GitLab: a staging lane whose promotion merge requests, CI, approvals and deployments
 * come from a GitLab project, and the whole lifecycle (the seed scenario, then a digest climbing
 * dev → staging → prod with a failed canary rolled back) walked on it.
 */
package io.platinur.examples.gitlab;
