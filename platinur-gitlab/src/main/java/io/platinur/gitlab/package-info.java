/**
 * Platinur on GitLab (gitlab.com and self-managed), through GitLab's REST API v4: promotion merge
 * requests, CI truth at an exact commit from pipelines and commit statuses, approvals, deployments,
 * the promotion gate as a commit status, and webhooks. Start at
 * {@link io.platinur.gitlab.GitLabPlatform} (built from {@link io.platinur.gitlab.GitLabSettings}).
 *
 * <p><b>Why the JDK's HTTP client and Jackson, not gitlab4j-api.</b> gitlab4j-api 6.2.0 fails this
 * build's {@code dependencyConvergence} rule out of the box (its own tree asks for
 * {@code jakarta.activation-api} 2.1.1 and 2.1.3, and {@code jackson-databind} 2.18.0 against the
 * build's 2.20.0), and brings Jersey 3, HK2, Apache HttpClient 4, {@code commons-logging} and the
 * servlet API into every host (about twenty jars for some thirty REST calls). Its Apache connector
 * also retries failed connections on its own, outside the adapter's retry budget, where a write
 * whose outcome is open must never be sent again. The JDK's client with Jackson (already on the
 * build's classpath) keeps each request, each retry and each header in one place.
 *
 * <p>GitLab is polled for the truth; webhooks only say when to poll sooner.
 */
package io.platinur.gitlab;
