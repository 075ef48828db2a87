/**
 * Embedding a staging lane in a host application with no forge: {@link io.platinur.examples.embed.OfflineLaneExample}.
 */
package io.platinur.examples.embed;
