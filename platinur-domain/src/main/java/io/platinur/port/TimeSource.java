package io.platinur.port;

import java.time.Instant;

/**
 * The host's clock, for audit entries and gate timing. The domain never reads a clock itself;
 * hosts pass {@code java.time.Clock.systemUTC()::instant}, tests pass a fixed or stepping source.
 */
@FunctionalInterface
public interface TimeSource {
  Instant now();
}
