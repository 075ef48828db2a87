package io.platinur.gitlab;

import java.time.Duration;

/** Waits between attempts; tests pass one that records the waits instead. */
@FunctionalInterface
interface Sleeper {
  Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
