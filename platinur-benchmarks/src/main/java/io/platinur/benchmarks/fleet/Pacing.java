package io.platinur.benchmarks.fleet;

import java.time.Duration;
import java.time.Instant;

/**
 * The {@code WriteBudget} of a simulated fleet's hosts: a budget per repository (pushes a minute) and per installation (content-creating requests a
 * minute and an hour) shared by every host: a write reserves the earliest slot the budget has room
 * for, after every slot reserved before it, and waits until then. Writes are served in the order
 * they asked (first come, first served, so no service starves another), and the limits are met by
 * waiting, never by being refused.
 */
final class Pacing {
  // a request lands up to its latency after its slot: the windows keep that margin
  private static final Duration MARGIN = Duration.ofSeconds(2);
  private final Window pushes = new Window(Duration.ofMinutes(1).plus(MARGIN));
  private final Window creatingMinute = new Window(Duration.ofMinutes(1).plus(MARGIN));
  private final Window creatingHour = new Window(Duration.ofHours(1).plus(MARGIN));
  private final int pushesPerMinute;
  private final int creatingPerMinute;
  private final int creatingPerHour;
  private Instant lastSlot = Instant.EPOCH;
  long waits;
  Duration waited = Duration.ZERO;
  Duration longestWait = Duration.ZERO;

  Pacing(int pushesPerMinute, int creatingPerMinute, int creatingPerHour) {
    this.pushesPerMinute = pushesPerMinute;
    this.creatingPerMinute = creatingPerMinute;
    this.creatingPerHour = creatingPerHour;
  }

  /**
   * Reserves a slot for one write (a push, a content-creating request, or both: a merge) and
   * answers when it may start.
   */
  Instant reserve(boolean push, boolean creating, Instant now) {
    Instant slot = now.isAfter(lastSlot) ? now : lastSlot;
    for (int round = 0; round < 3; round++) {
      if (push) {
        slot = pushes.roomAt(slot, 1, pushesPerMinute);
      }
      if (creating) {
        slot = creatingHour.roomAt(creatingMinute.roomAt(slot, 1, creatingPerMinute), 1, creatingPerHour);
      }
    }
    if (push) {
      pushes.add(slot, 1);
    }
    if (creating) {
      creatingMinute.add(slot, 1);
      creatingHour.add(slot, 1);
    }
    lastSlot = slot;
    if (slot.isAfter(now)) {
      Duration wait = Duration.between(now, slot);
      waits++;
      waited = waited.plus(wait);
      longestWait = wait.compareTo(longestWait) > 0 ? wait : longestWait;
    }
    return slot;
  }
}
