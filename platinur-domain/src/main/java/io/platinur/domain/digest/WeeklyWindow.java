package io.platinur.domain.digest;

import io.platinur.domain.InvalidValueException;
import io.vavr.collection.List;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A window that recurs every week in a time zone: on these days, from {@code start} (inclusive) to
 * {@code end} (exclusive), local time. A window whose end is not after its start runs past
 * midnight into the next day ({@code Fri 22:00–02:00} ends on Saturday at 02:00). Local time
 * follows the zone's daylight-saving rules.
 */
public record WeeklyWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {
  public WeeklyWindow {
    Objects.requireNonNull(days, "days");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(zone, "zone");
    if (days.isEmpty()) {
      throw new InvalidValueException("A window needs at least one day.");
    }
    if (start.equals(end)) {
      throw new InvalidValueException("A window's start and end must differ.");
    }
    days = Set.copyOf(EnumSet.copyOf(days));
  }

  /**
   * A window from its parts as a person writes them; the zone is an IANA name such as
   * {@code Europe/Berlin} or {@code UTC}. Every problem is reported at once.
   */
  public static Validation<List<String>, WeeklyWindow> parse(Set<DayOfWeek> days, LocalTime start, LocalTime end, String zone) {
    Validation<String, Set<DayOfWeek>> checkedDays =
        days == null || days.isEmpty() ? Validation.invalid("A window needs at least one day.") : Validation.valid(days);
    Validation<String, LocalTime> checkedEnd =
        start != null && start.equals(end) ? Validation.invalid("A window's start and end must differ.") : Validation.valid(end);
    Validation<String, ZoneId> checkedZone =
        Try.of(() -> ZoneId.of(zone))
            .toValidation(error -> "Unknown time zone ‘" + String.valueOf(zone).replaceAll("\\p{Cntrl}", "?")
                + "’: use an IANA zone name such as Europe/Berlin or UTC.");
    return Validation.combine(checkedDays, checkedEnd, checkedZone)
        .ap((d, e, z) -> new WeeklyWindow(d, start, e, z))
        .mapError(List::ofAll);
  }

  /** Whether {@code now} falls inside the window. */
  public boolean contains(Instant now) {
    ZonedDateTime local = now.atZone(zone);
    LocalTime time = local.toLocalTime();
    DayOfWeek day = local.getDayOfWeek();
    if (start.isBefore(end)) {
      return days.contains(day) && !time.isBefore(start) && time.isBefore(end);
    }
    return (days.contains(day) && !time.isBefore(start)) || (days.contains(day.minus(1)) && time.isBefore(end));
  }

  /** {@code MON,TUE 09:00–17:00 Europe/Berlin}. */
  @Override
  public String toString() {
    StringBuilder shown = new StringBuilder();
    for (DayOfWeek day : EnumSet.copyOf(days)) {
      shown.append(shown.length() == 0 ? "" : ",").append(day.name(), 0, 3);
    }
    return shown + " " + start + "–" + end + " " + zone.getId();
  }
}
