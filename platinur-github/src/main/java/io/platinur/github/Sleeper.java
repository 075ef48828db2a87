package io.platinur.github;

import java.time.Duration;

/** Pauses between attempts; tests substitute one that records instead of sleeping. */
@FunctionalInterface
interface Sleeper {
  Sleeper REAL = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
