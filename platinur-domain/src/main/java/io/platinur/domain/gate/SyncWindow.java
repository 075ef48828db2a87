package io.platinur.domain.gate;

import io.platinur.domain.InvalidValueException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A recurring window, in UTC, during which promotions to Prod may sync: these days, from
 * {@code start} (inclusive) to {@code end} (exclusive).
 */
public record SyncWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end) {
  public SyncWindow {
    Objects.requireNonNull(days, "days");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (days.isEmpty() || !start.isBefore(end)) {
      throw new InvalidValueException("A sync window needs at least one day and a start before its end.");
    }
    days = Set.copyOf(EnumSet.copyOf(days));
  }

  /** Whether {@code now} falls inside the window. */
  public boolean isOpenAt(Instant now) {
    ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
    LocalTime time = utc.toLocalTime();
    return days.contains(utc.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
  }
}
