package io.platinur.spring;

/**
 * Something besides the syncs that the schedule refreshes on every tick, such as the delivery
 * metrics' meters (which read only what is new in Git since the last refresh).
 */
@FunctionalInterface
interface ScheduledRefresh {
  void refresh();
}
