/**
 * In-memory adapters for use-case tests that need no Git and no forge: {@link
 * io.platinur.testkit.memory.InMemoryForge} is a staging repository and a pull-request host in one;
 * {@link io.platinur.testkit.memory.InMemoryPullRequests}, {@link
 * io.platinur.testkit.memory.InMemoryPreviewStore} and {@link
 * io.platinur.testkit.memory.InMemoryPreviewResources} run preview environments.
 */
package io.platinur.testkit.memory;
