/**
 * In-memory adapters for use-case tests that need no Git and no forge: {@link
 * io.platinur.testkit.memory.InMemoryForge} is a staging repository and a pull-request host in one.
 */
package io.platinur.testkit.memory;
